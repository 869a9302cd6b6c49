/**
 * What the kernel's WebAssembly module imports besides its memory: `Math.log`, `Math.exp`,
 * `Math.cos` and `Math.sin`, for procedural rows drawn again at each spike: the gaps between
 * the synapses of rows with p below 1/16 (see `wasmGeometricRows`) and the weights drawn with
 * them (normal and lognormal, see `wasmRowLists`). The functions are the engine's own, called
 * through the imports, so that the module draws what `fixedProbabilityRow` and `drawValues`
 * draw in JavaScript, bit for bit, on any engine. Every place that instantiates the module
 * passes {@link kernelImports}; a worker thread, whose code is a string, is sent the names.
 *
 * @example
 * ```ts
 * const instance = new WebAssembly.Instance(module, kernelImports(memory));
 * ```
 * @module
 */
import type { WasmImport } from './wasmModule.js';

/** The `Math` functions the kernel's module imports, in their order (function indices 0 on). */
export const KERNEL_MATH = ['log', 'exp', 'cos', 'sin'] as const;

/** The functions the kernel's module imports from `env`, each (f64) → f64. */
export const KERNEL_IMPORTS: readonly WasmImport[] = KERNEL_MATH.map((name) => ({ name, params: ['f64'], result: 'f64' }));

/** The function index of an imported `Math` function. */
export function mathImport(name: (typeof KERNEL_MATH)[number]): number {
  return KERNEL_MATH.indexOf(name);
}

/**
 * The import object of the kernel's module on `memory`.
 *
 * @param memory - the memory it runs on
 * @returns `{ env: { memory, log, exp, cos, sin } }`
 * @example
 * ```ts
 * new WebAssembly.Instance(module, kernelImports(memory));
 * ```
 */
export function kernelImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return { env: { memory, ...Object.fromEntries(KERNEL_MATH.map((name) => [name, Math[name]])) } };
}
