/**
 * The WebAssembly lowering of a user's neuron model (a `neuron` group): the second lowering of
 * the checked equations, two neurons per instruction, with the operations of the JavaScript
 * lowering (`neuronSource`) in the same order, so that both back ends give the same spikes, bit
 * for bit.
 *
 * Each node of the tree becomes f64x2 instructions leaving one vector on the stack: numbers and
 * constant subtrees a splat of the folded value, names their locals (or a load of a per-neuron
 * parameter), comparisons lane masks, `and`/`or`/`not` mask logic, a condition a bitselect of
 * both branches (they have no side effects), `exp`, `expm1`, `tanh`, `log`, `sin` and `cos`
 * spikestream's own (`wasmExp`, `wasmTanh`, `wasmLog`, `wasmSinCos`, kernel/numeric's in
 * JavaScript), `exprel` expm1(x)/x with 1 where x is 0 (a bitselect), `sqrt`, `abs`, `min`,
 * `max` and `clip` the instructions of those names, whose IEEE results are JavaScript's. White
 * noise draws, lane by lane, from each neuron's generator (the JavaScript lowering's draws) and
 * takes the Box–Muller transform two lanes at once. A model with a power other than 2, 3 or 4
 * runs in JavaScript: {@link neuronWasmIneligibility} says why. `t` is the
 * step (the update's last argument, see {@link neuronTakesStep}) times dt, as JavaScript's `tn`,
 * at each Runge–Kutta stage's time; `i` each lane's neuron.
 *
 * @example
 * ```ts
 * neuronWasmIneligibility(group); // null, or 'uses log (…)'
 * ```
 * @module
 */
import type { Expr } from '../../model/expr/expr.js';
import { constantRate, smallPower } from '../../model/expr/fold.js';
import { traceName, withConductances, type LinearConductance } from '../program/linearConductances.js';
import type { GroupSpec, NeuronGroupSpec } from '../../model/groupSpec.js';
import { modelConstants, modelOf, perNeuronParameters } from '../../model/modelOf.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { modelReads, modelTrees, noiseDeviates } from '../../model/expr/neuronModel.js';
import { constantState, eulerSplit, fold, rateScale, updateSubtrees } from '../js/neuronSource.js';
import { KERNEL_FUNCTIONS } from '../numeric/kernelFunctions.js';
import { treeKey } from '../../model/expr/repeatedSubtrees.js';
import { randomCalls } from '../../model/expr/randomCalls.js';
import { expLocals, wasmExp, wasmTanh } from './wasmExp.js';
import { wasmLog } from './wasmLog.js';
import { wasmSinCos } from './wasmSinCos.js';
import { MAX_STEPS } from '../../model/maxSteps.js';
import { op, type ValType } from './wasmModule.js';
import { failureBase } from './abi.js';
import { wasmXoshiroDraw } from './wasmRandom.js';
import { UNIFORM_SCALE } from '../numeric/random.js';

const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];

/** The functions the WebAssembly lowering has. */
const LOWERED = new Set(['exp', 'expm1', 'exprel', 'tanh', 'log', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'log10', 'floor', 'ceil', 'int', 'sign', 'sqrt', 'abs', 'min', 'max', 'clip', 'rand', 'randn']);

/** What in a tree keeps it out of WebAssembly, or null (a constant subtree is folded: it may hold anything). */
function treeIneligibility(e: Expr, constants: ReadonlyMap<string, number>): string | null {
  if (fold(e, constants) !== null) return null;
  const sub = (x: Expr): string | null => treeIneligibility(x, constants);
  switch (e.kind) {
    case 'num':
      return null;
    case 'id':
      return e.name === 'xi' ? `uses ${e.name}` : null;
    case 'neg':
    case 'not':
      return sub(e.arg);
    case 'binary':
      if (e.op === '^' && smallPower(e) === null) return 'uses a power other than ^2, ^3 or ^4';
      return sub(e.left) ?? sub(e.right);
    case 'call':
      return LOWERED.has(e.fn) ? (e.args.map(sub).find((x) => x !== null) ?? null) : `uses ${e.fn}`;
    case 'cond':
      return sub(e.test) ?? sub(e.then) ?? sub(e.otherwise);
  }
}

/**
 * Why a group's model cannot run in WebAssembly, or null when it can (other kinds: null).
 *
 * @param g - a group
 * @returns the reason, or null
 */
export function neuronWasmIneligibility(group: GroupSpec): string | null {
  const g = modelGroupOf(group);
  const model = modelOf(g);
  if (model.states.length * g.size >= 2 ** 31) return `group "${g.name}" has too many state values for the failure codes`;
  const constants = modelConstants(g, 0.1);
  for (const tree of modelTrees(model)) {
    const why = treeIneligibility(tree, constants);
    if (why !== null) return `group "${g.name}" ${why}, which runs in JavaScript`;
  }
  return null;
}

/** What {@link wasmExpression} needs: the code of each name, the constants, locals. */
export interface WasmExpressionContext {
  /** Code that leaves each name's vector on the stack. */
  readonly names: ReadonlyMap<string, number[]>;
  /** The names with one value, folded into literals. */
  readonly constants: ReadonlyMap<string, number>;
  /** Allocates a local of the function. */
  readonly local: (t: ValType) => number;
  /** The exponential's locals (see `expLocals`). */
  readonly exps: ReturnType<typeof expLocals>;
  /** The v128 local of each subtree computed once already (see `updateSubtrees`), by its key. */
  readonly shared?: ReadonlyMap<string, number> | undefined;
}

/**
 * The f64x2 code of a checked tree: it leaves the value for two neurons (a mask for a
 * condition) on the stack, computed with the operations of the JavaScript lowering (`lower` in
 * neuronSource), constant subtrees folded the same way.
 *
 * @param e - the tree (eligible: see {@link neuronWasmIneligibility})
 * @param ctx - names, constants, locals
 * @returns the code
 */
export function wasmExpression(e: Expr, ctx: WasmExpressionContext): number[] {
  const folded = fold(e, ctx.constants);
  if (folded !== null) return splat(folded);
  const hoisted = ctx.shared?.get(treeKey(e));
  if (hoisted !== undefined) return op.get(hoisted);
  const sub = (x: Expr): number[] => wasmExpression(x, ctx);
  switch (e.kind) {
    case 'num':
      return splat(e.value);
    case 'id': {
      const code = ctx.names.get(e.name);
      if (code === undefined) throw new Error(`wasmNeuron: no code for the name "${e.name}"`);
      return code;
    }
    case 'neg':
      return [...sub(e.arg), ...op.f64x2Neg];
    case 'not':
      return [...sub(e.arg), ...op.v128Not];
    case 'binary': {
      const n = e.op === '^' ? smallPower(e) : null;
      if (n !== null) {
        // x·x·x, left to right (see smallPower).
        const x = ctx.local('v128');
        const out = [...sub(e.left), ...op.set(x), ...op.get(x)];
        for (let k = 1; k < n; k++) out.push(...op.get(x), ...op.f64x2Mul);
        return out;
      }
      const instruction = BINARY[e.op];
      if (instruction === undefined) throw new Error(`wasmNeuron: no instruction for "${e.op}"`);
      return [...sub(e.left), ...sub(e.right), ...instruction];
    }
    case 'call': {
      const args = e.args.map(sub);
      switch (e.fn) {
        case 'exp':
          // wasmExp takes its argument from the stack and works in its own locals, which a
          // nested exponential has finished with before the outer one starts.
          return [...args[0]!, ...wasmExp('exp', ctx.exps)];
        case 'expm1':
          return [...args[0]!, ...wasmExp('expm1', ctx.exps)];
        case 'exprel': {
          // 1 where x is 0, else expm1(x)/x: JavaScript's `x === 0 ? 1 : expm1_(x) / x`.
          const x = ctx.local('v128');
          return [...splat(1), ...args[0]!, ...op.tee(x), ...wasmExp('expm1', ctx.exps), ...op.get(x), ...op.f64x2Div, ...op.get(x), ...splat(0), ...op.f64x2Eq, ...op.v128Bitselect];
        }
        case 'tanh':
          return [...args[0]!, ...wasmTanh(ctx.exps)];
        case 'log':
          return [...args[0]!, ...wasmLog(ctx.exps)];
        case 'sin':
        case 'cos':
          return [...args[0]!, ...wasmSinCos(e.fn, ctx.exps)];
        // Composed as kernelFunctions composes them in JavaScript.
        case 'tan': {
          const x = ctx.local('v128');
          return [...args[0]!, ...op.tee(x), ...wasmSinCos('sin', ctx.exps), ...op.get(x), ...wasmSinCos('cos', ctx.exps), ...op.f64x2Div];
        }
        case 'sinh': {
          // s from |x|, negated where x < 0.
          const [x, m] = [ctx.local('v128'), ctx.local('v128')];
          const s = [...splat(0.5), ...op.get(x), ...op.f64x2Abs, ...wasmExp('expm1', ctx.exps), ...op.tee(m), ...op.get(m), ...op.get(m), ...splat(1), ...op.f64x2Add, ...op.f64x2Div, ...op.f64x2Add, ...op.f64x2Mul];
          return [...args[0]!, ...op.set(x), ...s, ...op.tee(m), ...op.f64x2Neg, ...op.get(m), ...op.get(x), ...splat(0), ...op.f64x2Lt, ...op.v128Bitselect];
        }
        case 'cosh': {
          const p = ctx.local('v128');
          return [...splat(0.5), ...args[0]!, ...wasmExp('exp', ctx.exps), ...op.tee(p), ...splat(1), ...op.get(p), ...op.f64x2Div, ...op.f64x2Add, ...op.f64x2Mul];
        }
        case 'log10':
          return [...args[0]!, ...wasmLog(ctx.exps), ...splat(Math.LN10), ...op.f64x2Div];
        case 'floor':
          return [...args[0]!, ...op.f64x2Floor];
        case 'ceil':
          return [...args[0]!, ...op.f64x2Ceil];
        case 'int':
          return [...args[0]!, ...op.f64x2Trunc];
        case 'sign': {
          // Math.sign: 1 above 0, −1 below, x itself at ±0 and NaN.
          const x = ctx.local('v128');
          return [...splat(1), ...splat(-1), ...args[0]!, ...op.tee(x), ...op.get(x), ...splat(0), ...op.f64x2Lt, ...op.v128Bitselect, ...op.get(x), ...splat(0), ...op.f64x2Gt, ...op.v128Bitselect];
        }
        case 'sqrt':
          return [...args[0]!, ...op.f64x2Sqrt];
        case 'abs':
          return [...args[0]!, ...op.f64x2Abs];
        case 'min':
          return [...args[0]!, ...args[1]!, ...op.f64x2Min];
        case 'max':
          return [...args[0]!, ...args[1]!, ...op.f64x2Max];
        case 'clip':
          return [...args[0]!, ...args[1]!, ...op.f64x2Max, ...args[2]!, ...op.f64x2Min];
        default:
          throw new Error(`wasmNeuron: no instruction for ${e.fn}`);
      }
    }
    case 'cond':
      // Both branches, then the lanes of the first where the test holds.
      return [...sub(e.then), ...sub(e.otherwise), ...sub(e.test), ...op.v128Bitselect];
  }
}

/** The instruction of each binary operator. */
const BINARY: Readonly<Record<string, number[]>> = {
  '+': op.f64x2Add,
  '-': op.f64x2Sub,
  '*': op.f64x2Mul,
  '/': op.f64x2Div,
  '<': op.f64x2Lt,
  '<=': op.f64x2Le,
  '>': op.f64x2Gt,
  '>=': op.f64x2Ge,
  '==': op.f64x2Eq,
  '!=': op.f64x2Ne,
  and: op.v128And,
  or: op.v128Or,
};

/** The locals and places a `neuron` group's update works with, inside its `g<i>` function. */
export interface NeuronPair {
  /** v128 locals: V (state 0, loaded, jumps applied) and I (summed). */
  readonly v: number;
  readonly I: number;
  /** The i32 local holding the byte offset of the pair (`8·i` plus the thread's shift). */
  readonly o: number;
  /** The v128 local with V before the jumps (refractory neurons keep it). */
  readonly old: number;
  /** Byte address of V (layout.V), where a failing lane's value is stored. */
  readonly V: number;
  /** Byte addresses of the other state variables and the per-neuron parameters (layout.NV, NP). */
  readonly vars: readonly number[];
  readonly params: readonly number[];
  /** The refractory counters' address (layout.H), or −1. */
  readonly H: number;
  /** Code: the pair's counter address (`hAddr`), a lane's (`laneH`), entering lane L. */
  readonly hAddr: number[];
  readonly laneH: number[];
  readonly enterLane: (L: number) => number[];
  /** Code that appends the lane to the spike list. */
  readonly recordSpike: number[];
  /** i32 locals: the lane; f64: a lane's value; v128: the counts and the kept mask. */
  readonly lane: number;
  readonly vl: number;
  readonly counts: number;
  readonly kept: number;
  /** The shift local's code (the thread's copy of the state), for addresses. */
  readonly addShift: number[];
  /** i32 locals: the pair's first neuron, and the step (−1 when the model does not read `t`). */
  readonly index: number;
  readonly step: number;
  /** The byte address of the neurons' noise generators (layout.rng), or −1 for a model without `xi`. */
  readonly rng: number;
  /** Jumps of state variables other than V (delta synapses with a `target`): the v128 local of the trace, and w. */
  readonly jumps: readonly { readonly state: number; readonly local: number; readonly w: number }[];
  /** Parameters set at run time (`parameter` inputs): the byte address of each one's value (layout.X). */
  readonly parameters?: ReadonlyMap<string, number>;
  /** Conductance synapses in v's linear part (see linearConductances), and the v128 local of each one's trace. */
  readonly conductances?: readonly (LinearConductance & { readonly local: number })[];
}

/**
 * The update of a `neuron` group's pair of neurons, after I is summed and V loaded: its other
 * variables loaded, the method's step, refractory neurons kept, the rare path lane by lane (a
 * blow-up returns −(k·size + lane + 1) for state variable k, its value stored in V; a spike is
 * recorded and reset), the other variables stored. V is left in `pair.v` for the caller to store.
 *
 * @param g - the group
 * @param dt - the time step, ms
 * @param held - steps a neuron is held after a spike
 * @param pair - locals and places
 * @param local - allocates a local of the function
 * @returns the code
 */
export function wasmNeuronUpdate(g: NeuronGroupSpec, dt: number, held: number, pair: NeuronPair, local: (t: ValType) => number): number[] {
  const model = modelOf(g);
  const n = model.states.length;
  const code: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) code.push(...part);
  };
  const constants = modelConstants(g, dt, new Set(pair.parameters?.keys()));
  // State locals: V is pair.v; the others loaded, and kept for refractory neurons.
  const states = model.states.map((_, k) => (k === 0 ? pair.v : local('v128')));
  // Variables held while refractory (`(unless refractory)`) keep their values from before the step.
  // Counters: a period given as a number (`held` steps) or as an expression (model.period). A
  // refractory condition holds the same variables as a period does.
  const counting = held > 0 || model.period !== null;
  const holds = counting || model.refractory !== null;
  const olds = model.states.map((_, k) => (!model.clamped[k] ? -1 : k === 0 ? pair.old : holds ? local('v128') : -1));
  for (let k = 1; k < n; k++) {
    emit(op.get(pair.o), op.v128Load(pair.vars[k - 1]!), op.set(states[k]!));
    if (olds[k]! >= 0) emit(op.get(states[k]!), op.set(olds[k]!));
  }
  // Delta synapses into a variable: after its value before the step is kept, so that a held
  // variable loses them, as V does (the JavaScript lowering's `z + w·x`).
  for (const J of pair.jumps) emit(op.get(states[J.state]!), splat(J.w), op.get(J.local), op.f64x2Mul, op.f64x2Add, op.set(states[J.state]!));
  const perNeuron = perNeuronParameters(g).map(([name]) => name);
  const paramLocals = new Map(perNeuron.map((name) => [name, local('v128')] as const));
  perNeuron.forEach((name, j) => emit(op.get(pair.o), op.v128Load(pair.params[j]!), op.set(paramLocals.get(name)!)));
  const exps = expLocals(local);
  // `t`, ms (step·dt, as the JavaScript lowering's `tn`), and `i`, each lane's neuron.
  const time = pair.step >= 0 ? local('f64') : -1;
  if (time >= 0) emit(op.get(pair.step), op.f64ConvertI32S, op.f64Const(dt), op.f64Mul, op.set(time));
  const at = (t: number): number[] => [...op.get(time), ...op.f64Const(t), ...op.f64Add, ...op.f64x2Splat];
  const readsIndex = modelReads(model, 'i');
  const lanes = readsIndex ? local('v128') : -1;
  if (readsIndex) emit(op.get(pair.index), op.f64ConvertI32S, op.f64x2Splat, op.get(pair.index), op.i32Const(1), op.i32Add, op.f64ConvertI32S, op.f64x2ReplaceLane(1), op.set(lanes));
  const withTime = (names: Map<string, number[]>, t: number | null): Map<string, number[]> => {
    if (time >= 0) names.set('t', t === null ? [...op.get(time), ...op.f64x2Splat] : at(t));
    if (readsIndex) names.set('i', op.get(lanes));
    return names;
  };
  const at0 = withTime(new Map(model.states.map((s, k) => [s, op.get(states[k]!)] as const)), null);

  // Draws from each neuron's own generator, in the JavaScript lowering's order: a normal deviate
  // per equation with `xi` (Box–Muller from two draws, √(−2·log(1 − u₁))·cos(2π·u₂) with the
  // kernel's log and cos), then the threshold's draws (see randomCalls), every step; the reset's
  // when a lane spikes. Lane by lane from the generators, the transform two lanes at once. A
  // padding lane (an odd group's last pair) draws nothing: u₁ = u₂ = 0, its value unused.
  const thresholdDraws = randomCalls(model.threshold);
  const resetDraws = randomCalls(...model.reset.map((r) => r.value));
  // One deviate per plain xi, and per xi_… name, shared by the equations that name it.
  const sources = noiseDeviates(model);
  const own = sources.map((from, k) => (from === k ? local('v128') : -1));
  const deviates = sources.map((from) => (from < 0 ? -1 : own[from]!));
  /** The draw locals of the threshold and the reset, by key (treeKey), for `shared`. */
  const drawn = new Map<string, number>();
  /** Code that draws `fn` into the v128 local `into` for the lanes given, the others 0. */
  let draw: (fn: 'rand' | 'randn', into: number, lanes: readonly (0 | 1)[]) => number[] = () => [];
  if (deviates.some((d) => d >= 0) || thresholdDraws.length > 0 || resetDraws.length > 0) {
    const xo = { a: local('i32'), b: local('i32'), c: local('i32'), d: local('i32'), t: local('i32') };
    const at = local('i32');
    const [ua, ub] = [local('v128'), local('v128')];
    const uniform = [...wasmXoshiroDraw(at, pair.rng, xo), ...op.f64ConvertI32U, ...op.f64Const(UNIFORM_SCALE), ...op.f64Mul];
    draw = (fn, into, lanes) => {
      const code: number[] = [...(fn === 'rand' ? [...splat(0), ...op.set(into)] : [...splat(1), ...op.set(ua), ...splat(0), ...op.set(ub)])];
      for (const L of lanes) {
        code.push(...op.get(pair.index), ...op.i32Const(L), ...op.i32Add, ...op.tee(pair.lane), ...op.i32Const(g.size), ...op.i32LtU, ...op.if);
        code.push(...op.get(pair.lane), ...op.i32Const(4), ...op.i32Shl, ...pair.addShift, ...op.set(at));
        if (fn === 'rand') code.push(...op.get(into), ...uniform, ...op.f64x2ReplaceLane(L), ...op.set(into));
        else {
          code.push(...op.get(ua), ...op.f64Const(1), ...uniform, ...op.f64Sub, ...op.f64x2ReplaceLane(L), ...op.set(ua));
          code.push(...op.get(ub), ...op.f64Const(2 * Math.PI), ...uniform, ...op.f64Mul, ...op.f64x2ReplaceLane(L), ...op.set(ub));
        }
        code.push(...op.end);
      }
      if (fn === 'randn') code.push(...splat(-2), ...op.get(ua), ...wasmLog(exps), ...op.f64x2Mul, ...op.f64x2Sqrt, ...op.get(ub), ...wasmSinCos('cos', exps), ...op.f64x2Mul, ...op.set(into));
      return code;
    };
  }
  own.forEach((nz) => {
    if (nz >= 0) emit(draw('randn', nz, [0, 1]));
  });
  for (const call of thresholdDraws) {
    const l = local('v128');
    emit(draw(call.fn, l, [0, 1]));
    drawn.set(treeKey(call), l);
  }
  const resetLocals = resetDraws.map((call) => {
    const l = local('v128');
    drawn.set(treeKey(call), l);
    return l;
  });

  /** The subtrees of the update computed once, while it is written (as the JavaScript lowering). */
  let shared: Map<string, number> | undefined;
  const lower = (e: Expr, names: ReadonlyMap<string, number[]>): number[] => {
    const all = new Map(names);
    all.set('I', op.get(pair.I));
    for (const [name, l] of paramLocals) all.set(name, op.get(l));
    // A parameter set at run time: its one value, the same for both lanes and every thread.
    for (const [name, at] of pair.parameters ?? []) all.set(name, [...op.i32Const(0), ...op.f64Load(at), ...op.f64x2Splat]);
    for (const c of pair.conductances ?? []) all.set(traceName(c.projection), op.get(c.local));
    return wasmExpression(e, { names: all, constants, local, exps, shared });
  };

  /** A local holding the value of code. */
  const keep = (value: number[]): number => {
    const l = local('v128');
    emit(value, op.set(l));
    return l;
  };
  const next: number[][] = [];
  /** Euler's new value of state k from derivative f, as the JavaScript lowering writes it. */
  const euler = (k: number, f: Expr): number[] => {
    const x = op.get(states[k]!);
    if (constantState(f, constants)) return x;
    const split = eulerSplit(f, constants, dt);
    if (split !== null) {
      const rest = keep(lower(split.rest, at0));
      return [...x, ...op.get(rest), ...splat(split.scale), ...op.f64x2Mul, ...op.f64x2Add];
    }
    const derivative = keep(lower(f, at0));
    return [...x, ...splat(dt), ...op.get(derivative), ...op.f64x2Mul, ...op.f64x2Add];
  };
  // The refractory condition's lanes, on the values at the step's start (after its jumps).
  const refractory = model.refractory === null ? -1 : keep(lower(model.refractory, at0));
  if (model.method === 'euler' || model.method === 'exponential_euler') {
    shared = new Map();
    for (const tree of updateSubtrees(model, constants)) {
      const l = keep(lower(tree, at0));
      shared.set(treeKey(tree), l);
    }
    model.derivatives.forEach((f, k) => {
      const x = op.get(states[k]!);
      const parts = k === 0 && pair.conductances !== undefined ? withConductances(model.linear[0]!, pair.conductances) : model.linear[k];
      if (model.method === 'exponential_euler' && parts !== null && parts !== undefined && parts.b !== null) {
        const folded = constantRate(parts, constants, dt, KERNEL_FUNCTIONS);
        const a = parts.a === null ? splat(0) : lower(parts.a, at0);
        if (folded !== null) {
          const { b, rate } = folded;
          if (rate !== 0) {
            const target = keep(b === -1 ? a : b === 1 ? [...a, ...op.f64x2Neg] : [...a, ...op.f64x2Neg, ...splat(b), ...op.f64x2Div]);
            next.push([...op.get(target), ...x, ...op.get(target), ...op.f64x2Sub, ...splat(Math.exp(rate)), ...op.f64x2Mul, ...op.f64x2Add]);
            return;
          }
        } else {
          // b·dt/d… at run time; where b is 0, Euler, computed only when a lane needs it (as
          // the JavaScript lowering's `b === 0 ? … : …`): the derivative is the update's
          // costliest part, and b is 0 almost never.
          const bl = keep(lower(parts.b, at0));
          const scale = rateScale(parts, constants, dt);
          const rateCode =
            scale !== null ? [...op.get(bl), ...splat(scale), ...op.f64x2Mul] : parts.divisors.reduce((acc, d) => [...acc, ...lower(d, at0), ...op.f64x2Div], [...op.get(bl), ...splat(dt), ...op.f64x2Mul]);
          const e = keep(rateCode);
          const target = keep([...a, ...op.f64x2Neg, ...op.get(bl), ...op.f64x2Div]);
          const zero = keep([...op.get(bl), ...splat(0), ...op.f64x2Eq]);
          const result = keep([...op.get(target), ...x, ...op.get(target), ...op.f64x2Sub, ...op.get(e), ...wasmExp('exp', exps), ...op.f64x2Mul, ...op.f64x2Add]);
          emit(op.get(zero), op.v128AnyTrue, op.if);
          emit(x, splat(dt), lower(model.derivatives[k]!, at0), op.f64x2Mul, op.f64x2Add, op.get(result), op.get(zero), op.v128Bitselect, op.set(result));
          emit(op.end);
          next.push(op.get(result));
          return;
        }
      }
      next.push(euler(k, f));
    });
    // Euler–Maruyama: + (g·√dt)·n for a term g·xi, as the JavaScript lowering adds it.
    deviates.forEach((nz, k) => {
      if (nz >= 0) next[k] = [...next[k]!, ...lower(model.noise[k]!, at0), ...splat(Math.sqrt(dt)), ...op.f64x2Mul, ...op.get(nz), ...op.f64x2Mul, ...op.f64x2Add];
    });
  } else {
    const stage = (at: ReadonlyMap<string, number[]>): number[] => model.derivatives.map((f) => keep(lower(f, at)));
    // The stages' times as the JavaScript lowering's: tn + dt/2, tn + dt.
    const moved = (ks: readonly number[], by: number): Map<string, number[]> =>
      withTime(new Map(model.states.map((s, k) => [s, [...op.get(states[k]!), ...splat(by), ...op.get(ks[k]!), ...op.f64x2Mul, ...op.f64x2Add]] as const)), by);
    const ka = stage(at0);
    const kb = stage(moved(ka, dt / 2));
    if (model.method === 'rk2') {
      model.states.forEach((_, k) => next.push([...op.get(states[k]!), ...splat(dt), ...op.get(kb[k]!), ...op.f64x2Mul, ...op.f64x2Add]));
    } else {
      const kc = stage(moved(kb, dt / 2));
      const kd = stage(moved(kc, dt));
      model.states.forEach((_, k) => {
        const sum = [...op.get(ka[k]!), ...splat(2), ...op.get(kb[k]!), ...op.f64x2Mul, ...op.f64x2Add, ...splat(2), ...op.get(kc[k]!), ...op.f64x2Mul, ...op.f64x2Add, ...op.get(kd[k]!), ...op.f64x2Add];
        next.push([...op.get(states[k]!), ...splat(dt / 6), ...sum, ...op.f64x2Mul, ...op.f64x2Add]);
      });
    }
  }
  // Every new value from the old ones, then all assigned (as the JavaScript lowering does).
  const news = next.map((value) => keep(value));
  shared = undefined;
  news.forEach((l, k) => emit(op.get(l), op.set(states[k]!)));

  const zero = [...op.i32Const(0), ...op.i32x4Splat];
  if (counting) {
    // As the built-in LIF: counts above 0 go down by 1; a neuron whose count is still above 0
    // keeps its `(unless refractory)` variables as they were and cannot spike.
    emit(pair.hAddr, pair.hAddr, op.v128Load64Zero(pair.H), op.tee(pair.counts), op.get(pair.counts), zero, op.i32x4GtS, op.i32x4Add, op.tee(pair.counts), op.v128Store64Lane0(pair.H));
    emit(op.get(pair.counts), zero, op.i32x4GtS, op.i64x2ExtendLowI32x4S, op.set(pair.kept));
    // A definition's condition beside its period: held while either holds.
    if (refractory >= 0) emit(op.get(pair.kept), op.get(refractory), op.v128Or, op.set(pair.kept));
  } else if (refractory >= 0) emit(op.get(refractory), op.set(pair.kept));
  if (holds) {
    states.forEach((s, k) => {
      if (olds[k]! >= 0) emit(op.get(olds[k]!), op.get(s), op.get(pair.kept), op.v128Bitselect, op.set(s));
    });
  }
  // Every variable held while refractory: a kept lane has only values from before the step,
  // finite, and need not be looked at (the built-in LIF's case). Else a kept lane's free
  // variables are checked too.
  const holdsAll = model.clamped.every((c) => c);
  // The rare path: a lane at threshold, or a variable not finite (x − x is 0 only for finite x).
  // `ne` rather than `not(eq)`: V8 writes v128.not as two instructions, and in this loop the
  // seed network's neuron update took a quarter longer with it (npm run bench:kernel).
  shared = drawn;
  const threshold = keep(lower(model.threshold, at0));
  emit(op.get(threshold));
  if (holds && !holdsAll) emit(op.get(pair.kept), op.v128Andnot);
  for (const s of states) emit(op.get(s), op.get(s), op.f64x2Sub, splat(0), op.f64x2Ne, op.v128Or);
  if (holds && holdsAll) emit(op.get(pair.kept), op.v128Andnot);
  emit(op.v128AnyTrue, op.if);
  /** Leaves lane L's block when its neuron is still refractory: its lane of the kept mask (the counter still above 0, or the condition). */
  const skipHeld = (L: number): number[] =>
    holds ? [...op.get(pair.kept), ...op.i64x2ExtractLane(L), ...op.i64Eqz, ...op.i32Eqz, ...op.brIf(0)] : [];
  for (const L of [0, 1]) {
    emit(op.block, pair.enterLane(L));
    if (holdsAll) emit(skipHeld(L));
    states.forEach((s, k) => {
      emit(op.get(s), op.f64x2ExtractLane(L), op.tee(pair.vl), op.get(pair.vl), op.f64Sub, op.f64Const(0), op.f64Eq, op.i32Eqz, op.if);
      // Its value into V (the run stops here), and −(k·size + lane + 1) (see abi).
      emit(op.get(pair.lane), op.i32Const(3), op.i32Shl, pair.addShift, op.get(pair.vl), op.f64Store(pair.V));
      emit(op.i32Const(failureBase(k, g.size)), op.get(pair.lane), op.i32Sub, op.return, op.end);
    });
    if (!holdsAll) emit(skipHeld(L));
    emit(op.get(threshold), op.i64x2ExtractLane(L), op.i64Eqz, op.i32Eqz, op.if);
    emit(pair.recordSpike);
    resetDraws.forEach((call, j) => emit(draw(call.fn, resetLocals[j]!, [L as 0 | 1])));
    for (const r of model.reset) {
      const t = model.states.indexOf(r.target);
      const value = lower(r.value, at0);
      const full = r.op === '=' ? value : [...op.get(states[t]!), ...value, ...(r.op === '+=' ? op.f64x2Add : r.op === '-=' ? op.f64x2Sub : r.op === '*=' ? op.f64x2Mul : op.f64x2Div)];
      emit(op.get(states[t]!), full, op.f64x2ExtractLane(L), op.f64x2ReplaceLane(L), op.set(states[t]!));
    }
    if (held > 0) emit(pair.laneH, op.i32Const(held), op.i32Store(pair.H));
    // A period written as an expression: the JavaScript lowering's steps, ⌊(x + 0.001·dt)/dt⌋ in [0, MAX_STEPS].
    if (model.period !== null) {
      emit(pair.laneH, lower(model.period, at0), op.f64x2ExtractLane(L), op.f64Const(1e-3 * dt), op.f64Add, op.f64Const(dt), op.f64Div, op.f64Floor);
      emit(op.f64Const(MAX_STEPS), op.f64Min, op.f64Const(0), op.f64Max, op.i32TruncSatF64S, op.i32Store(pair.H));
    }
    emit(op.end, op.end);
  }
  emit(op.end);
  for (let k = 1; k < n; k++) emit(op.get(pair.o), op.get(states[k]!), op.v128Store(pair.vars[k - 1]!));
  return code;
}
