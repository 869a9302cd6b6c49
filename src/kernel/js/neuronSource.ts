/**
 * Lowers a user's neuron model (a checked `NeuronModel`) into the JavaScript step: the lines of
 * a `neuron` group's loop body that integrate its state, test its threshold and apply its reset.
 *
 * Only checked trees reach this file, and it writes no text of the spec into code: state
 * variables become `v` (the membrane variable, which delta and conductance synapses also use)
 * and `z1`, `z2`, …; parameters become number literals (one value for the group) or loads from
 * arrays (one value per neuron, `pp0`, `pp1`, …); numbers are written back from their doubles.
 *
 * Methods, for `dx/dt = f(x, t)` with `I` held over the step:
 *
 * ```text
 * euler              x ← x + dt·f(x)                         (+ g·√dt·n for a term g·xi; n ~ N(0, 1))
 * exponential_euler  f = a + b·x:  x ← x∞ + (x − x∞)·e^(b·dt),  x∞ = −a/b   (b = 0: euler)
 * rk2                x ← x + dt·f(x + dt/2·f(x), t + dt/2)     (midpoint)
 * rk4                the classical fourth-order Runge–Kutta
 * ```
 *
 * Every variable steps from the values at the start of the step. Where `f = N / c` or `f = c·N`
 * with `c` a constant (numbers and one-value parameters), Euler is written `x + N·(dt/c)` or
 * `x + N·(dt·c)` with one literal ({@link eulerSplit}), and exponential Euler's factor
 * `e^(b·dt/c)` is one literal: the arithmetic the built-in kinds, which are definitions of this
 * form (src/model/library), have always had.
 *
 * @example
 * ```ts
 * import { neuronLoopBody } from './neuronSource.js';
 * neuronLoopBody(group, 0, { dt: 0.1, groups: 1, held: 0, fail: (x, code) => `S.fail(${code}, i, step, ${x});` });
 * ```
 * @module
 */
import type { Expr, FunctionName } from '../../model/expr/expr.js';
import type { LinearParts } from '../../model/expr/linearIn.js';
import { modelReads, noiseDeviates, type NeuronModel } from '../../model/expr/neuronModel.js';
import type { GroupSpec, NeuronGroupSpec } from '../../model/groupSpec.js';
import { modelConstants, modelOf, perNeuronParameters } from '../../model/modelOf.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { KERNEL_FUNCTIONS } from '../numeric/kernelFunctions.js';
import { constantRate, fold as foldWith, smallPower } from '../../model/expr/fold.js';
import { UNIFORM_SCALE, xoshiroStepSource } from '../numeric/random.js';
import { repeatedSubtrees, treeKey } from '../../model/expr/repeatedSubtrees.js';
import { randomCalls } from '../../model/expr/randomCalls.js';
import { MAX_STEPS } from '../../model/maxSteps.js';
import { drawsRandom } from '../network/initialState.js';
import { traceName, withConductances, type LinearConductance } from '../program/linearConductances.js';

/**
 * Constant folding with the kernel's own exponential, as both lowerings' code computes it.
 *
 * @param e - the tree
 * @param constants - the names with one value
 * @returns its value, or null when it is not constant
 */
export const fold = (e: Expr, constants: ReadonlyMap<string, number>): number | null => foldWith(e, constants, KERNEL_FUNCTIONS);

/** A number as a JavaScript literal that reads back to the same double. */
const lit = (x: number): string => (Object.is(x, -0) ? '(-0)' : `(${String(x)})`);

/** What the loop body needs from the step around it. */
export interface NeuronBodyOptions {
  /** Time step, ms. */
  readonly dt: number;
  /** Groups in the network: a failure's code is `group + groups · variable`. */
  readonly groups: number;
  /** Steps a neuron is held after a spike (0: none). */
  readonly held: number;
  /** The code that reports a blow-up of the value `x`, with the failure code, and leaves the step. */
  readonly fail: (x: string, code: number) => string;
  /** Jumps into state variables other than the first (delta synapses with a `target`), in order. */
  readonly jumps?: readonly StateJump[];
  /** Parameters set at run time (`parameter` inputs): the code that reads each, in place of its literal. */
  readonly parameters?: ReadonlyMap<string, string>;
  /** Conductance synapses in v's linear part (see linearConductances); their traces are the locals `x<projection>`. */
  readonly conductances?: readonly LinearConductance[];
}

/** A jump of state variable `state` (not the first) by the value of the code `by`. */
export interface StateJump {
  readonly state: number;
  readonly by: string;
}

/** The local of state variable k in the loop body. */
const stateLocal = (k: number): string => (k === 0 ? 'v' : `z${k}`);

/** The names of a group's parameters that are one value per neuron, in their arrays' order. */
const arrayParameters = (g: NeuronGroupSpec): string[] => perNeuronParameters(g).map(([name]) => name);

/**
 * The declarations, before the step loop, of a `neuron` group's arrays: its state variables
 * after the first (`NV<g>_<k>`), its per-neuron parameters (`NP<g>_<j>`), its noise streams.
 *
 * @param g - the group
 * @param gi - its index
 * @returns lines of code
 */
export function neuronDeclarations(g: NeuronGroupSpec, gi: number): string[] {
  const model = modelOf(g);
  const out: string[] = [];
  for (let k = 1; k < model.states.length; k++) out.push(`const NV${gi}_${k} = S.groups[${gi}].vars[${k - 1}];`);
  arrayParameters(g).forEach((_, j) => out.push(`const NP${gi}_${j} = S.groups[${gi}].params[${j}];`));
  // The generators of noise, and of draws in the threshold or reset.
  if (drawsRandom(g)) out.push(`const G${gi} = S.groups[${gi}].rng;`);
  return out;
}

/**
 * The loop body of a `neuron` group after its input `I` is summed and `v` loaded: load the other
 * variables, integrate, check for a blow-up, test the threshold, reset, store.
 *
 * @param g - the group
 * @param gi - its index
 * @param options - dt, the failure code, the refractory period
 * @returns lines of code
 */
export function neuronLoopBody(g: NeuronGroupSpec, gi: number, options: NeuronBodyOptions): string[] {
  const model = modelOf(g);
  const { dt } = options;
  const out: string[] = [];
  const n = model.states.length;
  const perNeuron = arrayParameters(g);
  for (let k = 1; k < n; k++) out.push(`let ${stateLocal(k)} = NV${gi}_${k}[i];`);
  // Delta synapses into a variable: before anything reads it, as V's jumps (see kernelSource).
  for (const j of options.jumps ?? []) out.push(`${stateLocal(j.state)} = ${stateLocal(j.state)} + ${j.by};`);
  perNeuron.forEach((_, j) => out.push(`const pp${j} = NP${gi}_${j}[i];`));
  const constants = modelConstants(g, dt, new Set(options.parameters?.keys()));
  const locals = new Map<string, string>([
    ['I', 'I'],
    ['i', 'i'],
    ['t', 'tn'],
    ...(options.parameters ?? []),
    ...(options.conductances ?? []).map((c) => [traceName(c.projection), `x${c.projection}`] as const),
  ]);
  perNeuron.forEach((name, j) => locals.set(name, `pp${j}`));
  if (modelReads(model, 't')) out.push(`const tn = step * ${lit(dt)};`);
  /** The subtrees of the update computed once (see repeatedSubtrees), while it is written. */
  let shared: Map<string, string> | undefined;
  /** The code of e with the states at `at` (their locals by default) and time `t`. */
  const code = (e: Expr, at: (k: number) => string = stateLocal, t = 'tn'): string => {
    const names = new Map(locals);
    names.set('t', t);
    model.states.forEach((s, k) => names.set(s, at(k)));
    return lower(e, names, constants, shared);
  };

  // Normal deviates for the noise terms, drawn in equation order from the neuron's own stream;
  // then the threshold's draws (see randomCalls), every step, whether the neuron is held or not.
  const loadStream = `let a = G${gi}[4 * i], b = G${gi}[4 * i + 1], c = G${gi}[4 * i + 2], d = G${gi}[4 * i + 3];`;
  const storeStream = `G${gi}[4 * i] = a; G${gi}[4 * i + 1] = b; G${gi}[4 * i + 2] = c; G${gi}[4 * i + 3] = d;`;
  /** The local of each draw of the threshold and the reset, by its key (treeKey). */
  const draws = new Map<string, string>();
  const thresholdDraws = randomCalls(model.threshold);
  if (model.noise.some((e) => e !== null) || thresholdDraws.length > 0) {
    out.push(loadStream);
    // One deviate per plain xi, and per xi_… name (shared by the equations that name it).
    noiseDeviates(model).forEach((from, k) => {
      if (from === k) out.push(drawSource('randn', `nz${k}`));
      else if (from >= 0) out.push(`const nz${k} = nz${from};`);
    });
    thresholdDraws.forEach((call, j) => {
      out.push(drawSource(call.fn, `dq${j}`));
      draws.set(treeKey(call), `dq${j}`);
    });
    out.push(storeStream);
  }

  // A refractory neuron counts down (or its refractory condition holds on the values after the
  // step's jumps) and cannot spike; its `(unless refractory)` variables are held. When every
  // variable is, it skips the rest (the built-in LIF's loop); else `r_` says whether it is held
  // this step, and the other variables go on being integrated.
  const holdsAll = model.clamped.every((c) => c);
  const condition = model.refractory;
  // Counters: a period given as a number (options.held steps) or as an expression (model.period).
  const counting = options.held > 0 || model.period !== null;
  // Both (a definition's condition beside its period): held while either holds, the counter
  // counting down every step.
  if (condition !== null) out.push(`const ${counting && !holdsAll ? 'rc_' : 'r_'} = ${code(condition)};`);
  if (counting && holdsAll) out.push(`if (H${gi}[i] > 0 && --H${gi}[i] > 0) continue;`);
  if (condition !== null && holdsAll) out.push('if (r_) continue;');
  const holding = (counting || condition !== null) && !holdsAll;
  if (holding && counting) out.push(`const r_ = (H${gi}[i] > 0 && --H${gi}[i] > 0)${condition !== null ? ' || rc_' : ''};`);
  /**
   * The assignment of state k's new value, held while refractory where its equation says so: at
   * its stored value (from before the step's jumps, which a held variable loses, as in WebAssembly).
   */
  const assign = (k: number, value: string): string => `${stateLocal(k)} = ${holding && model.clamped[k] ? `r_ ? ${k === 0 ? `V${gi}[i]` : `NV${gi}_${k}[i]`} : ` : ''}${value};`;

  const next: string[] = [];
  const euler = (k: number, f: Expr, prefix: string): string => {
    const x = stateLocal(k);
    // dx/dt = 0: x keeps its value (a Poisson group's v), with no arithmetic (see constantState).
    if (constantState(f, constants)) return x;
    const split = eulerSplit(f, constants, dt);
    if (split !== null) {
      out.push(`const ${prefix}${k} = ${code(split.rest)};`);
      return `${x} + ${prefix}${k} * ${lit(split.scale)}`;
    }
    out.push(`const ${prefix}${k} = ${code(f)};`);
    return `${x} + ${lit(dt)} * ${prefix}${k}`;
  };
  if (model.method === 'euler' || model.method === 'exponential_euler') {
    // What the update reads more than once, computed once from the values at the step's start.
    shared = new Map();
    for (const [n, tree] of updateSubtrees(model, constants).entries()) {
      out.push(`const c${n}_ = ${code(tree)};`);
      shared.set(treeKey(tree), `c${n}_`);
    }
    model.derivatives.forEach((f, k) => {
      const parts = k === 0 && options.conductances !== undefined ? withConductances(model.linear[0]!, options.conductances) : model.linear[k]!;
      let update = model.method === 'exponential_euler' ? exponentialEuler(k, parts, f) : null;
      update ??= euler(k, f, 'f');
      const noise = model.noise[k];
      if (noise !== null && noise !== undefined) {
        out.push(`const g${k} = ${code(noise)};`);
        update = `${update} + g${k} * ${lit(Math.sqrt(dt))} * nz${k}`;
      }
      next.push(assign(k, update));
    });
  } else {
    // Runge–Kutta: stages by name, every variable's stage before the next stage starts.
    const half = `(tn + ${lit(dt / 2)})`;
    const stage = (name: string, at: (k: number) => string, t: string): void => {
      model.derivatives.forEach((f, k) => out.push(`const ${name}${k} = ${code(f, at, t)};`));
    };
    const moved = (name: string, by: number) => (k: number) => `(${stateLocal(k)} + ${lit(by)} * ${name}${k})`;
    if (!modelReads(model, 't')) out.push(`const tn = 0;`);
    stage('ka', stateLocal, 'tn');
    if (model.method === 'rk2') {
      stage('kb', moved('ka', dt / 2), half);
      model.states.forEach((_, k) => next.push(assign(k, `${stateLocal(k)} + ${lit(dt)} * kb${k}`)));
    } else {
      stage('kb', moved('ka', dt / 2), half);
      stage('kc', moved('kb', dt / 2), half);
      stage('kd', moved('kc', dt), `(tn + ${lit(dt)})`);
      model.states.forEach((_, k) => next.push(assign(k, `${stateLocal(k)} + ${lit(dt / 6)} * (ka${k} + 2 * kb${k} + 2 * kc${k} + kd${k})`)));
    }
  }
  out.push(...next);
  shared = undefined;

  /** Exponential Euler's update of state k, or null where its derivative does not hold it. */
  function exponentialEuler(k: number, parts: LinearParts, f: Expr): string | null {
    if (parts.b === null) return null;
    const x = stateLocal(k);
    const folded = constantRate(parts, constants, dt, KERNEL_FUNCTIONS);
    const a = parts.a === null ? '0' : code(parts.a);
    if (folded !== null) {
      const { b, rate } = folded;
      if (rate === 0) return null;
      // x∞ = −a/b, written plainly where b is ±1 (the LIF's form).
      out.push(`const i${k} = ${b === -1 ? a : b === 1 ? `-(${a})` : `-(${a}) / ${lit(b)}`};`);
      return `i${k} + (${x} - i${k}) * ${lit(Math.exp(rate))}`;
    }
    const bCode = code(parts.b);
    const scale = rateScale(parts, constants, dt);
    const rateCode = scale !== null ? `${bCode} * ${lit(scale)}` : parts.divisors.reduce((acc, d) => `${acc} / ${code(d)}`, `${bCode} * ${lit(dt)}`);
    out.push(`const b${k} = ${bCode}, e${k} = ${rateCode}, i${k} = -(${a}) / b${k};`);
    out.push(`const f${k} = b${k} === 0 ? ${code(f)} : 0;`);
    return `b${k} === 0 ? ${x} + ${lit(dt)} * f${k} : i${k} + (${x} - i${k}) * exp_(e${k})`;
  }

  // A non-finite variable is a blow-up, found before it can spike or be stored.
  model.states.forEach((_, k) => {
    const x = stateLocal(k);
    out.push(`if (!(${x} - ${x} === 0)) ${options.fail(x, gi + options.groups * k)}`);
  });
  const spike = [`R${gi}[n${gi}++] = i;`];
  // The reset's draws, when the neuron spikes, after the threshold's.
  const resetDraws = randomCalls(...model.reset.map((r) => r.value));
  if (resetDraws.length > 0) {
    spike.push(loadStream);
    resetDraws.forEach((call, j) => {
      spike.push(drawSource(call.fn, `dr${j}`));
      draws.set(treeKey(call), `dr${j}`);
    });
    spike.push(storeStream);
  }
  shared = draws;
  for (const r of model.reset) {
    const x = stateLocal(model.states.indexOf(r.target));
    spike.push(r.op === '=' ? `${x} = ${code(r.value)};` : `${x} = ${x} ${r.op[0]} ${code(r.value)};`);
  }
  if (options.held > 0) spike.push(`H${gi}[i] = ${options.held};`);
  // A period written as an expression, in steps as Brian2's timestep counts them (model/timestep.ts,
  // written out here: see NeuronModel.period).
  if (model.period !== null) spike.push(`H${gi}[i] = Math.max(Math.min(Math.floor((${code(model.period)} + ${lit(1e-3 * dt)}) / ${lit(dt)}), ${MAX_STEPS}), 0);`);
  out.push(`if (${holding ? '!r_ && ' : ''}${code(model.threshold)}) { ${spike.join(' ')} }`);
  shared = undefined;
  out.push(`V${gi}[i] = v;`);
  for (let k = 1; k < n; k++) out.push(`NV${gi}_${k}[i] = ${stateLocal(k)};`);
  return out;
}

/**
 * The subtrees that an Euler or exponential Euler update reads more than once (derivatives,
 * noise coefficients, and for exponential Euler the linear parts), to compute once per neuron
 * and step; both lowerings ask this.
 *
 * @param model - the checked model
 * @param constants - the names with one value
 * @returns the subtrees, inner ones first
 */
export function updateSubtrees(model: NeuronModel, constants: ReadonlyMap<string, number>): Expr[] {
  const trees: Expr[] = [...model.derivatives, ...model.noise.filter((e) => e !== null)];
  if (model.method === 'exponential_euler') {
    for (const parts of model.linear) if (parts !== null) trees.push(...[parts.a, parts.b].filter((e) => e !== null), ...parts.divisors);
  }
  return repeatedSubtrees(trees, (e) => fold(e, constants) !== null);
}

/**
 * Euler's split of a derivative by a constant: `f = N / c` gives `x + N·(dt/c)` and `f = c·N`
 * (or `N·c`) gives `x + N·(dt·c)`, with `dt/c` or `dt·c` one literal, so that a model steps with
 * the arithmetic of a hand-written update (the built-in LIF's `(I − v)·(dt/τ)`, Izhikevich's
 * `(dt·a)·(b v − u)`); both lowerings ask this. `c` is a constant (numbers and one-value
 * parameters), N is not.
 *
 * @param f - the derivative
 * @param constants - the names with one value
 * @param dt - the time step, ms
 * @returns N and the literal, or null
 */
export function eulerSplit(f: Expr, constants: ReadonlyMap<string, number>, dt: number): { rest: Expr; scale: number } | null {
  if (f.kind !== 'binary') return null;
  if (f.op === '*') {
    const [l, r] = [fold(f.left, constants), fold(f.right, constants)];
    if (l !== null && r === null) return { rest: f.right, scale: dt * l };
    if (r !== null && l === null) return { rest: f.left, scale: dt * r };
    return null;
  }
  if (f.op !== '/') return null;
  const c = fold(f.right, constants);
  if (c === null) return null;
  // N / c₁ / c₂ is two roundings, which one literal dt/(c₁·c₂) would not repeat: plain Euler.
  const left = f.left;
  if (left.kind === 'binary' && left.op === '/' && fold(left.right, constants) !== null) return null;
  return { rest: left, scale: dt / c };
}

/**
 * Whether a derivative is the constant 0, so that Euler's step leaves its variable as it is:
 * both lowerings then write no arithmetic for it (x + dt·0 would turn a −0 into +0, nothing
 * else).
 *
 * @param f - the derivative
 * @param constants - the names with one value
 * @returns true for dx/dt = 0
 */
export function constantState(f: Expr, constants: ReadonlyMap<string, number>): boolean {
  return fold(f, constants) === 0;
}

/**
 * Exponential Euler's time scale when a rate `b / d₁ / d₂ …` has constant divisors but a varying
 * `b` (a conductance-based membrane, `(… + gNa·m³h·(ENa − v) …) / C`): the rate is then computed
 * `b·(dt/d₁/d₂ …)` with one literal, the arithmetic of a hand-written update (`(−dt/C)·g_total`);
 * both lowerings ask this. Null where a divisor varies (or there is none: `b·dt`).
 *
 * @param parts - the linear parts
 * @param constants - the names with one value
 * @param dt - the time step, ms
 * @returns dt divided by the divisors, or null
 */
export function rateScale(parts: LinearParts, constants: ReadonlyMap<string, number>, dt: number): number | null {
  if (parts.divisors.length === 0 || parts.b === null) return null;
  // constantRate's fold of the divisors, with b = 1: 1·dt/d₁/d₂ … is dt/d₁/d₂ …, bit for bit.
  const one: Expr = { kind: 'num', value: 1, line: parts.b.line, at: parts.b.at };
  return constantRate({ ...parts, b: one }, constants, dt, KERNEL_FUNCTIONS)?.rate ?? null;
}

/**
 * A draw from the neuron's generator (its words in a, b, c, d) into the local `name`: for
 * `rand()` u = r/2³², for `randn()` (and white noise) Box–Muller from two draws,
 * √(−2·log(1 − u₁))·cos(2π·u₂) with the kernel's log and cos (1 − u keeps the logarithm finite).
 */
function drawSource(fn: 'rand' | 'randn', name: string): string {
  if (fn === 'rand') return `${xoshiroStepSource(`${name}r`)} const ${name} = (${name}r >>> 0) * ${UNIFORM_SCALE};`;
  return `${xoshiroStepSource(`${name}a`)} ${xoshiroStepSource(`${name}b`)} const ${name} = Math.sqrt(-2 * log_(1 - (${name}a >>> 0) * ${UNIFORM_SCALE})) * cos_(${lit(2 * Math.PI)} * ((${name}b >>> 0) * ${UNIFORM_SCALE}));`;
}

/** The code of each function: those ending in `_` are the kernel's (KERNEL_MATH_SOURCE); floor, ceil, trunc and sign are exact. */
const FUNCTION_CODE: Readonly<Record<Exclude<FunctionName, 'where'>, (args: string[]) => string>> = {
  exp: ([x]) => `exp_(${x})`,
  expm1: ([x]) => `expm1_(${x})`,
  exprel: ([x]) => `exprel_(${x})`,
  log: ([x]) => `log_(${x})`,
  sqrt: ([x]) => `Math.sqrt(${x})`,
  abs: ([x]) => `Math.abs(${x})`,
  sin: ([x]) => `sin_(${x})`,
  tan: ([x]) => `tan_(${x})`,
  sinh: ([x]) => `sinh_(${x})`,
  cosh: ([x]) => `cosh_(${x})`,
  log10: ([x]) => `log10_(${x})`,
  floor: ([x]) => `Math.floor(${x})`,
  ceil: ([x]) => `Math.ceil(${x})`,
  int: ([x]) => `Math.trunc(${x})`,
  sign: ([x]) => `Math.sign(${x})`,
  cos: ([x]) => `cos_(${x})`,
  tanh: ([x]) => `tanh_(${x})`,
  min: ([x, y]) => `Math.min(${x}, ${y})`,
  max: ([x, y]) => `Math.max(${x}, ${y})`,
  clip: ([x, lo, hi]) => `Math.min(Math.max(${x}, ${lo}), ${hi})`,
  // Draws are made before the expression, into locals (see randomCalls): never called in place.
  rand: () => {
    throw new Error('neuronSource: rand() outside a threshold or reset');
  },
  randn: () => {
    throw new Error('neuronSource: randn() outside a threshold or reset');
  },
};

const JS_OPS: Readonly<Record<string, string>> = { '==': '===', '!=': '!==', and: '&&', or: '||' };

/**
 * JavaScript for a checked tree: names through `names` (generated locals) or `constants`
 * (literals), numbers as literals; constant subtrees folded.
 *
 * @param e - the tree
 * @param names - the local for each name that is not a constant
 * @param constants - the value of each constant name
 * @param shared - the local of each subtree computed once already (see repeatedSubtrees)
 * @returns an expression in JavaScript
 */
export function lower(e: Expr, names: ReadonlyMap<string, string>, constants: ReadonlyMap<string, number>, shared?: ReadonlyMap<string, string>): string {
  const folded = fold(e, constants);
  if (folded !== null) return lit(folded);
  const hoisted = shared?.get(treeKey(e));
  if (hoisted !== undefined) return hoisted;
  switch (e.kind) {
    case 'num':
      return lit(e.value);
    case 'id': {
      const local = names.get(e.name);
      if (local === undefined) throw new Error(`neuronSource: no code for the name "${e.name}" (a model that skipped its checks?)`);
      return local;
    }
    case 'neg':
      return `(-${lower(e.arg, names, constants, shared)})`;
    case 'not':
      return `(!${lower(e.arg, names, constants, shared)})`;
    case 'binary': {
      const [l, r] = [lower(e.left, names, constants, shared), lower(e.right, names, constants, shared)];
      if (e.op === '^') {
        const n = smallPower(e);
        // x·x·x, left to right, as WebAssembly computes it (see smallPower).
        if (n !== null) return `(${Array.from({ length: n }, () => l).join(' * ')})`;
        return `Math.pow(${l}, ${r})`;
      }
      return `(${l} ${JS_OPS[e.op] ?? e.op} ${r})`;
    }
    case 'call':
      return FUNCTION_CODE[e.fn](e.args.map((a) => lower(a, names, constants, shared)));
    case 'cond':
      return `(${lower(e.test, names, constants, shared)} ? ${lower(e.then, names, constants, shared)} : ${lower(e.otherwise, names, constants, shared)})`;
  }
}

/**
 * A failure code's group and variable (see {@link NeuronBodyOptions.groups}).
 *
 * @param groups - the network's groups
 * @param code - the code a kernel reported
 * @returns the group's index and the variable's name
 */
export function failedVariable(groups: readonly GroupSpec[], code: number): { group: number; variable: string } {
  const group = code % groups.length;
  const k = Math.floor(code / groups.length);
  const g = groups[group]!;
  const model = modelGroupOf(g);
  // A built-in kind's membrane variable is V, as its probes name it; a user's model's, its own name.
  if (k === 0 && g.kind !== 'neuron') return { group, variable: 'V' };
  return { group, variable: modelOf(model).states[k] ?? 'V' };
}

/** The model of a `neuron` group (re-exported for the kernel's other modules). */
export type { NeuronModel };
