/**
 * The kernels' sine and cosine (see `trig.ts`) in WebAssembly, two lanes at once: the same
 * operations as the JavaScript `sin_` and `cos_`, in the same order, on f64x2. Where JavaScript
 * picks ±sin r or ±cos r by the quadrant q = n mod 4, the module computes both and selects by
 * q's bits.
 *
 * @example
 * ```ts
 * emit(op.get(x), wasmSinCos('sin', expLocals(local))); // sin of both lanes of x, on the stack
 * ```
 * @module
 */
import { EXP_ROUND } from '../numeric/exp.js';
import { TRIG_COS, TRIG_PIO2, TRIG_SIN, TRIG_TWO_OVER_PI } from '../numeric/trig.js';
import type { ExpLocals } from './wasmExp.js';
import { wasmHorner } from './wasmLog.js';
import { op } from './wasmModule.js';

const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];

/**
 * Code that takes an f64x2 from the stack and leaves the sine or cosine of each lane there, bit
 * for bit as `sin_` and `cos_` of `TRIG_SOURCE` compute them.
 *
 * @param kind - which function
 * @param l - the working locals (see `expLocals`): all eight of `more` are used
 * @returns the instructions
 */
export function wasmSinCos(kind: 'sin' | 'cos', l: ExpLocals): number[] {
  const [n, r, z, h, w, s, c, q] = l.more as [number, number, number, number, number, number, number, number];
  const [p1, p2, p3] = TRIG_PIO2;
  /** The i64 lanes' mask where the quadrant q (from n) has `bit` set, after adding `add` to it. */
  const quadrant = (add: number, bit: number): number[] => [
    ...op.get(q), ...(add === 0 ? [] : [...op.i32Const(add), ...op.i32x4Splat, ...op.i32x4Add]),
    ...op.i32Const(bit), ...op.i32x4Splat, ...op.v128And, ...op.i32Const(0), ...op.i32x4Splat, ...op.i32x4Ne, ...op.i64x2ExtendLowI32x4S,
  ];
  return [
    // n = x·2/π rounded; r = x − n·p₁ − n·p₂ − n·p₃; z = r², h = z/2, w = 1 − h
    ...op.set(r), ...op.get(r), ...splat(TRIG_TWO_OVER_PI), ...op.f64x2Mul, ...splat(EXP_ROUND), ...op.f64x2Add, ...splat(EXP_ROUND), ...op.f64x2Sub, ...op.set(n),
    // q = n − 4·⌊n/4⌋ (exact), as i32 lanes
    ...op.get(n), ...splat(4), ...op.get(n), ...splat(0.25), ...op.f64x2Mul, ...op.f64x2Floor, ...op.f64x2Mul, ...op.f64x2Sub, ...op.i32x4TruncSatF64x2SZero, ...op.set(q),
    ...op.get(r), ...op.get(n), ...splat(p1), ...op.f64x2Mul, ...op.f64x2Sub, ...op.get(n), ...splat(p2), ...op.f64x2Mul, ...op.f64x2Sub, ...op.get(n), ...splat(p3), ...op.f64x2Mul, ...op.f64x2Sub, ...op.set(r),
    ...op.get(r), ...op.get(r), ...op.f64x2Mul, ...op.set(z),
    ...splat(0.5), ...op.get(z), ...op.f64x2Mul, ...op.set(h),
    ...splat(1), ...op.get(h), ...op.f64x2Sub, ...op.set(w),
    // s = r + r·z·S(z); c = w + (((1 − w) − h) + z·z·C(z))
    ...op.get(r), ...op.get(r), ...op.get(z), ...op.f64x2Mul, ...wasmHorner(TRIG_SIN, z), ...op.f64x2Mul, ...op.f64x2Add, ...op.set(s),
    ...op.get(w), ...splat(1), ...op.get(w), ...op.f64x2Sub, ...op.get(h), ...op.f64x2Sub, ...op.get(z), ...op.get(z), ...op.f64x2Mul, ...wasmHorner(TRIG_COS, z), ...op.f64x2Mul, ...op.f64x2Add, ...op.f64x2Add, ...op.set(c),
    // sin: q = 0, 1, 2, 3 → s, c, −s, −c; cos: c, −s, −c, s. The base (s or c) by q's low bit.
    ...(kind === 'sin' ? [...op.get(c), ...op.get(s)] : [...op.get(s), ...op.get(c)]), ...quadrant(0, 1), ...op.v128Bitselect, ...op.tee(w),
    ...op.f64x2Neg, ...op.get(w), ...quadrant(kind === 'sin' ? 0 : 1, 2), ...op.v128Bitselect,
  ];
}
