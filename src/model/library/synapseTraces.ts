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
 * const traces = synapseTraces(synapseDefinitionOf({ kind: 'expCurrent', tau: 5, g: 0.3 }, 'v'), 'v');
 * traceRate(traces, traces.terms[0]![0]!, 0.1); // -0.02
 * ```
 * @module
 */
import { ExprError, type Expr } from '../expr/expr.js';
import { constantRate, fold } from '../expr/fold.js';
import { linearIn, mentions, type LinearParts } from '../expr/linearIn.js';
import { badName, sourceLines, typeOf, where } from '../expr/neuronModel.js';
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

/**
 * How a synapse's variables step, the forms the kernel's lowerings write:
 * - `decay`: one variable, `dx/dt = b·x`: x·e^(b·dt) where its target integrates exactly,
 *   else x·(1 + b·dt);
 * - `cascade`: a trace fed by a second variable that spikes go into, `ds/dt = a·s + c·h`,
 *   `dh/dt = b·h`, both from the step's start: s·e^(a·dt) + K·h and h·e^(b·dt), with K the
 *   closed form's (see {@link cascadeStep}), where its target integrates exactly, else forward
 *   Euler's s·(1 + a·dt) + c·dt·h and h·(1 + b·dt);
 * - `jump`: no dynamics: `s` holds one step's arrivals, which the effect's jump takes.
 */
export type TraceForm = 'decay' | 'cascade' | 'jump';

/** A definition as the kernel steps it. */
export interface SynapseTraces {
  /** The variables per postsynaptic neuron, the trace `s` first (`s` alone without equations). */
  readonly variables: readonly string[];
  /** The index of the variable that spikes add to. */
  readonly into: number;
  /** Per variable, its derivative's terms (none without equations). */
  readonly terms: readonly (readonly TraceTerm[])[];
  readonly effect: SynapseEffect;
  readonly form: TraceForm;
  /** Whether the variables always step by forward Euler (else as their target integrates). */
  readonly euler: boolean;
  /** The definition's parameters. */
  readonly constants: ReadonlyMap<string, number>;
}

/** A mistake in a synapse definition, with the field it is in. */
export interface SynapseIssue {
  readonly field: 'equations' | 'spikesInto' | 'effect' | 'method' | 'parameters';
  readonly message: string;
}

/**
 * Checks a definition and reads it, or gives every issue found.
 *
 * @param def - a synapse kind's definition
 * @param membrane - the name of the target group's membrane variable, the `v` of a conductance's `(E - v)`
 * @returns `{ traces }` or `{ issues }`
 */
export function checkedSynapse(def: SynapseDefinition, membrane: string): { traces: SynapseTraces } | { issues: SynapseIssue[] } {
  const issues: SynapseIssue[] = [];
  const constants = new Map(Object.entries(def.parameters));
  for (const name of constants.keys()) {
    const bad = badName(name);
    if (bad !== null) issues.push({ field: 'parameters', message: `"${name}": ${bad}` });
  }
  const names = traceNames(def.equations);
  const variables = names.length > 0 ? names : ['s'];
  for (const name of constants.keys()) {
    if (variables.includes(name) || name === membrane) issues.push({ field: 'parameters', message: `"${name}" names a variable too` });
  }
  const terms: TraceTerm[][] = [];
  const scope = { states: new Set(variables), params: new Set(constants.keys()), builtins: new Set<string>() };
  const at = (field: SynapseIssue['field'], read: () => void): void => {
    try {
      read();
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field, message: where(e) });
    }
  };
  for (const { text, line, offset } of sourceLines(def.equations)) {
    at('equations', () => {
      const { expr } = traceEquation(text, line, offset, variables.slice(0, terms.length), scope);
      terms.push(linearTerms(expr, variables, constants));
    });
  }
  let effect: SynapseEffect | null = null;
  at('effect', () => {
    effect = readEffect(def.effect, variables, membrane, constants);
  });
  const into = variables.indexOf(def.spikesInto);
  if (into < 0) issues.push({ field: 'spikesInto', message: `"${def.spikesInto}" is not a variable of the synapse (${variables.join(', ')})` });
  if (issues.length > 0 || effect === null) return { issues };
  const form = formOf(variables, terms, into, effect, issues);
  return form === null ? { issues } : { traces: { variables, into, terms, effect, form, euler: def.method === 'euler', constants } };
}

/**
 * Reads a definition that is known to be sound (a built-in kind's).
 *
 * @param def - a synapse kind's definition
 * @param membrane - the name of the target group's membrane variable
 * @returns what the kernel steps
 * @throws RangeError listing the issues of a definition that is not
 */
export function synapseTraces(def: SynapseDefinition, membrane: string): SynapseTraces {
  const checked = checkedSynapse(def, membrane);
  if ('issues' in checked) throw new RangeError(`synapse definition: ${checked.issues.map((x) => `${x.field}: ${x.message}`).join('; ')}`);
  return checked.traces;
}

/** Which form the kernel steps the variables in (see {@link TraceForm}), or null with the issue. */
function formOf(variables: readonly string[], terms: readonly (readonly TraceTerm[])[], into: number, effect: SynapseEffect, issues: SynapseIssue[]): TraceForm | null {
  const only = (k: number, from: number): boolean => terms[k]!.filter((t) => t.from === from).length === 1;
  const refuse = (field: SynapseIssue['field'], message: string): null => {
    issues.push({ field, message });
    return null;
  };
  if (effect.kind === 'jump') {
    return terms.length === 0 ? 'jump' : refuse('effect', 'a jump takes the arrivals of one step: a synapse with equations adds a term to I ("I += g * s")');
  }
  if (terms.length === 0) return refuse('equations', 'none: a term of I needs a trace that decays ("ds/dt = -s / tau"); without equations the effect must be a jump ("v += w * s")');
  const [s, h] = variables;
  if (terms.length === 1) return terms[0]!.length === 1 ? 'decay' : refuse('equations', `"${s}": write its derivative as one term in ${s} ("-${s} / tau")`);
  const cascade = terms.length === 2 && terms[0]!.length === 2 && only(0, 0) && only(0, 1) && terms[1]!.length === 1 && only(1, 1);
  if (!cascade) return refuse('equations', `the kernel steps one variable, or two where the second feeds the first ("d${s}/dt = -${s} / tau1 + ${h ?? 'h'}", "d${h ?? 'h'}/dt = -${h ?? 'h'} / tau2")`);
  if (into !== 1) return refuse('spikesInto', `"${variables[into]}": spikes go into the second variable, ${h}, which feeds ${s}`);
  return 'cascade';
}

/**
 * A cascade's step over dt as the closed form gives it: with A = a·dt, B = b·dt and C = c·dt,
 * h ← h·e^B and s ← s·e^A + K·h, K = C·(e^B − e^A)/(B − A) = C·e^A·expm1(B − A)/(B − A) (C·e^A
 * where A = B, the alpha function's t·e^(−t/τ)).
 *
 * @param A - the trace's own rate times dt (see {@link traceRate})
 * @param B - the second variable's
 * @param C - the second variable's rate into the trace
 * @returns the factors of s and h, and K
 */
export function cascadeStep(A: number, B: number, C: number): { decay: number; rise: number; coupling: number } {
  const d = B - A;
  return { decay: Math.exp(A), rise: Math.exp(B), coupling: C * Math.exp(A) * (d === 0 ? 1 : Math.expm1(d) / d) };
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
    const rate = parts === null || parts.a !== null ? null : constantRate(parts, constants, 1);
    if (rate === null) throw new ExprError('expected a term linear in one variable with constant coefficients', term.line, term.at);
    if (!Number.isFinite(rate.rate)) throw new ExprError(`its coefficient is ${rate.rate} (a time constant of 0?)`, term.line, term.at);
    return { from: variables.indexOf(from[0]!), parts: parts! };
  });
}

/** The summands of a sum, a difference's right side negated. */
function summands(e: Expr): Expr[] {
  // A sum over a divisor, Brian2's `(-s + h) / tau`, is the sum of its terms over it.
  if (e.kind === 'binary' && e.op === '/') {
    const over = summands(e.left);
    return over.length === 1 ? [e] : over.map((term): Expr => ({ ...e, left: term }));
  }
  if (e.kind !== 'binary' || (e.op !== '+' && e.op !== '-')) return [e];
  const right = summands(e.right);
  return [...summands(e.left), ...(e.op === '+' ? right : right.map((r): Expr => ({ kind: 'neg', arg: r, line: r.line, at: r.at })))];
}

const EFFECT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\+=/;

/** `I += G * s` (times `(E - v)`, v the membrane), or `x += G * s`. */
function readEffect(text: string, variables: readonly string[], membrane: string, constants: ReadonlyMap<string, number>): SynapseEffect {
  const trace = variables[0]!;
  const m = EFFECT.exec(text);
  if (m === null) throw new ExprError('expected "I += expression" or "x += expression"', 1, 1 + text.length - text.trimStart().length);
  const e = parseExpression(text.slice(m[0].length), 1, m[0].length);
  typeOf(e, { states: new Set([...variables, membrane]), params: new Set(constants.keys()), builtins: new Set() }, false, 'number');
  const form = `expected G * ${trace}${m[1] === 'I' ? ` or G * ${trace} * (E - ${membrane})` : ''}, with G${m[1] === 'I' ? ' and E' : ''} numbers or parameters`;
  // A conductance: a last factor (E − v), E constant and v the neuron's membrane variable.
  const drive = m[1] === 'I' && e.kind === 'binary' && e.op === '*' && e.right.kind === 'binary' && e.right.op === '-' && e.right.right.kind === 'id' && e.right.right.name === membrane ? e.right : null;
  const E = drive === null ? null : fold(drive.left, constants);
  const gainOf = drive === null ? e : (e as Extract<Expr, { kind: 'binary' }>).left;
  const parts = linearIn(gainOf, trace);
  const gain = parts === null || parts.a !== null || parts.b === null || parts.divisors.length > 0 ? null : fold(parts.b, constants);
  if (gain === null || (drive !== null && E === null)) throw new ExprError(form, e.line, e.at);
  return m[1] === 'I' ? { kind: 'input', gain, E } : { kind: 'jump', state: m[1]!, gain };
}

const ofSpec = new WeakMap<SynapseSpec, Map<string, SynapseTraces | null>>();

/**
 * A projection's synapse as the kernel steps it (once per synapse spec and membrane name), or
 * null for a definition of the user's with issues (which `checkNetworkSpec` reports).
 *
 * @param syn - the projection's synapse
 * @param post - its target group (undefined in a spec whose checks have not passed)
 * @returns its definition, read, or null
 */
export function checkedTracesOf(syn: SynapseSpec, post: GroupSpec | undefined): SynapseTraces | null {
  // A target that is missing, or a model with issues, is reported where it is checked; its
  // membrane is then only a name, which nothing but the effect reads.
  const model = post === undefined ? null : checkedModelOf(modelGroupOf(post));
  const membrane = model !== null && 'model' in model ? model.model.states[0]! : 'v';
  const made = ofSpec.get(syn) ?? new Map<string, SynapseTraces | null>();
  ofSpec.set(syn, made);
  let traces = made.get(membrane);
  if (traces === undefined) {
    const checked = checkedSynapse(synapseDefinitionOf(syn, membrane), membrane);
    traces = 'traces' in checked ? checked.traces : null;
    made.set(membrane, traces);
  }
  return traces;
}

/**
 * A network's projection as the kernel steps it (see {@link checkedTracesOf}): how many
 * variables each target neuron keeps for it (the kernels' arrays `s`, then `h`), and which one
 * spikes go into.
 *
 * @param spec - a network that passed its checks
 * @param pi - the projection's index
 * @returns its definition, read
 * @throws RangeError for a definition with issues (a spec that skipped its checks)
 */
export function projectionTraces(spec: NetworkSpec, pi: number): SynapseTraces {
  const p = spec.projections[pi]!;
  const traces = checkedTracesOf(p.synapse, spec.groups.find((g) => g.name === p.post));
  if (traces === null) throw new RangeError(`projectionTraces: projection "${p.name}" has a synapse definition with issues (see checkNetworkSpec)`);
  return traces;
}
