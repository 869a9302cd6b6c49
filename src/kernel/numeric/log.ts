/**
 * The natural logarithm of the kernels, spikestream's own: the same operations, in the same
 * order, in the JavaScript kernel ({@link LOG_SOURCE}, inlined) and in the WebAssembly kernel
 * (`wasmLog`, two neurons per instruction), so that a model that takes a logarithm (or draws
 * white noise, whose Box–Muller transform does) gives the same spikes on either back end.
 * WebAssembly has no logarithm, and `Math.log` may differ between engines in the last bit.
 *
 * The method is the textbook one. x = 2ᵏ·m with m in [√2/2, √2) (a subnormal x scaled by 2⁵⁴
 * first), read from x's bits; then with f = m − 1 and s = f/(2 + f),
 * log(1 + f) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R), R = Σₙ 2s²ⁿ/(2n + 1), n = 1 … 12 (|s| ≤ 0.172,
 * so the next term is below 10⁻¹⁹); and log x = k·ln 2 + log(1 + f), ln 2 in two parts so that
 * k·ln2hi is exact. The tests hold it within 1 ulp of `Math.log`. log 0 is −∞, log ∞ is ∞, and
 * a negative x or NaN gives NaN.
 *
 * The bits of x are read through a typed array in JavaScript, which is little-endian on every
 * platform JavaScript runs on in practice (and WebAssembly always is).
 *
 * @example
 * ```ts
 * import { log } from './log.js';
 * log(Math.E); // 1
 * ```
 * @module
 */
import { EXP_LN2_HI, EXP_LN2_LO } from './exp.js';

/** √2: m above it is halved (and k raised), so that |f| ≤ √2 − 1. */
export const LOG_SQRT2 = Math.SQRT2;
/** The smallest normal double: below it x is scaled by 2⁵⁴ first. */
export const LOG_MIN_NORMAL = 2.2250738585072014e-308;
/** 2⁵⁴. */
export const LOG_SUBNORMAL_SCALE = 18014398509481984;

/** The coefficients of R(z)/z = Σₙ 2zⁿ⁻¹/(2n + 1), n = 1 … 12: 2/3, 2/5, …, 2/25, evaluated by Horner's rule. */
export const LOG_SERIES: readonly number[] = Array.from({ length: 12 }, (_, n) => 2 / (2 * n + 3));

const lit = (x: number): string => `(${String(x)})`;
/** R(z) = z·(c₀ + z·(c₁ + … )), as both kernels write it. */
const seriesSource = (z: string): string => `${z} * ${LOG_SERIES.slice(0, -1).reduceRight((inner, c) => `(${lit(c)} + ${z} * ${inner})`, lit(LOG_SERIES[LOG_SERIES.length - 1]!))}`;

/**
 * JavaScript source declaring `log_(x)` and the typed arrays it reads x's bits through, for
 * inlining into generated code. The WebAssembly kernel's `wasmLog` does the same operations.
 */
export const LOG_SOURCE = [
  'const LF_ = new Float64Array(1), LW_ = new Int32Array(LF_.buffer);',
  'function log_(x) {',
  '  if (!(x > 0)) return x === 0 ? -Infinity : NaN;',
  '  if (x === Infinity) return x;',
  `  let k = -1023; if (x < ${lit(LOG_MIN_NORMAL)}) { x = x * ${lit(LOG_SUBNORMAL_SCALE)}; k = -1077; }`,
  // The exponent from the high word; m, x with its exponent set to 0 (in [1, 2)).
  '  LF_[0] = x; const hi = LW_[1]; k = k + (hi >>> 20); LW_[1] = (hi & 1048575) | 1072693248; let m = LF_[0];',
  `  if (m > ${lit(LOG_SQRT2)}) { m = m * 0.5; k = k + 1; }`,
  `  const f = m - 1, s = f / (2 + f), z = s * s, h = 0.5 * f * f, R = ${seriesSource('z')};`,
  `  return k * ${lit(EXP_LN2_HI)} + (f - (h - (s * (h + R) + k * ${lit(EXP_LN2_LO)})));`,
  '}',
].join('\n');

/**
 * ln x, as the kernels compute it (within 1 ulp of `Math.log`).
 *
 * @param x - the argument
 * @returns ln x
 * @example
 * ```ts
 * log(1); // 0
 * ```
 */
export const log: (x: number) => number = new Function(`${LOG_SOURCE}\nreturn log_;`)() as (x: number) => number;
