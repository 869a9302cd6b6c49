/**
 * Procedural connectivity in WebAssembly: the rows of a fixed-probability projection with
 * p ≥ 1/16, drawn again for every spike as `fixedProbabilityRow` draws them (one xoshiro128**
 * number per pair, kept when its top 31 bits are below p·2³¹), four spikes' rows at once, one
 * in each 32-bit lane of the generator's state.
 *
 * A row's numbers come one after another from its own stream, so one row cannot be split
 * across lanes; four rows can share them. At column j the four lanes hold the four rows' draws
 * for target j, and the target's trace gets one addition per lane, of 1 where the lane keeps
 * it and of nothing (−(+0)) where not: as many additions of 1 as the JavaScript kernel makes,
 * which draws each row into a list and then scatters it, so both give the same traces bit for
 * bit. Two columns go together, as a pair of traces. The JavaScript kernel takes about 2.4 ns
 * per pair of the seed network (draw, list, scatter); this, about 1.05 ns, with no branch. Smaller
 * p draws the gaps between synapses with `Math.log`, which has no WebAssembly twin that gives
 * the same bits; those projections stay in JavaScript (`wasmIneligibility`). Procedural
 * projections run on one thread: a thread would have to draw every row whole to find its
 * targets in it.
 *
 * @example
 * ```ts
 * body.push(...wasmProceduralScatter(built.projections[0].procedural, layout.s[0], { base: 0, count: 1 }, local));
 * ```
 * @module
 */
import type { ProceduralRows } from '../fixedProbability.js';
import { op, type ValType } from './wasmModule.js';

/** The golden-ratio increment of the stream keys and seeds (`subKey`, `seedState`). */
const GOLDEN = 0x9e3779b9 | 0;

/** The 16 bytes of four i32 lanes, lowest first. */
function lanes(values: readonly number[]): number[] {
  return values.flatMap((v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]);
}

/**
 * Code that adds every spike listed (i32, from byte `base`, `count` of them) to the traces at
 * byte `target` of its targets in `rows`, drawn as `rows.row` draws them.
 *
 * @param rows - the projection's rows (p ≥ 1/16)
 * @param target - byte address of the traces (or a dual exponential's rise variables)
 * @param args - the locals holding the list's byte address and its length
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmProceduralScatter(rows: ProceduralRows, target: number, args: { readonly base: number; readonly count: number }, local: (t: ValType) => number): number[] {
  const { base, count } = args;
  const i32 = (): number => local('i32');
  const v128 = (): number => local('v128');
  const [q, idx, pre, z, s, j, e] = [i32(), i32(), i32(), i32(), i32(), i32(), i32()];
  const [a, b, c, d, t, m, lo, hi, sum] = [v128(), v128(), v128(), v128(), v128(), v128(), v128(), v128(), v128()];
  const [below, minusOne, pres, jv] = [v128(), v128(), v128(), v128()];
  const skip = !rows.selfConnections;
  // Kept when the top 31 bits are below p·2³¹; from p = 1 on, always (`all`: the lanes'
  // thresholds are then all ones, the mask of the valid lanes).
  const threshold = Math.floor(rows.p * 2147483648);
  const all = threshold >= 2147483648;
  const code: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) code.push(...part);
  };
  /** splitmix32's output function of the value on the stack (`mix32`), through local z. */
  const mix32 = (): number[] => [
    ...op.set(z), ...op.get(z), ...op.get(z), ...op.i32Const(16), ...op.i32ShrU, ...op.i32Xor, ...op.i32Const(0x85ebca6b | 0), ...op.i32Mul,
    ...op.tee(z), ...op.get(z), ...op.i32Const(13), ...op.i32ShrU, ...op.i32Xor, ...op.i32Const(0xc2b2ae35 | 0), ...op.i32Mul,
    ...op.tee(z), ...op.get(z), ...op.i32Const(16), ...op.i32ShrU, ...op.i32Xor,
  ];
  /**
   * The four lanes' draws for one column: all ones where a lane keeps the target (r =
   * rotl(b·5, 7)·9, its top 31 bits below the lane's threshold, compared signed, as both are
   * below 2³¹), and the state's step, as `xoshiroStepSource`. At p = 1 every valid lane keeps
   * every target, and a row's numbers are not needed at all.
   */
  const draw = (): number[] =>
    all
      ? op.get(below)
      : [
          ...op.get(below), ...op.get(b), ...op.i32Const(5), ...op.i32x4Splat, ...op.i32x4Mul, ...op.tee(m),
          ...op.i32Const(7), ...op.i32x4Shl, ...op.get(m), ...op.i32Const(25), ...op.i32x4ShrU, ...op.v128Or, ...op.i32Const(9), ...op.i32x4Splat, ...op.i32x4Mul,
          ...op.i32Const(1), ...op.i32x4ShrU, ...op.i32x4GtS,
          ...op.get(b), ...op.i32Const(9), ...op.i32x4Shl, ...op.set(t),
          ...op.get(c), ...op.get(a), ...op.v128Xor, ...op.set(c), ...op.get(d), ...op.get(b), ...op.v128Xor, ...op.set(d),
          ...op.get(b), ...op.get(c), ...op.v128Xor, ...op.set(b), ...op.get(a), ...op.get(d), ...op.v128Xor, ...op.set(a),
          ...op.get(c), ...op.get(t), ...op.v128Xor, ...op.set(c), ...op.get(d), ...op.i32Const(11), ...op.i32x4Shl, ...op.get(d), ...op.i32Const(21), ...op.i32x4ShrU, ...op.v128Or, ...op.set(d),
        ];
  /** Leaves out the lanes whose row is target jv + k (no self-connections). */
  const self = (k: number): number[] => (skip ? [...op.get(jv), ...(k === 0 ? [] : [...op.i32Const(k), ...op.i32x4Splat, ...op.i32x4Add]), ...op.get(pres), ...op.i32x4Ne, ...op.v128And] : []);
  /**
   * The pair of traces minus one lane's −1.0 or +0.0 per column (the lane as 64 bits all ones or
   * zeros): s − (−1) is s + 1 and s − (+0) is s, bit for bit, −0 included.
   */
  const add = (lanes64: number[]): number[] => [...op.get(sum), ...lanes64, ...op.get(minusOne), ...op.v128And, ...op.f64x2Sub, ...op.set(sum)];
  emit(op.v128Const([0, 0, 0, 0, 0, 0, 0xf0, 0xbf, 0, 0, 0, 0, 0, 0, 0xf0, 0xbf]), op.set(minusOne));
  emit(op.i32Const(0), op.set(q), op.block, op.loop, op.get(q), op.get(count), op.i32GeU, op.brIf(1));
  for (let L = 0; L < 4; L++) {
    // Lanes past the list's end repeat its last spike, with a threshold of 0 (nothing kept).
    emit(op.get(q), op.i32Const(L), op.i32Add, op.tee(idx), op.get(count), op.i32Const(1), op.i32Sub, op.get(idx), op.get(count), op.i32LtU, op.select);
    emit(op.i32Const(2), op.i32Shl, op.get(base), op.i32Add, op.i32Load(), op.set(pre));
    if (skip) emit(op.get(pres), op.get(pre), op.i32x4ReplaceLane(L), op.set(pres));
    // The row's stream (`subKey(key, pre)`) and its four state words (`seedState`).
    emit(op.get(pre), op.i32Const(1), op.i32Add, op.i32Const(GOLDEN), op.i32Mul, mix32(), op.i32Const(rows.key | 0), op.i32Xor, mix32(), op.set(s));
    for (const [k, word] of [a, b, c, d].entries()) {
      emit(op.get(word), op.get(s), op.i32Const(GOLDEN), op.i32Add, op.tee(s), mix32());
      if (k === 3) emit(op.i32Const(1), op.i32Or);
      emit(op.i32x4ReplaceLane(L), op.set(word));
    }
  }
  emit(op.get(count), op.get(q), op.i32Sub, op.i32x4Splat, op.v128Const(lanes([0, 1, 2, 3])), op.i32x4GtS, op.i32Const(all ? -1 : threshold), op.i32x4Splat, op.v128And, op.set(below));
  if (skip) emit(op.i32Const(0), op.i32x4Splat, op.set(jv));
  // Two columns at a time: a group's traces are stored in pairs, with a padding value after an
  // odd group's last, so the last pair may draw for a column past the group's end and add to
  // the padding, which no neuron reads.
  emit(op.i32Const(target), op.set(j), op.i32Const(target + 16 * Math.ceil(rows.cols / 2)), op.set(e));
  emit(op.block, op.get(j), op.get(e), op.i32GeU, op.brIf(0), op.loop);
  emit(draw(), self(0), op.set(lo), draw(), self(1), op.set(hi));
  if (skip) emit(op.get(jv), op.i32Const(2), op.i32x4Splat, op.i32x4Add, op.set(jv));
  // lo and hi become the lanes of rows 0 and 1, and 2 and 3, for columns j and j + 1.
  emit(op.get(lo), op.get(hi), op.i8x16Shuffle([0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23]));
  emit(op.get(lo), op.get(hi), op.i8x16Shuffle([8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31]), op.set(hi), op.set(lo));
  emit(op.get(j), op.v128Load(), op.set(sum));
  emit(add([...op.get(lo), ...op.i64x2ExtendLowI32x4S]), add([...op.get(lo), ...op.i64x2ExtendHighI32x4S]));
  emit(add([...op.get(hi), ...op.i64x2ExtendLowI32x4S]), add([...op.get(hi), ...op.i64x2ExtendHighI32x4S]));
  emit(op.get(j), op.get(sum), op.v128Store());
  emit(op.get(j), op.i32Const(16), op.i32Add, op.tee(j), op.get(e), op.i32LtU, op.brIf(0), op.end, op.end);
  emit(op.get(q), op.i32Const(4), op.i32Add, op.set(q), op.br(0), op.end, op.end);
  return code;
}
