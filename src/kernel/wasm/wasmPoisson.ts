/**
 * A Poisson group's step in WebAssembly (`kind: 'poisson'`): each neuron advances its own
 * xoshiro128** generator (4 words of state, see `poissonStates`; `wasmXoshiroDraw`) and spikes when the top 31
 * bits of the draw are below rate·dt·2³¹, the JavaScript kernel's `xoshiroStepSource` and test
 * in the same integer operations, so that both back ends give the same spikes. Neuron by neuron:
 * the states are laid out per neuron, and a group of Poisson sources costs little beside the
 * neurons it drives; what it gains is that a network with Poisson sources runs in WebAssembly
 * as a whole.
 *
 * @example
 * ```ts
 * functions.push(wasmPoissonGroup(g, gi, dt, layout.rng[gi], threaded)); // g<gi>(base, n[, lo, hi])
 * ```
 * @module
 */
import type { PoissonGroupSpec } from '../../model/groupSpec.js';
import { rateThreshold } from '../js/writeInput.js';
import { addLocal, op, type ValType, type WasmFunction } from './wasmModule.js';
import { wasmXoshiroDraw } from './wasmRandom.js';

/**
 * The function `g<gi>(base, n[, lo, hi, shift])` of a Poisson group: draws for neurons 0 to
 * size (or lo to hi, their states `shift` bytes on), writes the spiking ones as i32 from byte `base + 4n` on, ascending, and returns the
 * new count.
 *
 * @param g - the group
 * @param gi - its index
 * @param dt - time step, ms
 * @param rngAt - byte address of its generator states
 * @param threaded - whether the range and shift are given (threads)
 * @param rateAt - byte address of the group's rate input's threshold (see `rateThreshold`), or
 *   −1 for its own rate, compiled in
 * @returns the function
 */
export function wasmPoissonGroup(g: PoissonGroupSpec, gi: number, dt: number, rngAt: number, threaded: boolean, rateAt = -1): WasmFunction {
  // With threads: lo, hi and the shift of the thread's copy of the state (see threadStateStride).
  const params: ValType[] = threaded ? ['i32', 'i32', 'i32', 'i32', 'i32'] : ['i32', 'i32'];
  const [base, n] = [0, 1];
  const locals: ValType[] = [];
  const local = (): number => params.length + locals.push('i32') - 1;
  const [i, o, a, b, c, d, t, limit] = [local(), local(), local(), local(), local(), local(), local(), local()];
  // At 2³¹ or more every draw is below: the unsigned comparison with 2³¹ says so.
  const threshold = rateThreshold(g.rate, dt);
  const [lo, hi] = threaded ? [op.get(2), op.get(3)] : [op.i32Const(0), op.i32Const(g.size)];
  const body: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) body.push(...part);
  };
  // A rate input's threshold is read once per call from its slot (rateAt), as set between runs.
  emit(rateAt >= 0 ? [...op.i32Const(0), ...op.i32Load(rateAt)] : op.i32Const(threshold), op.set(limit));
  emit(lo, op.set(i), op.block, op.loop, op.get(i), hi, op.i32GeU, op.brIf(1));
  emit(op.get(i), op.i32Const(4), op.i32Shl, addLocal(threaded ? 4 : null), op.set(o), wasmXoshiroDraw(o, rngAt, { a, b, c, d, t }));
  // The draw r is on the stack: its top 31 bits against the threshold.
  emit(op.i32Const(1), op.i32ShrU, op.get(limit), op.i32LtU, op.if);
  emit(op.get(base), op.get(n), op.i32Const(2), op.i32Shl, op.i32Add, op.get(i), op.i32Store());
  emit(op.get(n), op.i32Const(1), op.i32Add, op.set(n), op.end);
  emit(op.get(i), op.i32Const(1), op.i32Add, op.set(i), op.br(0), op.end, op.end);
  emit(op.get(n));
  return { name: `g${gi}`, params, result: 'i32', locals, body };
}
