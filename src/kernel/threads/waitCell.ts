/**
 * Whether this thread may block in `Atomics.wait`: Node's threads and Web Workers may, a
 * browser's main thread may not, and nowhere without SharedArrayBuffer (a page that is not
 * cross-origin isolated). A parallel build waits for its workers so, and the precise real-time
 * pacer sleeps so.
 *
 * @example
 * ```ts
 * import { waitCell } from 'spikestream/kernel';
 * const cell = waitCell();
 * if (cell !== null) Atomics.wait(cell, 0, 0, 0.5); // sleep half a millisecond
 * ```
 * @module
 */

const cell: Int32Array | null = (() => {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics?.wait !== 'function') return null;
  try {
    const c = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(c, 0, 1, 0); // 'not-equal' where waiting is allowed; throws where it is not
    return c;
  } catch {
    return null;
  }
})();

/**
 * A shared cell, always 0, that this thread may wait on with `Atomics.wait` (a sleep), or null
 * where this thread may not block.
 *
 * @returns the cell, or null
 */
export function waitCell(): Int32Array | null {
  return cell;
}
