/**
 * Whether this engine runs WebAssembly with 128-bit SIMD, which every WebAssembly kernel and the
 * build's row drawer need. A module of its own, below both, so that the build (which draws rows)
 * does not import the kernel's eligibility rules (which estimate memory from connectivity).
 *
 * @example
 * ```ts
 * import { simdAvailable } from './simdAvailable.js';
 * if (!simdAvailable()) console.log('the JavaScript kernel runs');
 * ```
 * @module
 */
import { op, wasmModule, type WasmFunction } from './wasmModule.js';

let simd: boolean | undefined;
/**
 * Whether WebAssembly with 128-bit SIMD is available (checked once).
 *
 * @returns true where the engine validates a module that uses it
 */
export function simdAvailable(): boolean {
  if (simd !== undefined) return simd;
  if (typeof WebAssembly !== 'object') return (simd = false);
  const probe: WasmFunction = { name: 'f', params: [], result: 'i32', locals: ['v128'], body: [...op.get(0), ...op.v128AnyTrue] };
  try {
    simd = WebAssembly.validate(wasmModule({ pages: 1, functions: [probe] }));
  } catch {
    simd = false;
  }
  return simd;
}
