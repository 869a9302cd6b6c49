/**
 * The sine and cosine of the kernels, spikestream's own: the same operations, in the same order,
 * in the JavaScript kernel ({@link TRIG_SOURCE}, inlined) and in the WebAssembly kernel
 * (`wasmSinCos`, two neurons per instruction), so that a model that takes them (or draws white
 * noise, whose Box–Muller transform takes a cosine) gives the same spikes on either back end.
 *
 * The method is the textbook one: n = x·2/π rounded to an integer, r = x − n·π/2 with π/2 in
 * three parts (Cody and Waite: the first two of 33 bits, so that n·part is exact for |n| < 2²⁰),
 * |r| ≤ π/4; sin r = r + r·z·S(z) and cos r = 1 − z/2 + z²·C(z) with z = r², S and C their
 * Taylor series to r¹⁷ and r¹⁸ (the next terms are below 10⁻¹⁹), cos written as w + ((1 − w) − z/2
 * + z²·C) with w = 1 − z/2, which keeps the bits 1 − z/2 rounds away; then the quadrant n mod 4
 * picks ±sin r or ±cos r. The tests hold both within 1 ulp of `Math.sin` and `Math.cos` for
 * |x| ≤ 10 and 2 ulp for |x| ≤ 10⁵; the reduction loses accuracy beyond |x| ≈ 10⁶ (n past 2²⁰),
 * ±∞ gives NaN, and the sign of a zero argument is not kept.
 *
 * @example
 * ```ts
 * import { cos, sin } from './trig.js';
 * sin(Math.PI / 6); // 0.49999999999999994
 * cos(0); // 1
 * ```
 * @module
 */
import { EXP_ROUND } from './exp.js';

/** 2/π. */
export const TRIG_TWO_OVER_PI = 0.6366197723675814;
/** π/2's first 33 bits, its next 33 bits, and the rest (Cody–Waite). */
export const TRIG_PIO2: readonly [number, number, number] = [1.5707963267341256, 6.077100506303966e-11, 2.0222662487959506e-21];
/** sin: the Taylor coefficients of S(z) = (sin r − r)/(r·z), (−1)ᵏ/(2k + 1)! for k = 1 … 8. */
export const TRIG_SIN: readonly number[] = taylor(3, 8);
/** cos: the Taylor coefficients of C(z) = (cos r − 1 + z/2)/z², (−1)ᵏ/(2k)! for k = 2 … 9. */
export const TRIG_COS: readonly number[] = taylor(4, 8);

/** n coefficients (−1)^⌊j/2⌋/j! for j = first, first + 2, …: sin's from 3, cos's from 4. */
function taylor(first: number, n: number): number[] {
  const out: number[] = [];
  let f = 1;
  for (let j = 2; j <= first; j++) f *= j;
  for (let k = 0; k < n; k++) {
    const j = first + 2 * k;
    if (k > 0) f *= (j - 1) * j;
    out.push((Math.floor(j / 2) % 2 === 0 ? 1 : -1) / f);
  }
  return out;
}

const lit = (x: number): string => `(${String(x)})`;
/** c₀ + z·(c₁ + z·(…)) by Horner's rule, as both kernels write it. */
export const hornerSource = (c: readonly number[], z: string): string => c.slice(0, -1).reduceRight((inner, x) => `(${lit(x)} + ${z} * ${inner})`, lit(c[c.length - 1]!));

/** The reduction and both polynomials, as statements: `n`, `q` = n mod 4, `s` = sin r, `c` = cos r. */
const reduction = [
  // q = n mod 4, exactly for any n (every operation is exact), so that huge x, far past the
  // accurate range, still gives the WebAssembly kernel's bits.
  `const n = x * ${lit(TRIG_TWO_OVER_PI)} + ${lit(EXP_ROUND)} - ${lit(EXP_ROUND)}, q = (n - 4 * Math.floor(n * 0.25)) | 0;`,
  `const r = x - n * ${lit(TRIG_PIO2[0])} - n * ${lit(TRIG_PIO2[1])} - n * ${lit(TRIG_PIO2[2])}, z = r * r, h = 0.5 * z, w = 1 - h;`,
  `const s = r + r * z * ${hornerSource(TRIG_SIN, 'z')}, c = w + (((1 - w) - h) + z * z * ${hornerSource(TRIG_COS, 'z')});`,
].join(' ');

/**
 * JavaScript source declaring `sin_(x)` and `cos_(x)`, for inlining into generated code. The
 * WebAssembly kernel's `wasmSinCos` does the same operations.
 */
export const TRIG_SOURCE = [
  `function sin_(x) { ${reduction} return q === 0 ? s : q === 1 ? c : q === 2 ? -s : -c; }`,
  `function cos_(x) { ${reduction} return q === 0 ? c : q === 1 ? -s : q === 2 ? -c : s; }`,
].join('\n');

const compiled = new Function(`${TRIG_SOURCE}\nreturn [sin_, cos_];`)() as [(x: number) => number, (x: number) => number];

/**
 * sin x, as the kernels compute it (within 2 ulp of `Math.sin` for |x| ≤ 10⁵).
 *
 * @param x - the argument, radians
 * @returns sin x
 * @example
 * ```ts
 * sin(0); // 0
 * ```
 */
export const sin: (x: number) => number = compiled[0];

/**
 * cos x, as the kernels compute it (within 2 ulp of `Math.cos` for |x| ≤ 10⁵).
 *
 * @param x - the argument, radians
 * @returns cos x
 * @example
 * ```ts
 * cos(0); // 1
 * ```
 */
export const cos: (x: number) => number = compiled[1];
