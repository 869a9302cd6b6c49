/**
 * Compressed sparse rows: the stored form of a projection's synapses.
 *
 * Row `i` (a presynaptic neuron) holds its targets in `col[rowPtr[i] .. rowPtr[i+1])`, sorted
 * ascending. `col` uses the narrowest unsigned type that can index the target group (1, 2 or 4
 * bytes), because at 25 million synapses the index array is nearly all of the memory.
 *
 * @example
 * ```ts
 * import { fixedProbability } from './fixedProbability.js';
 * const csr = fixedProbability(100, 100, 0.1, 7);
 * const targetsOf3 = csr.col.subarray(csr.rowPtr[3], csr.rowPtr[4]);
 * ```
 * @module
 */

import { sharedBuffer } from '../numeric/sharedBuffer.js';

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
  const width = indexWidth(bound);
  if (width === 1) return new Uint8Array(sharedBuffer(length));
  if (width === 2) return new Uint16Array(sharedBuffer(2 * length));
  return new Uint32Array(sharedBuffer(4 * length));
}

/**
 * The bytes of the narrowest unsigned type that holds values below `bound`: 1, 2 or 4.
 *
 * @param bound - one more than the largest index to store
 */
export function indexWidth(bound: number): 1 | 2 | 4 {
  return bound <= 0x100 ? 1 : bound <= 0x10000 ? 2 : 4;
}

/**
 * Where a CSR's arrays are allocated: by default in shared memory (`sharedBuffer`); the
 * WebAssembly back end passes one that places them in its memory, so that they are never copied.
 */
export interface CsrAlloc {
  /** An index array of the narrowest type for values below `bound`, of `length` elements. */
  index(bound: number, length: number): IndexArray;
  /** Row pointers, `length` elements. */
  rowPtr(length: number): Uint32Array;
  /** The words of bit rows (see `bitRowsFromRows`), `length` elements, zeroed. */
  words(length: number): Uint32Array;
  /** Per-synapse 32-bit values (weights, delays: see `synapseValues`), `length` elements. */
  f32(length: number): Float32Array;
}

/** The default: arrays in shared memory. */
export const sharedAlloc: CsrAlloc = {
  index: indexArray,
  rowPtr: (length) => new Uint32Array(sharedBuffer(4 * length)),
  words: (length) => new Uint32Array(sharedBuffer(4 * length)),
  f32: (length) => new Float32Array(sharedBuffer(4 * length)),
};

/**
 * Builds a CSR from a row generator: `row(i, out)` writes row i's targets, ascending, into
 * `out` (length ≥ `maxRow`) and returns their number. Every connectivity rule that can draw its
 * rows one at a time goes through here.
 *
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size (sets the index type)
 * @param row - the row generator
 * @param expected - the expected number of synapses, to size the array once (it grows if needed)
 * @param maxRow - the most targets one row can have (default `cols`)
 * @param alloc - where the arrays go (default: shared memory; a rare regrowth goes there too)
 * @returns the synapses
 */
export function csrFromRows(rows: number, cols: number, row: (i: number, out: Uint32Array) => number, expected: number, maxRow = cols, alloc: CsrAlloc = sharedAlloc): Csr {
  let capacity = Math.max(16, Math.ceil(expected));
  const rowPtr = alloc.rowPtr(rows + 1);
  let col = alloc.index(cols, capacity);
  const scratch = new Uint32Array(maxRow);
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    const n = row(i, scratch);
    if (nnz + n > capacity) {
      capacity = Math.ceil((nnz + n) * 1.25) + maxRow;
      const grown = indexArray(cols, capacity);
      grown.set(col.subarray(0, nnz));
      col = grown;
    }
    // One native conversion per row: an element loop over the three index widths was most of
    // the seed network's build (npm run bench -- the build column).
    col.set(scratch.subarray(0, n), nnz);
    nnz += n;
    rowPtr[i + 1] = nnz;
  }
  if (nnz > 0xffffffff) throw new RangeError(`csrFromRows: ${nnz} synapses exceed 2^32 - 1 in one projection`);
  return { rows, cols, rowPtr, col: col.subarray(0, nnz) as IndexArray, nnz };
}
