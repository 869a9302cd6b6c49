/**
 * Memory that worker threads share, and a fast copy into it.
 *
 * @example
 * ```ts
 * import { sharedBuffer, copyBytes } from './sharedBuffer.js';
 * const state = new Float64Array(sharedBuffer(8 * 1000)); // seen by every thread of a kernel
 * copyBytes(Float64Array.of(1, 2), state.buffer, 0);
 * ```
 * @module
 */

/**
 * A buffer that worker threads can share without copying: a SharedArrayBuffer where the
 * platform has one (Node; browsers when cross-origin isolated), else an ArrayBuffer. Synapses
 * and kernel state live in these, so a threaded kernel reads the same synapses as any other.
 *
 * @param bytes - its length
 * @returns the buffer
 */
export function sharedBuffer(bytes: number): ArrayBuffer {
  return typeof SharedArrayBuffer === 'function' ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes);
}

/**
 * Copies a typed array's bytes to `offset` in `to`. As bytes: V8 copies a Uint16Array element
 * by element, and bytes with memmove, about two orders of magnitude faster for the seed
 * network's synapses.
 *
 * @param from - the array
 * @param to - the destination buffer
 * @param offset - the byte offset there
 */
export function copyBytes(from: ArrayBufferView, to: ArrayBufferLike, offset: number): void {
  new Uint8Array(to, offset, from.byteLength).set(new Uint8Array(from.buffer, from.byteOffset, from.byteLength));
}
