/**
 * A synapse kind's definition (see `synapseDefinition`) read into what the kernel steps: its
 * variables, where spikes land, each derivative as terms linear in one variable, and its effect
 * on the neuron, with every constant folded. The one place that reads a definition's text; the
 * kernel's `groupInput` and the time-step checks take it from here.
 *
 * A derivative is a sum of terms each linear in one variable with constant coefficients
 * (`-s / tau`, `h`), so that a step is `x ← x·(1 + r) + Σ rⱼ·xⱼ` with each rate r = b·dt/d
 * folded as `constantRate` folds it: `-s / tau` gives r = −(dt/τ), and the factor 1 − dt/τ,
 * the very number the kernels have always used.
 *
 * @example
 * ```ts
 * import { synapseDefinitionOf } from './synapseDefinition.js';
 * import { synapseTraces, traceRate } from './synapseTraces.js';
 * const traces = synapseTraces(synapseDefinitionOf({ kind: 'expCurrent', tau: 5, g: 0.3 }, 'v'));
 * traceRate(traces, traces.terms[0]![0]!, 0.1); // -0.02
 * ```
 * @module
 */
import { ExprError, type Expr } from '../expr/expr.js';
import { constantRate, fold } from '../expr/fold.js';
import { linearIn, mentions, type LinearParts } from '../expr/linearIn.js';
import { sourceLines, where } from '../expr/neuronModel.js';
import { parseExpression } from '../expr/parseExpression.js';
import { traceEquation, traceNames } from '../expr/traceEquation.js';
import type { GroupSpec } from '../groupSpec.js';
import type { NetworkSpec } from '../networkSpec.js';
import { checkedModelOf } from '../modelOf.js';
import type { SynapseSpec } from '../projectionSpec.js';
import { modelGroupOf } from './modelGroupOf.js';
import { synapseDefinitionOf, type SynapseDefinition } from './synapseDefinition.js';

/** One term of a derivative: linear in the variable `from` (an index into `variables`). */
export interface TraceTerm {
  readonly from: number;
  readonly parts: LinearParts;
}

/** What a synapse's trace does to its neuron, its constants folded. */
export type SynapseEffect =
  /** A term of `I`: `gain·s`, times `(E − v)` for a conductance. */
  | { readonly kind: 'input'; readonly gain: number; readonly E: number | null }
  /** A jump of the state variable `state` by `gain·s`. */
  | { readonly kind: 'jump'; readonly state: string; readonly gain: number };

/** A definition as the kernel steps it. */
export interface SynapseTraces {
  /** The variables per postsynaptic neuron, the trace `s` first (`s` alone without equations). */
  readonly variables: readonly string[];
  /** The index of the variable that spikes add to. */
  readonly into: number;
  /** Per variable, its derivative's terms (none without equations). */
  readonly terms: readonly (readonly TraceTerm[])[];
  readonly effect: SynapseEffect;
  /** Whether the variables always step by forward Euler (else as their target integrates). */
  readonly euler: boolean;
  /** The definition's parameters. */
  readonly constants: ReadonlyMap<string, number>;
}

/**
 * Reads a definition.
 *
 * @param def - a synapse kind's definition
 * @returns what the kernel steps
 * @throws RangeError naming the line and column of a form the kernel cannot step
 */
export function synapseTraces(def: SynapseDefinition): SynapseTraces {
  const constants = new Map(Object.entries(def.parameters));
  const names = traceNames(def.equations);
  const variables = names.length > 0 ? names : ['s'];
  const terms: TraceTerm[][] = [];
  const scope = { states: new Set(variables), params: new Set(constants.keys()), builtins: new Set<string>() };
  try {
    for (const { text, line, offset } of sourceLines(def.equations)) {
      const { name, expr } = traceEquation(text, line, offset, variables.slice(0, terms.length), scope);
      if (name !== variables[terms.length]) throw new ExprError(`"${name}" out of order`, line, offset + 1);
      terms.push(linearTerms(expr, variables, constants));
    }
    const effect = readEffect(def.effect, variables[0]!, constants);
    const into = variables.indexOf(def.spikesInto);
    if (into < 0) throw new ExprError(`spikes go into "${def.spikesInto}", which is not a variable (${variables.join(', ')})`, 1, 1);
    return { variables, into, terms, effect, euler: def.method === 'euler', constants };
  } catch (e) {
    if (e instanceof ExprError) throw new RangeError(`synapse definition: ${where(e)}`);
    throw e;
  }
}

/**
 * The rate r = b·dt/d₁/… of a term (see `constantRate`): the step adds r·x of its variable.
 *
 * @param traces - the synapse
 * @param term - one of its terms
 * @param dt - the time step, ms
 * @returns r
 */
export function traceRate(traces: SynapseTraces, term: TraceTerm, dt: number): number {
  return constantRate(term.parts, traces.constants, dt)!.rate;
}


/** A derivative's terms: each linear in one variable with a constant rate. */
function linearTerms(e: Expr, variables: readonly string[], constants: ReadonlyMap<string, number>): TraceTerm[] {
  return summands(e).map((term) => {
    const from = variables.filter((x) => mentions(term, x));
    const parts = from.length === 1 ? linearIn(term, from[0]!) : null;
    if (parts === null || parts.a !== null || constantRate(parts, constants, 1) === null) throw new ExprError('expected a term linear in one variable with constant coefficients', term.line, term.at);
    return { from: variables.indexOf(from[0]!), parts };
  });
}

/** The summands of a sum, a difference's right side negated. */
function summands(e: Expr): Expr[] {
  if (e.kind !== 'binary' || (e.op !== '+' && e.op !== '-')) return [e];
  const right = summands(e.right);
  return [...summands(e.left), ...(e.op === '+' ? right : right.map((r): Expr => ({ kind: 'neg', arg: r, line: r.line, at: r.at })))];
}

const EFFECT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\+=/;

/** `I += G * s` (times `(E - v)`), or `x += G * s`. */
function readEffect(text: string, trace: string, constants: ReadonlyMap<string, number>): SynapseEffect {
  const m = EFFECT.exec(text);
  if (m === null) throw new ExprError('expected "I += expression" or "x += expression"', 1, 1);
  const e = parseExpression(text.slice(m[0].length), 1, m[0].length);
  // A conductance: a last factor (E − v), E constant and v the neuron's (not a synapse's) variable.
  const drive = e.kind === 'binary' && e.op === '*' && e.right.kind === 'binary' && e.right.op === '-' && e.right.right.kind === 'id' && !constants.has(e.right.right.name) && e.right.right.name !== trace ? e.right : null;
  const E = drive === null ? null : fold(drive.left, constants);
  const gainOf = drive === null ? e : (e as Extract<Expr, { kind: 'binary' }>).left;
  const parts = linearIn(gainOf, trace);
  const gain = parts === null || parts.a !== null || parts.b === null || parts.divisors.length > 0 ? null : fold(parts.b, constants);
  if (gain === null || (drive !== null && E === null)) throw new ExprError(`expected G * ${trace} or G * ${trace} * (E - v) with G and E constants`, e.line, e.at);
  if (m[1] === 'I') return { kind: 'input', gain, E };
  if (drive !== null) throw new ExprError('a jump cannot be a conductance', e.line, e.at);
  return { kind: 'jump', state: m[1]!, gain };
}

const ofSpec = new WeakMap<SynapseSpec, Map<string, SynapseTraces>>();

/**
 * A projection's synapse as the kernel steps it (once per synapse spec and membrane name).
 *
 * @param syn - the projection's synapse
 * @param post - its target group (undefined in a spec whose checks have not passed)
 * @returns its definition, read
 */
export function tracesOf(syn: SynapseSpec, post: GroupSpec | undefined): SynapseTraces {
  // A target that is missing, or a model with issues, is reported where it is checked; its
  // membrane is then only a name, which nothing but the effect reads.
  const checked = post === undefined ? null : checkedModelOf(modelGroupOf(post));
  const membrane = checked !== null && 'model' in checked ? checked.model.states[0]! : 'v';
  const made = ofSpec.get(syn) ?? new Map<string, SynapseTraces>();
  ofSpec.set(syn, made);
  let traces = made.get(membrane);
  if (traces === undefined) {
    traces = synapseTraces(synapseDefinitionOf(syn, membrane));
    made.set(membrane, traces);
  }
  return traces;
}

/**
 * A network's projection as the kernel steps it (see {@link tracesOf}): how many variables each
 * target neuron keeps for it (the kernels' arrays `s`, then `h`), and which one spikes go into.
 *
 * @param spec - the network
 * @param pi - the projection's index
 * @returns its definition, read
 */
export function projectionTraces(spec: NetworkSpec, pi: number): SynapseTraces {
  const p = spec.projections[pi]!;
  return tracesOf(p.synapse, spec.groups.find((g) => g.name === p.post));
}
