/**
 * Compressed sparse rows: the stored form of a projection's synapses.
 *
 * Row `i` (a presynaptic neuron) holds its targets in `col[rowPtr[i] .. rowPtr[i+1])`, sorted
 * ascending. `col` uses the narrowest unsigned type that can index the target group (1, 2 or 4
 * bytes), because at 25 million synapses the index array is nearly all of the memory.
 *
 * @example
 * ```ts
 * import { fixedProbability } from 'spikestream';
 * const csr = fixedProbability(100, 100, 0.1, 7);
 * const targetsOf3 = csr.col.subarray(csr.rowPtr[3], csr.rowPtr[4]);
 * ```
 * @module
 */

/** An unsigned index array of the narrowest width that fits. */
export type IndexArray = Uint8Array | Uint16Array | Uint32Array;

/** Synapses as compressed sparse rows, presynaptic rows, postsynaptic columns. */
export interface Csr {
  /** Presynaptic group size. */
  readonly rows: number;
  /** Postsynaptic group size. */
  readonly cols: number;
  /** Row starts, length `rows + 1`. */
  readonly rowPtr: Uint32Array;
  /** Target indices, length {@link Csr.nnz}. */
  readonly col: IndexArray;
  /** Number of synapses. */
  readonly nnz: number;
}

/**
 * Allocates an index array of the narrowest type able to hold values below `bound`.
 *
 * @param bound - one more than the largest index to store
 * @param length - number of elements
 */
export function indexArray(bound: number, length: number): IndexArray {
  if (bound <= 0x100) return new Uint8Array(sharedBuffer(length));
  if (bound <= 0x10000) return new Uint16Array(sharedBuffer(2 * length));
  return new Uint32Array(sharedBuffer(4 * length));
}

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
