/**
 * A user's neuron model, from its source (equations, threshold, reset, method, parameter
 * names) to a checked model: the trees a code generator lowers, with every name known, every
 * type right and the method fitting the equations. Nothing is generated from a model that did
 * not pass here.
 *
 * The equations take Brian2's form, one per line (or separated by `;`):
 *
 * ```text
 * dv/dt = (v*v/10 + drive + I) / tau : 1     a state variable and its derivative (the unit is ignored)
 * a = v / 10                                 a named sub-expression, substituted where it is used
 * ```
 *
 * The first state variable is the group's membrane variable: probes name it `V`, delta synapses
 * jump it and conductance synapses drive it. Names an expression may use: the model's state
 * variables, sub-expressions and parameters; `I` (the summed input of the group's projections
 * and inputs), `t` (ms), `dt` (ms), `i` (the neuron's index), `N` (the group's size), `pi`; `xi`
 * and `xi_<name>` (white noise, in derivatives only, with `euler`; a name that recurs is one
 * noise); and the draws `rand()` and `randn()`, in the threshold and the reset only.
 *
 * @example
 * ```ts
 * import { neuronModel } from './neuronModel.js';
 * const result = neuronModel({ equations: 'dv/dt = (I - v) / tau', threshold: 'v >= 15', reset: 'v = 0', parameters: ['tau'] });
 * if ('issues' in result) console.log(result.issues); else console.log(result.model.states); // ['v']
 * ```
 * @module
 */
import { ExprError, FUNCTIONS, isComparison, isLogical, nodesOf, type Expr } from './expr.js';
import { linearIn, mentions, substitute, type LinearParts } from './linearIn.js';
import { KEYWORDS, parseExpression, parsePrefixOf } from './parseExpression.js';

/** How a model's state steps from one time step to the next (docs/models.md states each). */
export type Method = 'euler' | 'exponential_euler' | 'rk2' | 'rk4';

/** The integration methods, for codecs and messages. */
export const METHODS: readonly Method[] = ['euler', 'exponential_euler', 'rk2', 'rk4'];

/** Names every model may use, and no model may define. */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set(['I', 't', 'dt', 'i', 'N', 'pi', 'xi']);

/** A neuron model's source, as a group spec holds it. */
export interface NeuronModelSource {
  readonly equations: string;
  readonly threshold: string;
  readonly reset?: string | undefined;
  readonly method?: Method | undefined;
  /** The names of the parameters (their values do not matter here). */
  readonly parameters: readonly string[];
  /** The names given initial values. */
  readonly initial?: readonly string[];
  /**
   * A refractory condition (Brian2's `refractory='v > -20*mV'`): a neuron is refractory while it
   * holds, evaluated each step on the values at the step's start; or a refractory period in ms
   * written as an expression of the parameters (`'tref'`, a parameter one value per neuron).
   */
  readonly refractory?: string | undefined;
}

/** One statement of a reset: `target op= value`. */
export interface Assignment {
  readonly target: string;
  readonly op: '=' | '+=' | '-=' | '*=' | '/=';
  readonly value: Expr;
}

/** A checked neuron model. */
export interface NeuronModel {
  /** The state variables, in the order of their equations: `states[0]` is the membrane variable. */
  readonly states: readonly string[];
  /** Per state, its derivative with sub-expressions substituted and `xi` set to 0. */
  readonly derivatives: readonly Expr[];
  /** Per state, the coefficient of its noise (`xi` or `xi_…`) in its derivative, or null where it has none. */
  readonly noise: readonly (Expr | null)[];
  /**
   * Per state, the name of its noise, or null: `xi`, a deviate of its own; `xi_<suffix>`
   * (Brian2's names), one deviate per name, the same in every equation that names it.
   */
  readonly noiseNames: readonly (string | null)[];
  /** Per state, its derivative's parts linear in the state itself (null where not linear). */
  readonly linear: readonly (LinearParts | null)[];
  /** Per state, the line its equation is on (for messages). */
  readonly lines: readonly number[];
  /**
   * Per state, whether its equation carries Brian2's flag `(unless refractory)`: during a
   * refractory period it is held at its value, where an equation without the flag goes on
   * being integrated (the neuron cannot spike either way).
   */
  readonly clamped: readonly boolean[];
  readonly threshold: Expr;
  /**
   * The refractory condition, or null: a neuron is refractory at a step where it holds on the
   * values at the step's start (after the step's jumps), as Brian2's
   * `not_refractory = not (condition)` before its state update. A refractory neuron cannot
   * spike, and its `(unless refractory)` variables keep their values from before the step.
   */
  readonly refractory: Expr | null;
  /**
   * A refractory period as an expression, ms, or null: of the parameters, `dt`, `N`, `i` and
   * constants only, so each neuron's is fixed; evaluated at each spike and counted in steps as
   * Brian2's `timestep` counts them, ⌊(x + 0.001·dt)/dt⌋. A neuron spiking at step k is then
   * refractory until step k + R, as with a period given as a number.
   */
  readonly period: Expr | null;
  readonly reset: readonly Assignment[];
  readonly method: Method;
  readonly parameters: readonly string[];
  /** Whether the model reads `I`: a group whose model does not takes no projections or inputs. */
  readonly usesInput: boolean;
}

/** A mistake in a model, with the field of the group spec it is in. */
export interface ModelIssue {
  readonly field: 'equations' | 'threshold' | 'refractory' | 'reset' | 'method' | 'parameters' | 'initial';
  readonly message: string;
}

/**
 * Why `name` cannot name a parameter, state variable or sub-expression, or null when it can.
 *
 * @param name - the name
 * @returns the reason, or null
 */
export function badName(name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `"${name}" is not a name (letters, digits and _, not starting with a digit)`;
  if (KEYWORDS.has(name)) return `"${name}" is a keyword`;
  if (BUILTIN_NAMES.has(name)) return `"${name}" is a built-in name (${[...BUILTIN_NAMES].join(', ')})`;
  if (isNoiseName(name)) return `"${name}" names white noise (xi, xi_1, xi_inh, …)`;
  if (Object.hasOwn(FUNCTIONS, name)) return `"${name}" is a function`;
  // Names that mean something to every JavaScript object: refused, though the code generator
  // never writes a model's names into code, so that no spec can reach them by any route.
  if (name in Object.prototype || name.startsWith('__')) return `"${name}" is reserved`;
  return null;
}

/**
 * Whether a name is white noise: `xi`, or Brian2's `xi_<suffix>` (one noise, the same wherever the
 * name recurs).
 *
 * @param name - an identifier
 * @returns true for a noise name
 */
export function isNoiseName(name: string): boolean {
  return name === 'xi' || /^xi_[A-Za-z0-9_]+$/.test(name);
}

/** The noise names an expression reads, in order of first appearance. */
function noiseNamesIn(e: Expr): string[] {
  const names = [...nodesOf(e)].flatMap((n) => (n.kind === 'id' && isNoiseName(n.name) ? [n.name] : []));
  return [...new Set(names)];
}

/**
 * Per state, where its normal deviate comes from: −1 without noise, k itself where it draws its
 * own (a plain `xi`, or the first equation naming an `xi_…`), or the earlier state whose deviate
 * it shares (a recurring `xi_…`). Both lowerings draw in this order, one deviate per own entry.
 *
 * @param model - a checked model
 * @returns one entry per state
 */
export function noiseDeviates(model: NeuronModel): number[] {
  const first = new Map<string, number>();
  return model.noiseNames.map((name, k) => {
    if (name === null) return -1;
    if (name === 'xi') return k;
    const j = first.get(name);
    if (j !== undefined) return j;
    first.set(name, k);
    return k;
  });
}

/** An expression error as one line of a message: `line L, column C: what`. */
export const where = (e: ExprError): string => `line ${e.line}, column ${e.column}: ${e.message}`;

/** The lines of a source: split at newlines and `;`, comments (`#` to the end) removed. */
export function sourceLines(text: string): { text: string; line: number; offset: number }[] {
  const out: { text: string; line: number; offset: number }[] = [];
  text.split('\n').forEach((raw, k) => {
    const hash = raw.indexOf('#');
    const body = hash >= 0 ? raw.slice(0, hash) : raw;
    let offset = 0;
    for (const part of body.split(';')) {
      if (part.trim() !== '') out.push({ text: part, line: k + 1, offset });
      offset += part.length + 1;
    }
  });
  return out;
}

/**
 * Checks a model's source and gives the checked model, or every issue found (at most one per
 * line of source).
 *
 * @param source - the equations, threshold, reset, method and the parameters' names
 * @returns `{ model }` or `{ issues }`
 */
export function neuronModel(source: NeuronModelSource): { model: NeuronModel } | { issues: ModelIssue[] } {
  const issues: ModelIssue[] = [];
  const states: string[] = [];
  const lines: number[] = [];
  const clamped: boolean[] = [];
  const raw: Expr[] = [];
  const subs = new Map<string, { expr: Expr; line: number }>();
  const method = source.method ?? 'euler';
  const params = new Set<string>();
  for (const p of source.parameters) {
    const why = badName(p);
    if (why !== null) issues.push({ field: 'parameters', message: `${why}` });
    params.add(p);
  }

  // Equations: dx/dt = expr [: unit], or y = expr [: unit].
  for (const { text, line, offset } of sourceLines(source.equations)) {
    try {
      const m = /^(\s*)(?:d([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*dt|([A-Za-z_][A-Za-z0-9_]*))\s*=/.exec(text);
      if (m === null) throw new ExprError('expected "dx/dt = expression" or "name = expression"', line, offset + 1 + (text.length - text.trimStart().length));
      const name = m[2] ?? m[3]!;
      const nameAt = offset + m[1]!.length + 1 + (m[2] !== undefined ? 1 : 0);
      const why = badName(name);
      if (why !== null) throw new ExprError(why, line, nameAt);
      if (states.includes(name) || subs.has(name)) throw new ExprError(`"${name}" is defined twice`, line, nameAt);
      if (params.has(name)) throw new ExprError(`"${name}" is a parameter and cannot also be ${m[2] !== undefined ? 'a state variable' : 'a sub-expression'}`, line, nameAt);
      const { expr, rest } = parsePrefixOf(text.slice(m[0].length), line, offset + m[0].length);
      let flagged = false;
      if (rest !== null) {
        if (rest.text !== ':') throw new ExprError(`unexpected "${rest.text}" after the expression`, line, rest.at);
        flagged = unitCheck(text.slice(rest.at - offset), line, rest.at + 1);
        if (flagged && m[2] === undefined) throw new ExprError('"(unless refractory)" belongs to a differential equation, not to a sub-expression', line, rest.at + 1);
      }
      if (m[2] !== undefined) {
        states.push(name);
        lines.push(line);
        clamped.push(flagged);
        raw.push(expr);
      } else subs.set(name, { expr, line });
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field: 'equations', message: where(e) });
    }
  }
  if (states.length === 0 && !issues.some((x) => x.field === 'equations')) {
    issues.push({ field: 'equations', message: 'no differential equation (dx/dt = …): a neuron needs at least one state variable' });
  }

  // Sub-expressions, substituted (in each other first), with cycles refused.
  const resolved = new Map<string, Expr>();
  const resolving: string[] = [];
  const resolve = (name: string): Expr => {
    const done = resolved.get(name);
    if (done !== undefined) return done;
    const sub = subs.get(name)!;
    if (resolving.includes(name)) throw new ExprError(`"${name}" is defined in terms of itself (${[...resolving, name].join(' -> ')})`, sub.line, sub.expr.at);
    resolving.push(name);
    const inner = new Map<string, Expr>();
    for (const other of subs.keys()) if (mentions(sub.expr, other)) inner.set(other, resolve(other));
    resolving.pop();
    const expr = substitute(sub.expr, inner);
    resolved.set(name, expr);
    return expr;
  };
  for (const name of subs.keys()) {
    try {
      resolve(name);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field: 'equations', message: where(e) });
      resolving.length = 0;
      resolved.set(name, { kind: 'num', value: 0, line: 1, at: 1 });
    }
  }
  const scope: Scope = { states: new Set(states), params };
  // The threshold and the reset may draw (rand(), randn()); an equation may not.
  const drawing: Scope = { ...scope, random: true };
  const expand = (e: Expr): Expr => substitute(e, resolved);
  // A sub-expression is checked even where nothing uses it: a typo there is still a typo.
  for (const [name, expr] of resolved) {
    try {
      typeOf(expr, drawing, true);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      if (subs.has(name)) issues.push({ field: 'equations', message: where(e) });
    }
  }

  const derivatives: Expr[] = [];
  const noise: (Expr | null)[] = [];
  const noiseNames: (string | null)[] = [];
  const linear: (LinearParts | null)[] = [];
  let usesInput = false;
  raw.forEach((expr, k) => {
    const full = expand(expr);
    usesInput ||= mentions(full, 'I');
    try {
      typeOf(full, scope, true, 'number');
      let drift = full;
      let coefficient: Expr | null = null;
      const names = noiseNamesIn(full);
      if (names.length > 1) throw new ExprError(`one noise term per equation: d${states[k]}/dt reads ${names.join(' and ')}`, full.line, full.at);
      const xi = names[0] ?? null;
      if (xi !== null) {
        const parts = linearIn(full, xi);
        if (parts === null) throw new ExprError(`${xi} must enter d${states[k]}/dt linearly (a term "sigma * ${xi}" added to the rest)`, full.line, full.at);
        if (method !== 'euler') throw new ExprError(`${xi} (white noise) needs method "euler" (Euler–Maruyama), not "${method}"`, full.line, full.at);
        coefficient = parts.divisors.reduce<Expr>((acc, d) => ({ kind: 'binary', op: '/', left: acc, right: d, line: acc.line, at: acc.at }), parts.b!);
        drift = substitute(full, new Map([[xi, { kind: 'num', value: 0, line: full.line, at: full.at }]]));
      }
      const parts = linearIn(drift, states[k]!);
      if (method === 'exponential_euler' && parts === null) {
        throw new ExprError(`method "exponential_euler" needs d${states[k]}/dt linear in ${states[k]}; use "euler", "rk2" or "rk4"`, lines[k]!, full.at);
      }
      derivatives.push(drift);
      noise.push(coefficient);
      noiseNames.push(xi);
      linear.push(parts);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field: 'equations', message: where(e) });
    }
  });

  let threshold: Expr = { kind: 'num', value: 0, line: 1, at: 1 };
  try {
    threshold = expand(parseExpression(source.threshold));
    if (noiseNamesIn(threshold).length > 0) throw new ExprError(`${noiseNamesIn(threshold)[0]} (white noise) belongs in the derivatives, not in the threshold`, 1, 1);
    typeOf(threshold, drawing, false, 'condition');
    usesInput ||= mentions(threshold, 'I');
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    issues.push({ field: 'threshold', message: where(e) });
  }

  let refractory: Expr | null = null;
  let period: Expr | null = null;
  if (source.refractory !== undefined) {
    try {
      const expr = expand(parseExpression(source.refractory));
      if (noiseNamesIn(expr).length > 0) throw new ExprError(`${noiseNamesIn(expr)[0]} (white noise) belongs in the derivatives, not in the refractory condition`, 1, 1);
      // No draws: the condition is evaluated every step, and a refractory neuron's draws are the
      // threshold's and the reset's only (see randomCalls).
      if (typeOf(expr, scope, false) === 'condition') {
        refractory = expr;
        usesInput ||= mentions(expr, 'I');
      } else {
        // A period: fixed per neuron, so that it means the same whenever it is evaluated.
        const varying = firstMention(expr, [...states, 'I', 't']);
        if (varying !== null) {
          throw new ExprError(`a refractory period may read parameters and constants, not "${varying.name}" (for a refractoriness that depends on the state, write a condition such as "v > -20")`, varying.line, varying.at);
        }
        period = expr;
      }
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field: 'refractory', message: where(e) });
    }
  }

  const reset: Assignment[] = [];
  for (const { text, line, offset } of sourceLines(source.reset ?? '')) {
    try {
      const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*(=|\+=|-=|\*=|\/=)/.exec(text);
      if (m === null) throw new ExprError('expected a statement "x = expression" (or +=, -=, *=, /=)', line, offset + 1 + (text.length - text.trimStart().length));
      const target = m[2]!;
      const targetAt = offset + m[1]!.length + 1;
      if (!scope.states.has(target)) {
        const what = params.has(target) ? 'is a parameter' : subs.has(target) ? 'is a sub-expression' : BUILTIN_NAMES.has(target) ? 'is a built-in name' : 'is not a state variable of this model';
        throw new ExprError(`"${target}" ${what}; only state variables (${states.join(', ') || 'none'}) can be assigned`, line, targetAt);
      }
      const value = expand(parseExpression(text.slice(m[0].length), line, offset + m[0].length));
      if (noiseNamesIn(value).length > 0) throw new ExprError(`${noiseNamesIn(value)[0]} (white noise) belongs in the derivatives, not in a reset`, line, value.at);
      typeOf(value, drawing, false, 'number');
      usesInput ||= mentions(value, 'I');
      reset.push({ target, op: m[3] as Assignment['op'], value });
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      issues.push({ field: 'reset', message: where(e) });
    }
  }

  for (const name of source.initial ?? []) {
    if (!scope.states.has(name)) issues.push({ field: 'initial', message: `"${name}" is not a state variable of this model (state variables: ${states.join(', ') || 'none'})` });
  }
  if (issues.length > 0) return { issues };
  return { model: { states, derivatives, noise, noiseNames, linear, lines, clamped, threshold, refractory, period, reset, method, parameters: [...params], usesInput } };
}

/**
 * Whether any expression of a model (derivatives, noise coefficients, threshold, refractory
 * condition, reset) reads a
 * name: the lowerings ask it of `t` and `i`.
 *
 * @param model - a checked model
 * @param name - the name
 * @returns true when some expression mentions it
 */
export function modelReads(model: NeuronModel, name: string): boolean {
  return modelTrees(model).some((e) => mentions(e, name));
}

/**
 * Every expression of a model: derivatives, noise coefficients, threshold, refractory condition
 * or period, reset values. The passes that ask something of all of them take this list.
 *
 * @param model - a checked model
 * @returns the trees
 * @example
 * ```ts
 * modelTrees(model).some((e) => mentions(e, 't'));
 * ```
 */
export function modelTrees(model: NeuronModel): Expr[] {
  const optional = [model.refractory, model.period].filter((e) => e !== null);
  return [...model.derivatives, ...model.noise.filter((e) => e !== null), model.threshold, ...optional, ...model.reset.map((r) => r.value)];
}

/** The first identifier of `e` (left to right) that is one of `names`, or null. */
function firstMention(e: Expr, names: readonly string[]): Extract<Expr, { kind: 'id' }> | null {
  for (const n of nodesOf(e)) if (n.kind === 'id' && names.includes(n.name)) return n;
  return null;
}

/**
 * Accepts a unit after `:` (ignored), with Brian2's one flag `(unless refractory)`.
 *
 * @returns whether the flag is there
 */
function unitCheck(unit: string, line: number, at: number): boolean {
  const m = /^\s*([A-Za-z0-9_*/^.+\- ]*?)\s*(\(([^)]*)\))?\s*$/.exec(unit);
  if (m === null) throw new ExprError(`cannot read the unit "${unit.trim()}"`, line, at);
  const flags = m[3];
  if (flags !== undefined && flags.trim() !== 'unless refractory') {
    throw new ExprError(`unknown flag "(${flags.trim()})": the one flag is "(unless refractory)"`, line, at + unit.indexOf('('));
  }
  return flags !== undefined;
}

/** The names an expression may read: variables, parameters, and the built-in names of its kind. */
export interface Scope {
  readonly states: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
  /** Built-in names (default: a neuron model's, {@link BUILTIN_NAMES}). */
  readonly builtins?: ReadonlySet<string>;
  /** Whether `rand()` and `randn()` may be called: in a neuron model's threshold and reset only. */
  readonly random?: boolean;
}

/**
 * The type of an expression, checked all through: a number or a condition.
 *
 * @param e - the tree
 * @param scope - the names it may read
 * @param noise - whether `xi` may appear
 * @param want - the type it must have, if any
 * @returns its type
 * @throws ExprError at the first node that does not fit
 */
export function typeOf(e: Expr, scope: Scope, noise: boolean, want?: 'number' | 'condition'): 'number' | 'condition' {
  const got = typeOfNode(e, scope, noise);
  if (want !== undefined && got !== want) {
    throw new ExprError(want === 'number' ? 'expected a number, got a condition' : 'expected a condition (such as v >= 10), got a number', e.line, e.at);
  }
  return got;
}

function typeOfNode(e: Expr, scope: Scope, noise: boolean): 'number' | 'condition' {
  switch (e.kind) {
    case 'num':
      return 'number';
    case 'id':
      if (isNoiseName(e.name) && !noise) throw new ExprError(`${e.name} (white noise) may appear only in a derivative`, e.line, e.at);
      const builtins = scope.builtins ?? BUILTIN_NAMES;
      if (scope.states.has(e.name) || scope.params.has(e.name) || builtins.has(e.name) || isNoiseName(e.name)) return 'number';
      throw new ExprError(`unknown name "${e.name}" (known: ${[...scope.states, ...scope.params, ...builtins].join(', ')})`, e.line, e.at);
    case 'neg':
      typeOf(e.arg, scope, noise, 'number');
      return 'number';
    case 'not':
      typeOf(e.arg, scope, noise, 'condition');
      return 'condition';
    case 'binary':
      if (isLogical(e.op)) {
        typeOf(e.left, scope, noise, 'condition');
        typeOf(e.right, scope, noise, 'condition');
        return 'condition';
      }
      typeOf(e.left, scope, noise, 'number');
      typeOf(e.right, scope, noise, 'number');
      return isComparison(e.op) ? 'condition' : 'number';
    case 'call':
      if ((e.fn === 'rand' || e.fn === 'randn') && scope.random !== true) {
        throw new ExprError(`${e.fn}() draws a new number each step: it may be called in a neuron model's threshold and reset, not here${noise ? ' (for noise in an equation, use xi)' : ''}`, e.line, e.at);
      }
      for (const arg of e.args) typeOf(arg, scope, noise, 'number');
      return 'number';
    case 'cond': {
      typeOf(e.test, scope, noise, 'condition');
      const then = typeOf(e.then, scope, noise);
      typeOf(e.otherwise, scope, noise, then);
      return then;
    }
  }
}
