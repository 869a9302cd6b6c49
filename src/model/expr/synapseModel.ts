/**
 * A learning rule, from its source (trace equations, `onPre` and `onPost` statements, parameter
 * and modulator names) to a checked rule that a code generator lowers. Nothing is generated from
 * a rule that did not pass here.
 *
 * A rule has these kinds of variables:
 *
 * - `w`, one per synapse: the synapse's weight, which a rule reads and assigns;
 * - variables per synapse of the rule's own (`synapse`, e.g. an eligibility trace
 *   `dc/dt = -c/tauc`), integrated every step as the traces are, and `onStep` statements run
 *   for every synapse every step after that (`w = clip(w + dt * M * c, 0, wmax)`): both cost
 *   time in proportion to the synapses at every step, not only at spikes;
 * - traces per presynaptic neuron (`pre`, e.g. `dapre/dt = -apre/taupre`) and per postsynaptic
 *   neuron (`post`), integrated every step (exactly where the derivative is linear in the
 *   variable with constant coefficients, as traces are; forward Euler otherwise);
 * - `s`, the target of a presynaptic spike: `s += expr` in `onPre` adds to the projection's
 *   trace (its postsynaptic current or conductance), as Brian2's `ge_post += w`.
 *
 * `onPre` runs for each spike of the presynaptic neuron, when it reaches the synapses (after the
 * projection's delay); `onPost` for each spike of the postsynaptic neuron, after every `onPre` of
 * the step, as Brian2 runs its `pre` pathway before `post`. A statement that assigns a trace of
 * the spiking side (`apre += Apre` in `onPre`) runs once per spike; one that assigns `w` or `s`
 * runs once per synapse. The statements mean what they would if every synapse had copies of the
 * traces (Brian2's per-synapse event-driven traces): each per-synapse statement sees the
 * spiking side's traces as the statements before it left them. So a statement of the spiking
 * side may not read `w` or the other side's traces, which differ between the synapses.
 *
 * @example
 * ```ts
 * import { synapseModel } from './synapseModel.js';
 * const checked = synapseModel({
 *   pre: 'dapre/dt = -apre/taupre', post: 'dapost/dt = -apost/taupost',
 *   onPre: 's += w; apre += Apre; w = clip(w + apost, 0, wmax)',
 *   onPost: 'apost += Apost; w = clip(w + apre, 0, wmax)',
 *   parameters: ['taupre', 'taupost', 'Apre', 'Apost', 'wmax'],
 * });
 * if ('issues' in checked) console.log(checked.issues);
 * ```
 * @module
 */
import { ExprError, type Expr } from './expr.js';
import { linearIn, mentions, type LinearParts } from './linearIn.js';
import { badName, sourceLines, typeOf, where, type Assignment, type Scope } from './neuronModel.js';
import { parseExpression } from './parseExpression.js';
import { traceEquation, traceNames } from './traceEquation.js';

/** A learning rule's source, as a projection's `plasticity` holds it. */
export interface SynapseModelSource {
  /** Traces per presynaptic neuron: `dx/dt = expr` lines. */
  readonly pre?: string | undefined;
  /** Traces per postsynaptic neuron. */
  readonly post?: string | undefined;
  /** Statements for each presynaptic spike; at least one `s += expr`. */
  readonly onPre: string;
  /** Statements for each postsynaptic spike. */
  readonly onPost?: string | undefined;
  /** Variables per synapse: `dx/dt = expr` lines, integrated every step. */
  readonly synapse?: string | undefined;
  /** Statements for every synapse, every step (after `synapse` is integrated). */
  readonly onStep?: string | undefined;
  /** The names of the parameters (one number each). */
  readonly parameters: readonly string[];
  /** The names of the modulators: values set at run time (a third factor). */
  readonly modulators?: readonly string[];
  /** The names given initial values. */
  readonly initial?: readonly string[];
}

/** Traces of one side: their names, derivatives and linear parts. */
export interface Traces {
  readonly states: readonly string[];
  readonly derivatives: readonly Expr[];
  /** Per trace, its derivative's parts linear in itself (null where not linear). */
  readonly linear: readonly (LinearParts | null)[];
}

/** A statement of `onPre` or `onPost`, and whether it runs once per spike or per synapse. */
export interface RuleStatement extends Assignment {
  /** `'neuron'`: assigns a trace of the spiking side, once per spike; `'synapse'`: `w` or `s`. */
  readonly per: 'neuron' | 'synapse';
}

/** A checked learning rule. */
export interface SynapseModel {
  readonly pre: Traces;
  readonly post: Traces;
  /** The rule's variables per synapse (besides `w`). */
  readonly synapse: Traces;
  readonly onPre: readonly RuleStatement[];
  readonly onPost: readonly RuleStatement[];
  /** Statements for every synapse, every step (all `per: 'synapse'`). */
  readonly onStep: readonly RuleStatement[];
  readonly parameters: readonly string[];
  readonly modulators: readonly string[];
  /** Whether any statement assigns `w` (a rule that learns; otherwise short-term only). */
  readonly learns: boolean;
}

/** A mistake in a rule, with the field of `plasticity` it is in. */
export interface RuleIssue {
  readonly field: 'pre' | 'post' | 'synapse' | 'onPre' | 'onPost' | 'onStep' | 'parameters' | 'modulators' | 'initial';
  readonly message: string;
}

/** The per-synapse names every rule has. */
export const SYNAPSE_NAMES: ReadonlySet<string> = new Set(['w', 's']);

/** The built-in names of a rule's expressions: the time step, ms. */
export const RULE_BUILTINS: ReadonlySet<string> = new Set(['dt']);

/**
 * Checks a rule's source and gives the checked rule, or every issue found.
 *
 * @param source - trace equations, statements and names
 * @returns `{ model }` or `{ issues }`
 */
export function synapseModel(source: SynapseModelSource): { model: SynapseModel } | { issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const taken = new Map<string, string>();
  const claim = (name: string, what: string, field: RuleIssue['field']): boolean => {
    const why = SYNAPSE_NAMES.has(name) ? `"${name}" is the synapse's own (${name === 'w' ? 'its weight' : 'the target of a spike'})` : badName(name);
    if (why !== null) {
      issues.push({ field, message: why });
      return false;
    }
    const before = taken.get(name);
    if (before !== undefined) {
      issues.push({ field, message: `"${name}" is ${before} already and cannot also be ${what}` });
      return false;
    }
    taken.set(name, what);
    return true;
  };
  for (const p of source.parameters) claim(p, 'a parameter', 'parameters');
  for (const m of source.modulators ?? []) claim(m, 'a modulator', 'modulators');
  const params = new Set([...source.parameters, ...(source.modulators ?? [])]);

  const preNames = traceNames(source.pre ?? '');
  const postNames = traceNames(source.post ?? '');
  const synNames = traceNames(source.synapse ?? '');
  for (const name of preNames) claim(name, 'a presynaptic trace', 'pre');
  for (const name of postNames) claim(name, 'a postsynaptic trace', 'post');
  // (An equation for w is refused where it stands, with its line: see traces.)
  for (const name of synNames) if (name !== 'w') claim(name, 'a variable per synapse', 'synapse');
  const pre = traces(source.pre ?? '', 'pre', new Set(preNames), params, issues);
  const post = traces(source.post ?? '', 'post', new Set(postNames), params, issues);
  // A synapse's variables read each other, w, the parameters and modulators.
  const synapse = traces(source.synapse ?? '', 'synapse', new Set([...synNames, 'w']), params, issues);
  const synSet = new Set(synNames.filter((x) => x !== 'w'));

  const onPre = statements(source.onPre, 'onPre', { own: new Set(preNames), other: new Set(postNames), params, synapse: synSet }, issues);
  const onPost = statements(source.onPost ?? '', 'onPost', { own: new Set(postNames), other: new Set(preNames), params, synapse: synSet }, issues);
  const onStep = statements(source.onStep ?? '', 'onStep', { own: new Set(), other: new Set(), params, synapse: synSet }, issues);
  if (!issues.some((x) => x.field === 'onPre') && !onPre.some((x) => x.target === 's')) {
    issues.push({ field: 'onPre', message: 'no statement "s += …": a presynaptic spike would reach nothing; write "s += w" (Brian2\'s on_pre = "ge_post += w")' });
  }
  for (const name of source.initial ?? []) {
    if (!preNames.includes(name) && !postNames.includes(name) && !synNames.includes(name)) {
      issues.push({ field: 'initial', message: `"${name}" is not a variable of this rule (variables: ${[...preNames, ...postNames, ...synNames].join(', ') || 'none'}); w starts from the projection's weight` });
    }
  }
  if (issues.length > 0) return { issues };
  const learns = [...onPre, ...onPost, ...onStep].some((x) => x.target === 'w');
  return { model: { pre, post, synapse, onPre, onPost, onStep, parameters: [...source.parameters], modulators: [...(source.modulators ?? [])], learns } };
}

/** The per-synapse name that has no equation. */
const NO_EQUATION: ReadonlyMap<string, string> = new Map([['w', 'w has no equation: change it in onPre, onPost or onStep ("w = clip(w + dt * M * c, 0, wmax)")']]);

/** Checks one side's trace equations, or the variables per synapse. */
function traces(text: string, field: 'pre' | 'post' | 'synapse', own: ReadonlySet<string>, params: ReadonlySet<string>, issues: RuleIssue[]): Traces {
  const states: string[] = [];
  const derivatives: Expr[] = [];
  const linear: (LinearParts | null)[] = [];
  // A trace of one side reads its own side's traces and the parameters: every neuron has its own.
  const scope: Scope = { states: own, params, builtins: RULE_BUILTINS };
  for (const { text: line, line: n, offset } of sourceLines(text)) {
    try {
      const { name, expr } = traceEquation(line, n, offset, states, scope, NO_EQUATION);
      states.push(name);
      derivatives.push(expr);
      linear.push(linearIn(expr, name));
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field, message: where(e) });
    }
  }
  return { states, derivatives, linear };
}

/** Checks the statements of `onPre` or `onPost`. */
function statements(
  text: string,
  field: 'onPre' | 'onPost' | 'onStep',
  names: { own: ReadonlySet<string>; other: ReadonlySet<string>; params: ReadonlySet<string>; synapse: ReadonlySet<string> },
  issues: RuleIssue[],
): RuleStatement[] {
  const out: RuleStatement[] = [];
  const side = field === 'onPre' ? 'presynaptic' : 'postsynaptic';
  // A statement per synapse reads everything (onStep: the synapse's own variables); one per
  // spike its own side and the parameters.
  const perSynapse: Scope = { states: new Set([...names.own, ...names.other, ...names.synapse, 'w']), params: names.params, builtins: RULE_BUILTINS };
  const perNeuron: Scope = { states: names.own, params: names.params, builtins: RULE_BUILTINS };
  for (const { text: line, line: n, offset } of sourceLines(text)) {
    try {
      const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*(=|\+=|-=|\*=|\/=)/.exec(line);
      if (m === null) throw new ExprError('expected a statement "x = expression" (or +=, -=, *=, /=)', n, offset + 1 + (line.length - line.trimStart().length));
      const target = m[2]!;
      const targetAt = offset + m[1]!.length + 1;
      const op = m[3] as Assignment['op'];
      let per: RuleStatement['per'];
      if (target === 'w' || names.synapse.has(target)) per = 'synapse';
      else if (target === 's') {
        if (field !== 'onPre') throw new ExprError('"s" (the target of a presynaptic spike) can only be added to in onPre', n, targetAt);
        if (op !== '+=') throw new ExprError('"s" can only be added to: "s += expression"', n, targetAt);
        per = 'synapse';
      } else if (names.own.has(target)) per = 'neuron';
      else if (field === 'onStep') throw new ExprError(`"${target}" is not a variable per synapse; onStep assigns w and the variables per synapse (${[...names.synapse].join(', ') || 'none'})`, n, targetAt);
      else if (names.other.has(target)) throw new ExprError(`"${target}" is a ${field === 'onPre' ? 'postsynaptic' : 'presynaptic'} trace; ${field} assigns w, ${field === 'onPre' ? 's, ' : ''}the variables per synapse and the ${side} traces`, n, targetAt);
      else throw new ExprError(`"${target}" is not a variable of this rule; ${field} assigns w, ${field === 'onPre' ? 's, ' : ''}the variables per synapse (${[...names.synapse].join(', ') || 'none'}) and the ${side} traces (${[...names.own].join(', ') || 'none'})`, n, targetAt);
      const value = parseExpression(line.slice(m[0].length), n, offset + m[0].length);
      if (per === 'neuron') {
        for (const x of ['w', ...names.other, ...names.synapse]) {
          if (mentions(value, x)) throw new ExprError(`a statement on the ${side} trace "${target}" runs once per spike and cannot read "${x}", which differs between its synapses`, n, value.at);
        }
      }
      typeOf(value, per === 'neuron' ? perNeuron : perSynapse, false, 'number');
      out.push({ target, op, value, per });
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field, message: where(e) });
    }
  }
  return out;
}
