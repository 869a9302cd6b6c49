/**
 * What reaches a projection's targets this step through per-synapse delays, in WebAssembly: the
 * step's slot of the delayed sums added into the targets' traces, the slot emptied, two targets
 * per instruction while two remain, then one. The JavaScript kernel's `delayedArrivals` does the
 * same adds, one per target (each target's sum is added once, so the bits are the same).
 *
 * One thread runs it for every projection in the module's own function ({@link ARRIVALS_FUNCTION}
 * in `abi`), which the step's JavaScript calls after the scatter; several threads in their step
 * loop (`wasmDriver`), each for its own targets.
 *
 * @example
 * ```ts
 * emit(wasmArrivals({ slots: 21, cols: 8000, sums: layout.DQ[0]!, trace: layout.into[0]! }, { step, i, e, lo, hi }, null));
 * ```
 * @module
 */
import { addLocal, op } from './wasmModule.js';

/** A projection's delayed sums: their slots of `cols` f64 each at `sums`, and the trace they go into. */
export interface DelayedSums {
  readonly slots: number;
  readonly cols: number;
  readonly sums: number;
  readonly trace: number;
}

/**
 * @param p - the projection's sums and trace (byte addresses)
 * @param at - i32 locals: the step; scratch for the target i and the slot's byte address e; the
 *   range of targets [lo, hi) (locals holding them)
 * @param shift - a local holding the byte offset of this thread's copy of the traces, or null
 * @returns the instructions
 */
export function wasmArrivals(p: DelayedSums, at: { readonly step: number; readonly i: number; readonly e: number; readonly lo: number; readonly hi: number }, shift: number | null): number[] {
  const { step, i, e, lo, hi } = at;
  const code: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) code.push(...part);
  };
  // e: the byte address of the slot's first sum; i runs over the targets.
  emit(op.get(step), op.i32Const(p.slots), op.i32RemU, op.i32Const(8 * p.cols), op.i32Mul, op.i32Const(p.sums), op.i32Add, op.set(e));
  emit(op.get(lo), op.set(i));
  const pass = (width: 1 | 2): void => {
    emit(op.block, op.loop, op.get(i), op.i32Const(width), op.i32Add, op.get(hi), op.i32GtU, op.brIf(1));
    const trace = [...op.get(i), ...op.i32Const(3), ...op.i32Shl, ...addLocal(shift)];
    const sum = [...op.get(i), ...op.i32Const(3), ...op.i32Shl, ...op.get(e), ...op.i32Add];
    if (width === 2) {
      emit(trace, trace, op.v128Load(p.trace), sum, op.v128Load(), op.f64x2Add, op.v128Store(p.trace));
      emit(sum, op.f64Const(0), op.f64x2Splat, op.v128Store());
    } else {
      emit(trace, trace, op.f64Load(p.trace), sum, op.f64Load(), op.f64Add, op.f64Store(p.trace));
      emit(sum, op.f64Const(0), op.f64Store());
    }
    emit(op.get(i), op.i32Const(width), op.i32Add, op.set(i), op.br(0), op.end, op.end);
  };
  pass(2);
  pass(1);
  return code;
}
