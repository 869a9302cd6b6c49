/**
 * The kernel's exponentials (see `exp.ts`) in WebAssembly, two lanes at once:
 * the same operations as the JavaScript `exp_` and `expm1_`, in the same order, on f64x2.
 * Where JavaScript reads 2ʰ from a table, the module builds it from its bits: (h + 1023) << 52.
 *
 * @example
 * ```ts
 * const l = expLocals(local); // eight v128 locals of the function being written
 * emit(op.get(x), wasmExp('exp', l)); // eˣ of both lanes of x, on the stack
 * ```
 * @module
 */
import { EXP_CLAMP, EXP_ESTRIN, EXP_INV_LN2, EXP_LN2_HI, EXP_LN2_LO, EXP_ROUND, EXP_TAYLOR, EXPM1_LARGE_K, TANH_SATURATED, type EstrinNode } from '../numeric/exp.js';
import { op, type ValType } from './wasmModule.js';

/** The v128 locals an exponential works in. */
export interface ExpLocals {
  readonly k: number;
  readonly r: number;
  readonly r2: number;
  readonly r4: number;
  readonly r8: number;
  readonly p: number;
  /** 2ʰ and 2ᵏ⁻ʰ, made once for both of expm1's formulas. */
  readonly s1: number;
  readonly s2: number;
  /** Eight more, for the logarithm, sine, cosine and tanh (`wasmLog`, `wasmSinCos`, `wasmTanh`). */
  readonly more: readonly number[];
}

/**
 * Takes the v128 locals {@link wasmExp} and the other functions of the kernel need. A function's
 * argument is computed before it starts, so nested calls can share them.
 *
 * @param local - allocates a local of a type, returning its index
 * @returns the locals
 */
export function expLocals(local: (t: ValType) => number): ExpLocals {
  const v = (): number => local('v128');
  return { k: v(), r: v(), r2: v(), r4: v(), r8: v(), p: v(), s1: v(), s2: v(), more: Array.from({ length: 8 }, v) };
}

const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];

/**
 * Code that takes an f64x2 from the stack and leaves tanh of each lane there, as `tanh_` of
 * `EXP_SOURCE`: e/(e + 2) with e = expm1(2x), 1 above 22 and −1 below −22.
 *
 * @param l - the working locals (see {@link expLocals})
 * @returns the instructions
 */
export function wasmTanh(l: ExpLocals): number[] {
  const [x, e] = [l.more[0]!, l.more[1]!];
  return [
    ...op.set(x), ...splat(1), ...splat(-1),
    ...splat(2), ...op.get(x), ...op.f64x2Mul, ...wasmExp('expm1', l), ...op.tee(e), ...op.get(e), ...splat(2), ...op.f64x2Add, ...op.f64x2Div,
    ...op.get(x), ...splat(-TANH_SATURATED), ...op.f64x2Lt, ...op.v128Bitselect,
    ...op.get(x), ...splat(TANH_SATURATED), ...op.f64x2Gt, ...op.v128Bitselect,
  ];
}

/** 2ʰ per lane from i32 lanes h (low two) on the stack: the f64 with biased exponent h + 1023. */
const powerOfTwo = (h: number[]): number[] => [...h, ...op.i64x2ExtendLowI32x4S, ...op.i64Const(1023), ...op.i64x2Splat, ...op.i64x2Add, ...op.i32Const(52), ...op.i64x2Shl];

/**
 * Code that takes an f64x2 from the stack and leaves eˣ (`'exp'`) or eˣ − 1 (`'expm1'`) of each
 * lane there, bit for bit as `exp_` and `expm1_` of `EXP_SOURCE` compute them.
 *
 * @param kind - which function
 * @param l - its working locals (see {@link expLocals})
 * @returns the instructions
 */
export function wasmExp(kind: 'exp' | 'expm1', l: ExpLocals): number[] {
  const { k, r, r2, r4, r8, p, s1, s2 } = l;
  const estrin = (node: EstrinNode): number[] => {
    if (node.length === 1) return splat(EXP_TAYLOR[node[0]]!);
    const power = node[2] === 1 ? r : node[2] === 2 ? r2 : node[2] === 4 ? r4 : r8;
    return [...estrin(node[0]), ...estrin(node[1]), ...op.get(power), ...op.f64x2Mul, ...op.f64x2Add];
  };
  const ki = [...op.get(k), ...op.i32x4TruncSatF64x2SZero];
  const h = [...ki, ...op.i32Const(1), ...op.i32x4ShrS];
  const rest = [...ki, ...h, ...op.i32x4Sub];
  const powers = [...powerOfTwo(h), ...op.set(s1), ...powerOfTwo(rest), ...op.set(s2)];
  // (2ʰ · (1 + p)) · 2ᵏ⁻ʰ
  const exponential = [...op.get(s1), ...splat(1), ...op.get(p), ...op.f64x2Add, ...op.f64x2Mul, ...op.get(s2), ...op.f64x2Mul];
  const code = [
    // c = x < −1000 ? −1000 : x > 1000 ? 1000 : x (NaN stays NaN), as JavaScript's: pmax and
    // pmin are those comparisons, one instruction each. Kept in r for now; k = c/ln 2 rounded.
    ...splat(-EXP_CLAMP), ...op.f64x2Pmax, ...splat(EXP_CLAMP), ...op.f64x2Pmin, ...op.set(r),
    ...op.get(r), ...splat(EXP_INV_LN2), ...op.f64x2Mul, ...splat(EXP_ROUND), ...op.f64x2Add, ...splat(EXP_ROUND), ...op.f64x2Sub, ...op.set(k),
    // r = c − k·ln2hi − k·ln2lo
    ...op.get(r), ...op.get(k), ...splat(EXP_LN2_HI), ...op.f64x2Mul, ...op.f64x2Sub, ...op.get(k), ...splat(EXP_LN2_LO), ...op.f64x2Mul, ...op.f64x2Sub, ...op.set(r),
    ...op.get(r), ...op.get(r), ...op.f64x2Mul, ...op.set(r2),
    ...op.get(r2), ...op.get(r2), ...op.f64x2Mul, ...op.set(r4),
    ...op.get(r4), ...op.get(r4), ...op.f64x2Mul, ...op.set(r8),
    // p = r + r²·q(r)
    ...op.get(r), ...op.get(r2), ...estrin(EXP_ESTRIN), ...op.f64x2Mul, ...op.f64x2Add, ...op.set(p),
  ];
  if (kind === 'exp') return [...code, ...powers, ...exponential];
  // eˣ − 1 = s·p + (s − 1) with s = 2ʰ·2ᵏ⁻ʰ, or eˣ itself for k above EXPM1_LARGE_K.
  const s = [...op.get(s1), ...op.get(s2), ...op.f64x2Mul];
  return [
    ...code,
    ...powers,
    ...exponential,
    ...s, ...op.get(p), ...op.f64x2Mul, ...s, ...splat(1), ...op.f64x2Sub, ...op.f64x2Add,
    ...op.get(k), ...splat(EXPM1_LARGE_K), ...op.f64x2Gt,
    ...op.v128Bitselect,
  ];
}
