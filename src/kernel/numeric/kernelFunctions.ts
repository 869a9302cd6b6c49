/**
 * The kernels' own transcendental functions in one place: the JavaScript source that generated
 * code inlines (exp, expm1, exprel, tanh, log, sin, cos), and the same functions as values, for
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

/** JavaScript source declaring `exp_`, `expm1_`, `exprel_`, `tanh_`, `log_`, `sin_` and `cos_`, for inlining into generated code. */
export const KERNEL_MATH_SOURCE = [EXP_SOURCE, LOG_SOURCE, TRIG_SOURCE].join('\n');

/** The functions the generated code calls, as values (see `FoldFunctions`). */
export const KERNEL_FUNCTIONS = { exp, expm1, tanh, log, sin, cos } as const;
