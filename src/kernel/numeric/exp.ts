/**
 * The exponentials of the Hodgkin–Huxley model (`kind: 'hh'`), spikestream's own: the same
 * operations, in the same order, in the JavaScript kernel ({@link EXP_SOURCE}, inlined) and
 * in the WebAssembly kernel (`wasmExp`, two neurons per instruction), so that both give the
 * same spikes, bit for bit.
 *
 * `Math.exp` cannot serve both: WebAssembly has no exponential. With these, a network of
 * Hodgkin–Huxley neurons gives the same spikes on either back end, and its step's exponentials
 * do not depend on the engine's `Math.exp`, which may differ between engines in the last bit.
 *
 * The method is the textbook one: x = k·ln 2 + r with k = ⌊x/ln 2 + ½⌋ and |r| ≤ ln 2 / 2
 * (ln 2 in two parts, the first with 21 trailing zero bits so that k·ln2hi is exact), eʳ − 1 by
 * its Taylor series to r¹³ (the next term is below 10⁻¹⁷), and 2ᵏ applied as two powers of two,
 * so that the product overflows to ∞ and underflows to 0 where the exponential does, with no
 * special case. The tests hold `exp` within 1 ulp of `Math.exp` and `expm1` within 2 of
 * `Math.expm1` over [−50, 50]. Arguments are clamped to [−1000, 1000] first (e^±1000 is already
 * ∞ or 0), and NaN stays NaN. Below e^−708 the result is a subnormal rounded twice, or 0;
 * nothing in a neuron model lives there.
 *
 * @example
 * ```ts
 * import { exp, expm1 } from './exp.js';
 * exp(0); // 1
 * expm1(1e-10); // 1.00000000005e-10
 * ```
 * @module
 */

/** 1 / ln 2. */
export const EXP_INV_LN2 = 1.4426950408889634;
/** ln 2's first 32 significant bits: k·EXP_LN2_HI is exact for |k| < 2²¹. */
export const EXP_LN2_HI = 6.9314718036912381649e-1;
/** ln 2 − EXP_LN2_HI. */
export const EXP_LN2_LO = 1.90821492927058770002e-10;
/** 1.5·2⁵²: added and subtracted, it rounds a number below 2⁵¹ to an integer (ties to even). */
export const EXP_ROUND = 6755399441055744;
/** Arguments are clamped to ±EXP_CLAMP. */
export const EXP_CLAMP = 1000;
/** Above this k, expm1 is the exponential itself (eˣ − 1 rounds to eˣ). */
export const EXPM1_LARGE_K = 56;
/** Beyond ±this, tanh is ±1 (1 − tanh 22 < 2⁻⁶²). */
export const TANH_SATURATED = 22;

/** The Taylor coefficients of q(r) = (eʳ − 1 − r) / r²: 1/n! for n = 2 … 13, of r⁰ … r¹¹. */
export const EXP_TAYLOR: readonly number[] = (() => {
  const c: number[] = [];
  let f = 1;
  for (let n = 2; n <= 13; n++) c.push(1 / (f *= n));
  return c;
})();

/**
 * A node of the evaluation of q(r) by Estrin's scheme: a coefficient's index, or `[a, b, p]`
 * for a + b·rᵖ (p = 1, 2, 4 or 8).
 */
export type EstrinNode = readonly [number] | readonly [EstrinNode, EstrinNode, 1 | 2 | 4 | 8];

/**
 * How q(r) is evaluated: pairs a + b·r of the coefficients, pairs of those with r², then with
 * r⁴ and r⁸, so that the chain of dependent operations is 4 multiply-adds long rather than
 * Horner's 11 (a neuron's ten exponentials then overlap; by Horner's rule the JavaScript one
 * took twice as long as `Math.exp`). Both kernels walk this one tree.
 */
export const EXP_ESTRIN: EstrinNode = (() => {
  const pair = (j: number): EstrinNode => [[j], [j + 1], 1];
  const quad = (j: number): EstrinNode => [pair(j), pair(j + 2), 2];
  return [[quad(0), quad(4), 4], quad(8), 8];
})();

const lit = (x: number): string => `(${String(x)})`;
const estrinSource = (node: EstrinNode): string =>
  node.length === 1 ? lit(EXP_TAYLOR[node[0]]!) : `(${estrinSource(node[0])} + ${estrinSource(node[1])} * ${node[2] === 1 ? 'r' : `r${node[2]}`})`;

/** The reduction and the series, as statements: `c`, `k`, `r`, `p` = eʳ − 1, `i` = k, `h` = k >> 1. */
const reduction = [
  `const c = x < ${lit(-EXP_CLAMP)} ? ${lit(-EXP_CLAMP)} : x > ${lit(EXP_CLAMP)} ? ${lit(EXP_CLAMP)} : x;`,
  `const k = c * ${lit(EXP_INV_LN2)} + ${lit(EXP_ROUND)} - ${lit(EXP_ROUND)};`,
  `const r = c - k * ${lit(EXP_LN2_HI)} - k * ${lit(EXP_LN2_LO)};`,
  'const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;',
  `const p = r + r2 * ${estrinSource(EXP_ESTRIN)}, i = k | 0, h = i >> 1;`,
].join(' ');

/**
 * JavaScript source declaring `exp_(x)`, `expm1_(x)` and `exprel_(x)` and their table of powers of two, for
 * inlining into generated code. The WebAssembly kernel's `wasmExp` does the same operations.
 */
export const EXP_SOURCE = [
  // 2ⁿ for n = −1022 … 1023, at n + 1022, built by doubling and halving (exact).
  'const P2_ = new Float64Array(2046); P2_[1022] = 1;',
  'for (let n = 1023; n < 2046; n++) P2_[n] = P2_[n - 1] * 2;',
  'for (let n = 1021; n >= 0; n--) P2_[n] = P2_[n + 1] / 2;',
  `function exp_(x) { ${reduction} return P2_[h + 1022] * (1 + p) * P2_[i - h + 1022]; }`,
  `function expm1_(x) { ${reduction} if (k > ${EXPM1_LARGE_K}) return P2_[h + 1022] * (1 + p) * P2_[i - h + 1022]; const s = P2_[h + 1022] * P2_[i - h + 1022]; return s * p + (s - 1); }`,
  // (eˣ − 1)/x, 1 at 0: Brian2's exprel, for rates such as a·x/(eˣ − 1) = a/exprel(x).
  'function exprel_(x) { return x === 0 ? 1 : expm1_(x) / x; }',
  // tanh x = (e²ˣ − 1)/(e²ˣ + 1), from expm1 so that it is exact near 0; ±1 beyond ±22, where it rounds to ±1.
  `function tanh_(x) { if (x > ${TANH_SATURATED}) return 1; if (x < ${-TANH_SATURATED}) return -1; const e = expm1_(2 * x); return e / (e + 2); }`,
].join('\n');

const compiledExp = new Function(`${EXP_SOURCE}\nreturn [exp_, expm1_, tanh_];`)() as [(x: number) => number, (x: number) => number, (x: number) => number];

/**
 * eˣ, as the Hodgkin–Huxley kernels compute it (within 1 ulp of `Math.exp` over [−50, 50]).
 *
 * @param x - the argument
 * @returns eˣ
 * @example
 * ```ts
 * exp(0); // 1
 * ```
 */
export const exp: (x: number) => number = compiledExp[0];

/**
 * eˣ − 1, accurate near 0, as the Hodgkin–Huxley kernels compute it.
 *
 * @param x - the argument
 * @returns eˣ − 1
 * @example
 * ```ts
 * expm1(1e-10); // 1.00000000005e-10
 * ```
 */
export const expm1: (x: number) => number = compiledExp[1];

/**
 * tanh x, as the kernels compute it: (e²ˣ − 1)/(e²ˣ + 1) from `expm1`, ±1 beyond ±22 (within
 * 3 ulp of `Math.tanh`).
 *
 * @param x - the argument
 * @returns tanh x
 * @example
 * ```ts
 * tanh(0); // 0
 * ```
 */
export const tanh: (x: number) => number = compiledExp[2];
