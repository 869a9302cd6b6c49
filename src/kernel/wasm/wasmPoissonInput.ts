/**
 * A Poisson input's jumps in WebAssembly (`poissonInput`, Brian2's PoissonInput), for a pair of
 * neurons: each draws from its own xoshiro128** generator (`wasmXoshiroDraw`) a uniform u, the
 * count n of Poisson(λ) is the first n whose cumulative probability (`poissonCdf`) is above u,
 * and the jump is weight·n: the JavaScript kernel's numbers exactly. JavaScript scans the table
 * from a start per bucket of u (`poissonStarts`). The module has the table's values in its code
 * as constants (the table depends on dt, which the module is compiled for and the network's
 * memory layout is not) and counts, for both neurons at once, the values at or below u: the
 * same n, since the values never decrease, with no branch to mispredict. Past
 * {@link LINEAR_COUNT_MAX} values (λ above about 10), a binary search per neuron instead.
 *
 * @example
 * ```ts
 * emit(wasmPoissonJumps(input, dt, layout.PI[k], i, size, locals)); // f64x2 of weight·n
 * ```
 * @module
 */
import type { InputSpec } from '../../model/inputSpec.js';
import { poissonCdf } from '../numeric/poissonCdf.js';
import { UNIFORM_SCALE } from '../numeric/random.js';
import { wasmXoshiroDraw, type XoshiroLocals } from './wasmRandom.js';
import { addLocal, op } from './wasmModule.js';

/** The longest table counted for both neurons at once; longer ones are searched neuron by neuron. */
export const LINEAR_COUNT_MAX = 40;

/** The locals the jumps work in: the draw's, the neuron's index and state offset (i32), u (f64), and two v128. */
export interface PoissonJumpLocals extends XoshiroLocals {
  readonly lane: number;
  readonly o: number;
  readonly u: number;
  readonly us: number;
  readonly count: number;
  /** With threads, the local holding the shift of the thread's copy of the state (see `threadStateStride`); else null. */
  readonly shift: number | null;
}

/**
 * Code that leaves on the stack the f64x2 of the jumps of neurons `i` and `i + 1` (`i` an i32
 * local; a neuron at `size` or beyond, the padding of an odd-sized group, draws nothing and
 * jumps by 0) from Poisson input `input`, advancing their generators.
 *
 * @param input - the input (kind `'poisson'`)
 * @param dt - time step, ms
 * @param statesAt - byte address of its generator states
 * @param i - the local holding the pair's first neuron
 * @param size - the group's size
 * @param l - working locals
 * @returns the instructions
 */
export function wasmPoissonJumps(input: Extract<InputSpec, { kind: 'poisson' }>, dt: number, statesAt: number, i: number, size: number, l: PoissonJumpLocals): number[] {
  const cdf = poissonCdf((input.count * input.rate * dt) / 1000);
  const out: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) out.push(...part);
  };
  // u of each neuron: (r >>> 0) / 2³²; 0 for the padding neuron (it counts no value: cdf[0] > 0).
  const uniform = [...op.get(l.lane), ...op.i32Const(4), ...op.i32Shl, ...addLocal(l.shift), ...op.set(l.o), ...wasmXoshiroDraw(l.o, statesAt, l), ...op.f64ConvertI32U, ...op.f64Const(UNIFORM_SCALE), ...op.f64Mul];
  if (cdf.length <= LINEAR_COUNT_MAX) {
    emit(op.f64Const(0), op.f64x2Splat, op.set(l.us));
    for (const L of [0, 1]) {
      emit(op.get(i), op.i32Const(L), op.i32Add, op.tee(l.lane), op.i32Const(size), op.i32LtU, op.if);
      emit(op.get(l.us), uniform, op.f64x2ReplaceLane(L), op.set(l.us), op.end);
    }
    // n = the values at or below u: each comparison's mask is −1 per lane where it holds.
    emit(op.i32Const(0), op.i32x4Splat, op.set(l.count));
    for (const F of cdf) emit(op.get(l.count), op.get(l.us), op.f64Const(F), op.f64x2Splat, op.f64x2Ge, op.i64x2Sub, op.set(l.count));
    // The two counts (the low words of the i64 lanes) as doubles, times the weight.
    emit(op.f64Const(input.weight), op.f64x2Splat, op.get(l.count), op.get(l.count), op.i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]), op.f64x2ConvertLowI32x4S, op.f64x2Mul);
    return out;
  }
  // The first n in [lo, hi] with u < cdf[n], hi = cdf.length meaning none: one comparison a node.
  const search = (lo: number, hi: number): number[] => {
    if (lo === hi) return op.i32Const(lo);
    const mid = (lo + hi) >> 1;
    return [...op.get(l.u), ...op.f64Const(cdf[mid]!), ...op.f64Lt, ...op.ifI32, ...search(lo, mid), ...op.else, ...search(mid + 1, hi), ...op.end];
  };
  emit(op.f64Const(0), op.f64x2Splat, op.set(l.us));
  for (const L of [0, 1]) {
    emit(op.get(i), op.i32Const(L), op.i32Add, op.tee(l.lane), op.i32Const(size), op.i32LtU, op.if);
    emit(uniform, op.set(l.u), op.get(l.us), op.f64Const(input.weight), search(0, cdf.length), op.f64ConvertI32S, op.f64Mul, op.f64x2ReplaceLane(L), op.set(l.us), op.end);
  }
  emit(op.get(l.us));
  return out;
}
