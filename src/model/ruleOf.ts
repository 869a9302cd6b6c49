/**
 * The checked learning rule of a projection, made once per projection spec: `checkNetworkSpec`
 * refuses any spec whose rule has issues, so the kernel and the memory estimate ask for it
 * freely.
 *
 * @example
 * ```ts
 * import { ruleOf } from './ruleOf.js';
 * ruleOf(projection).pre.states; // ['apre']
 * ```
 * @module
 */
import { synapseModel, type RuleIssue, type SynapseModel } from './expr/synapseModel.js';
import type { PlasticitySpec, ProjectionSpec } from './projectionSpec.js';
import { SpecError } from './specError.js';
import { checkedOnce } from './checkedOnce.js';

/**
 * The rule of a projection's `plasticity`, or its issues.
 *
 * @param rule - the projection's `plasticity`
 * @returns `{ model }` or `{ issues }` (fields of `plasticity`, not yet full paths)
 */
export const checkedRuleOf: (rule: PlasticitySpec) => { model: SynapseModel } | { issues: RuleIssue[] } = checkedOnce((rule: PlasticitySpec) =>
  synapseModel({
    pre: rule.pre,
    post: rule.post,
    onPre: rule.onPre,
    onPost: rule.onPost,
    synapse: rule.synapse,
    onStep: rule.onStep,
    parameters: Object.keys(rule.parameters ?? {}),
    modulators: rule.modulators ?? [],
    initial: Object.keys(rule.initial ?? {}),
  }),
);

/**
 * The rule of a projection whose spec passed `checkNetworkSpec`, or null when it has none.
 *
 * @param p - a projection spec
 * @returns its checked rule, or null
 * @throws {@link SpecError} when the rule has issues (a spec that skipped the checks)
 */
export function ruleOf(p: ProjectionSpec): SynapseModel | null {
  if (p.plasticity === undefined) return null;
  const entry = checkedRuleOf(p.plasticity);
  if ('issues' in entry) throw new SpecError(entry.issues.map((x) => ({ path: `projection "${p.name}".plasticity.${x.field}`, message: x.message })));
  return entry.model;
}

/**
 * The values of a rule's parameters, and its traces' initial values, by name (numbers only: the
 * checks refuse initializers here).
 *
 * @param rule - the projection's `plasticity`
 * @returns the parameters' and the initial values
 */
export function ruleValues(rule: PlasticitySpec): { parameters: Map<string, number>; initial: Map<string, number> } {
  const numbers = (table: PlasticitySpec['parameters']): Map<string, number> =>
    new Map(Object.entries(table ?? {}).flatMap(([k, v]) => (typeof v === 'number' ? [[k, v] as [string, number]] : [])));
  return { parameters: numbers(rule.parameters), initial: numbers(rule.initial) };
}

/**
 * Whether a projection keeps something per synapse (a weight, a delay, a rule): such a
 * projection stores its synapses as compressed rows, runs in the JavaScript kernel, and cannot be
 * procedural.
 *
 * @param p - a projection spec
 * @returns the first field that asks for it, or null
 */
export function perSynapseField(p: ProjectionSpec): 'weight' | 'delays' | 'plasticity' | null {
  return p.plasticity !== undefined ? 'plasticity' : p.weight !== undefined ? 'weight' : p.delays !== undefined ? 'delays' : null;
}
