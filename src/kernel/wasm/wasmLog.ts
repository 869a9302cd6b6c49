/**
 * The kernels' natural logarithm (see `log.ts`) in WebAssembly, two lanes at once: the same
 * operations as the JavaScript `log_`, in the same order, on f64x2. Where JavaScript reads x's
 * exponent and mantissa through a typed array and branches, the module reads them from the
 * lanes' bits (the exponent, below 2⁵², made a double by or-ing it into 2⁵²'s bits and
 * subtracting 2⁵²) and selects.
 *
 * @example
 * ```ts
 * emit(op.get(x), wasmLog(expLocals(local))); // ln of both lanes of x, on the stack
 * ```
 * @module
 */
import { EXP_LN2_HI, EXP_LN2_LO } from '../numeric/exp.js';
import { LOG_MIN_NORMAL, LOG_SERIES, LOG_SQRT2, LOG_SUBNORMAL_SCALE } from '../numeric/log.js';
import type { ExpLocals } from './wasmExp.js';
import { op } from './wasmModule.js';

const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];

/** Both 64-bit lanes holding the bits `hi`·2³² + `lo`, as a v128 constant. */
const bits64 = (hi: number, lo: number): number[] => op.v128Const([lo, hi, lo, hi].flatMap((v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]));

/** c₀ + z·(c₁ + z·(…)) by Horner's rule, z in a local. */
export function wasmHorner(c: readonly number[], z: number): number[] {
  let code = splat(c[c.length - 1]!);
  for (let j = c.length - 2; j >= 0; j--) code = [...splat(c[j]!), ...op.get(z), ...code, ...op.f64x2Mul, ...op.f64x2Add];
  return code;
}

/**
 * Code that takes an f64x2 from the stack and leaves ln of each lane there, bit for bit as
 * `log_` of `LOG_SOURCE` computes it.
 *
 * @param l - the working locals (see `expLocals`): eight of `more` are used
 * @returns the instructions
 */
export function wasmLog(l: ExpLocals): number[] {
  const [x, y, k, m, f, s, z, h] = l.more as [number, number, number, number, number, number, number, number];
  const series = wasmHorner(LOG_SERIES, z);
  return [
    ...op.set(x),
    // A subnormal x is scaled by 2⁵⁴ first (k then starts at −1077 instead of −1023).
    ...op.get(x), ...splat(LOG_SUBNORMAL_SCALE), ...op.f64x2Mul, ...op.get(x), ...op.get(x), ...splat(LOG_MIN_NORMAL), ...op.f64x2Lt, ...op.tee(f), ...op.v128Bitselect, ...op.set(y),
    ...splat(-1077), ...splat(-1023), ...op.get(f), ...op.v128Bitselect,
    // k + the biased exponent (y's bits >> 52, a double through 2⁵²).
    ...op.get(y), ...op.i32Const(52), ...op.i64x2ShrU, ...bits64(0x43300000, 0), ...op.v128Or, ...splat(4503599627370496), ...op.f64x2Sub, ...op.f64x2Add, ...op.set(k),
    // m in [1, 2): y's mantissa with the exponent of 1; halved above √2, k then one more.
    ...op.get(y), ...bits64(0x000fffff, -1), ...op.v128And, ...bits64(0x3ff00000, 0), ...op.v128Or, ...op.tee(m),
    ...splat(LOG_SQRT2), ...op.f64x2Gt, ...op.set(f),
    ...op.get(m), ...splat(0.5), ...op.f64x2Mul, ...op.get(m), ...op.get(f), ...op.v128Bitselect, ...op.set(m),
    ...op.get(k), ...splat(1), ...splat(0), ...op.get(f), ...op.v128Bitselect, ...op.f64x2Add, ...op.set(k),
    // f = m − 1, s = f/(2 + f), z = s², h = f²/2, R = z·series(z)
    ...op.get(m), ...splat(1), ...op.f64x2Sub, ...op.set(f),
    ...op.get(f), ...splat(2), ...op.get(f), ...op.f64x2Add, ...op.f64x2Div, ...op.set(s),
    ...op.get(s), ...op.get(s), ...op.f64x2Mul, ...op.set(z),
    ...splat(0.5), ...op.get(f), ...op.f64x2Mul, ...op.get(f), ...op.f64x2Mul, ...op.set(h),
    ...op.get(z), ...series, ...op.f64x2Mul, ...op.set(y),
    // k·ln2hi + (f − (h − (s·(h + R) + k·ln2lo)))
    ...op.get(k), ...splat(EXP_LN2_HI), ...op.f64x2Mul,
    ...op.get(f), ...op.get(h), ...op.get(s), ...op.get(h), ...op.get(y), ...op.f64x2Add, ...op.f64x2Mul, ...op.get(k), ...splat(EXP_LN2_LO), ...op.f64x2Mul, ...op.f64x2Add, ...op.f64x2Sub, ...op.f64x2Sub,
    ...op.f64x2Add,
    // NaN where x is not above 0 (negative or NaN), −∞ at 0, ∞ at ∞.
    ...splat(NaN), ...op.get(x), ...splat(0), ...op.f64x2Gt, ...op.v128Bitselect,
    ...splat(-Infinity), ...op.get(x), ...splat(0), ...op.f64x2Ne, ...op.v128Bitselect,
    ...splat(Infinity), ...op.get(x), ...splat(Infinity), ...op.f64x2Ne, ...op.v128Bitselect,
  ];
}
