/**
 * The kernels' own transcendental functions in one place: the JavaScript source that generated
 * code inlines (exp, expm1, exprel, tanh, log, sin, cos, and tan, sinh, cosh, log10 made of
 * them), and the same functions as values, for
 * constant folding (`fold` in model/expr), so that a folded literal is what the step would have
 * computed. Each is written once more in WebAssembly (`wasmExp`, `wasmLog`, `wasmSinCos`) with
 * the same operations in the same order.
 *
 * @example
 * ```ts
 * import { KERNEL_FUNCTIONS } from './kernelFunctions.js';
 * fold(tree, constants, KERNEL_FUNCTIONS);
 * ```
 * @module
 */
import { EXP_SOURCE, exp, expm1, tanh } from './exp.js';
import { LOG_SOURCE, log } from './log.js';
import { TRIG_SOURCE, cos, sin } from './trig.js';

/**
 * The functions composed of those: tan = sin/cos; sinh from expm1 of |x|, (m + m/(m + 1))/2, exact
 * near 0, its sign from x; cosh = (eˣ + 1/eˣ)/2; log10 = ln x / ln 10. Constant folding (`fold`) composes them alike.
 */
const COMPOSED_SOURCE = [
  'function tan_(x) { return sin_(x) / cos_(x); }',
  'function sinh_(x) { const m = expm1_(Math.abs(x)), s = 0.5 * (m + m / (m + 1)); return x < 0 ? -s : s; }',
  'function cosh_(x) { const p = exp_(x); return 0.5 * (p + 1 / p); }',
  `function log10_(x) { return log_(x) / ${Math.LN10}; }`,
].join('\n');

/**
 * JavaScript source declaring `exp_`, `expm1_`, `exprel_`, `tanh_`, `log_`, `sin_`, `cos_`, `tan_`,
 * `sinh_`, `cosh_` and `log10_`, for inlining into generated code.
 */
export const KERNEL_MATH_SOURCE = [EXP_SOURCE, LOG_SOURCE, TRIG_SOURCE, COMPOSED_SOURCE].join('\n');

/** The functions the generated code calls, as values (see `FoldFunctions`). */
export const KERNEL_FUNCTIONS = { exp, expm1, tanh, log, sin, cos } as const;
