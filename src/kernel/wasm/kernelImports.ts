/**
 * What the kernel's WebAssembly module imports besides its memory: `Math.log`, for the gaps
 * between the synapses of procedural rows with p below 1/16 (see `wasmGeometricRows`). The
 * logarithm is the engine's own, called through the import, so that the module draws the rows
 * that `fixedProbabilityRow` draws in JavaScript bit for bit, on any engine. Every place that
 * instantiates the module passes {@link kernelImports} (a worker thread, whose code is a
 * string, passes the same object: see `threadRuntime`).
 *
 * @example
 * ```ts
 * const instance = new WebAssembly.Instance(module, kernelImports(memory));
 * ```
 * @module
 */
import type { WasmImport } from './wasmModule.js';

/** The functions the kernel's module imports from `env`, in their order (function indices 0 on). */
export const KERNEL_IMPORTS: readonly WasmImport[] = [{ name: 'log', params: ['f64'], result: 'f64' }];

/** The index of `Math.log` among the module's functions. */
export const LOG_IMPORT = 0;

/**
 * The import object of the kernel's module on `memory`.
 *
 * @param memory - the memory it runs on
 * @returns `{ env: { memory, log } }`
 * @example
 * ```ts
 * new WebAssembly.Instance(module, kernelImports(memory));
 * ```
 */
export function kernelImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return { env: { memory, log: Math.log } };
}
