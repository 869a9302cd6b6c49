/**
 * The checked model of a `neuron` group, made once per group spec: `checkNetworkSpec` refuses
 * any spec whose model has issues, so the kernel and the memory estimate ask for it freely.
 *
 * @example
 * ```ts
 * import { modelOf } from './modelOf.js';
 * modelOf(group).states; // ['v', 'vt']
 * ```
 * @module
 */
import { neuronModel, type ModelIssue, type NeuronModel } from './expr/neuronModel.js';
import type { Initializer, NeuronGroupSpec } from './groupSpec.js';
import type { InputSpec } from './inputSpec.js';
import { SpecError } from './specError.js';
import { checkedOnce } from './checkedOnce.js';
import type { ModelGroup } from './library/modelGroup.js';

/**
 * The model of a group, or its issues.
 *
 * @param g - a `neuron` group spec
 * @returns `{ model }` or `{ issues }` (fields of the group, not yet full paths)
 */
export const checkedModelOf: (g: NeuronGroupSpec) => { model: NeuronModel } | { issues: ModelIssue[] } = checkedOnce((g: NeuronGroupSpec & Pick<ModelGroup, 'heldWhile'>) =>
  neuronModel({
    equations: g.equations,
    threshold: g.threshold,
    reset: g.reset,
    refractory: typeof g.refractory === 'string' ? g.refractory : g.heldWhile,
    method: g.method,
    parameters: Object.keys(g.parameters ?? {}),
    initial: Object.keys(g.initial ?? {}),
  }),
);

/**
 * The model of a group whose spec passed `checkNetworkSpec`.
 *
 * @param g - a `neuron` group spec
 * @returns its checked model
 * @throws {@link SpecError} when the model has issues (a spec that skipped the checks)
 */
export function modelOf(g: NeuronGroupSpec): NeuronModel {
  const entry = checkedModelOf(g);
  if ('issues' in entry) throw new SpecError(entry.issues.map((x) => ({ path: `group "${g.name}".${x.field}`, message: x.message })));
  return entry.model;
}

/**
 * The parameters of a `neuron` group given as initializers (one value per neuron), in the
 * spec's order: the kernels keep an array for each, in this order.
 *
 * @param g - the group
 * @returns their names and initializers
 */
export function perNeuronParameters(g: NeuronGroupSpec): [string, Initializer][] {
  return Object.entries(g.parameters ?? {}).flatMap(([name, value]) => (typeof value === 'number' ? [] : [[name, value] as [string, Initializer]]));
}

/**
 * The names of a model with one value for the whole group, folded into literals by both
 * lowerings: `dt`, `N`, `pi` and the parameters given as one number. (Which names fold does not
 * depend on dt, only their values.)
 *
 * @param g - the group
 * @param dt - the time step, ms
 * @param setAtRunTime - parameters that inputs set at run time (see {@link parameterInputs}): not constants
 * @returns values by name
 */
export function modelConstants(g: NeuronGroupSpec, dt: number, setAtRunTime: ReadonlySet<string> = new Set()): Map<string, number> {
  const constants = new Map<string, number>([
    ['dt', dt],
    ['N', g.size],
    ['pi', Math.PI],
  ]);
  for (const [name, value] of Object.entries(g.parameters ?? {})) if (typeof value === 'number' && !setAtRunTime.has(name)) constants.set(name, value);
  return constants;
}

/**
 * The parameters of group `group` that `parameter` inputs set at run time, with each input's
 * index: the lowerings read them from the inputs' slots where they would fold a literal.
 *
 * @param inputs - the network's inputs
 * @param group - the group's name
 * @returns input index by parameter name
 */
export function parameterInputs(inputs: readonly InputSpec[], group: string): Map<string, number> {
  const out = new Map<string, number>();
  inputs.forEach((input, k) => {
    if (input.kind === 'parameter' && input.group === group) out.set(input.parameter, k);
    // A Poisson group's rate input sets its definition's `rate` (see poissonDefinition).
    else if (input.kind === 'rate' && input.group === group) out.set('rate', k);
  });
  return out;
}
