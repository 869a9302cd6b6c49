/**
 * Bit rows: the stored form of a dense projection's synapses, one bit per (pre, post) pair.
 *
 * Row `i` (a presynaptic neuron) is `wordsPerRow` 32-bit words from `words[i * wordsPerRow]`
 * (whole 64-bit words); bit `b` of its word `w` says whether target `32 w + b` is a synapse. Where more than one pair
 * in 16 (1-byte indices: one in 8; 4-byte: one in 32) is a synapse, this is smaller than
 * compressed sparse rows: the seed network's p = 0.25 takes 0.5 bytes per synapse instead of 2,
 * and a spike reads a quarter of the memory, so its row is more often in the cache. GeNN calls
 * the same layout BITMASK. A pair is a synapse or not: bit rows hold no multapses, and no
 * connectivity rule draws any (`pairs` refuses a pair given twice).
 *
 * @example
 * ```ts
 * import { bitRowsFromRows, rowTargets } from './bitRows.js';
 * const bits = bitRowsFromRows(3, 40, (i, out) => ((out[0] = i), (out[1] = 39), 2), 40);
 * rowTargets(bits, 1); // Uint32Array [1, 39]
 * ```
 * @module
 */

import { csrFromRows, indexWidth, sharedAlloc, type Csr, type CsrAlloc } from './csr.js';

/** Synapses as bit rows (see `bitRowsFromRows`). */
export interface BitRows {
  /** Presynaptic group size. */
  readonly rows: number;
  /** Postsynaptic group size. */
  readonly cols: number;
  /**
   * Words per row: `2 ceil(cols / 64)`, so that a row is whole 64-bit words (the WebAssembly
   * kernel reads them as i64, little-endian: the same bits); the bits past `cols` are 0.
   */
  readonly wordsPerRow: number;
  /** The rows' bits, `rows * wordsPerRow` words. */
  readonly words: Uint32Array;
  /** Number of synapses (bits set). */
  readonly nnz: number;
}

/** A projection's stored synapses: compressed sparse rows or bit rows. */
export type Synapses = Csr | BitRows;

/**
 * How a network stores its projections' synapses (`BuildOptions.synapseStorage`): `'auto'`,
 * compressed sparse rows unless the network would then exceed its memory limit and fits with
 * bit rows where those are smaller; `'csr'`; `'bits'` (every stored projection).
 */
export type SynapseStorage = 'auto' | 'csr' | 'bits';

/**
 * What a build does for each projection: `'csr'`, `'bits'`, or `'smaller'` (bit rows where they
 * take fewer bytes, see `bitsAreSmaller`); `'auto'` resolves to `'csr'` or `'smaller'`.
 */
export type StorageRule = 'csr' | 'bits' | 'smaller';

/**
 * Whether stored synapses are bit rows.
 *
 * @param s - the synapses
 * @returns true for {@link BitRows}
 */
export function isBitRows(s: Synapses): s is BitRows {
  return 'words' in s;
}

/**
 * 32-bit words per bit row for `cols` targets: whole 64-bit words.
 *
 * @param cols - postsynaptic group size
 * @returns `2 ceil(cols / 64)`
 */
export function wordsPerRow(cols: number): number {
  return 2 * Math.ceil(cols / 64);
}

/**
 * Whether bit rows take fewer bytes than compressed sparse rows for `synapses` expected
 * synapses between `rows` and `cols` neurons: the rule `'auto'` storage follows.
 *
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param synapses - expected number of synapses
 * @returns true when bit rows are smaller
 */
export function bitsAreSmaller(rows: number, cols: number, synapses: number): boolean {
  return rows * wordsPerRow(cols) * 4 < synapses * indexWidth(cols) + 4 * (rows + 1);
}

/**
 * Builds bit rows from a row generator, as `csrFromRows` builds compressed sparse rows: `row(i,
 * out)` writes row i's targets (distinct) into `out` (length ≥ `maxRow`) and returns their number.
 *
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param row - the row generator
 * @param maxRow - the most targets one row can have (default `cols`)
 * @param alloc - where the words go (default: shared memory)
 * @returns the synapses
 * @throws RangeError when a row lists a target twice or one outside `[0, cols)`
 */
export function bitRowsFromRows(rows: number, cols: number, row: (i: number, out: Uint32Array) => number, maxRow = cols, alloc: CsrAlloc = sharedAlloc): BitRows {
  const per = wordsPerRow(cols);
  const words = alloc.words(rows * per);
  const scratch = new Uint32Array(Math.max(1, maxRow));
  let nnz = 0;
  for (let i = 0; i < rows; i++) {
    const n = row(i, scratch);
    const base = i * per;
    for (let k = 0; k < n; k++) {
      const j = scratch[k]!;
      const w = base + (j >>> 5);
      const bit = 1 << (j & 31);
      if (j >= cols || (words[w]! & bit) !== 0) throw new RangeError(`bitRowsFromRows: row ${i} lists target ${j} ${j >= cols ? `outside [0, ${cols})` : 'twice'}`);
      words[w] = words[w]! | bit;
    }
    nnz += n;
  }
  return { rows, cols, wordsPerRow: per, words, nnz };
}

/**
 * The same synapses as bit rows.
 *
 * @param csr - compressed sparse rows
 * @param alloc - where the words go (default: shared memory)
 * @returns the bit rows
 * @throws RangeError when a pair is a synapse twice (bit rows hold no multapses)
 */
export function bitRowsOf(csr: Csr, alloc: CsrAlloc = sharedAlloc): BitRows {
  let widest = 0;
  for (let i = 0; i < csr.rows; i++) widest = Math.max(widest, csr.rowPtr[i + 1]! - csr.rowPtr[i]!);
  return bitRowsFromRows(
    csr.rows,
    csr.cols,
    (i, out) => {
      const [a, b] = [csr.rowPtr[i]!, csr.rowPtr[i + 1]!];
      for (let q = a; q < b; q++) out[q - a] = csr.col[q]!;
      return b - a;
    },
    widest,
    alloc,
  );
}

/**
 * The same synapses as compressed sparse rows: `s` itself when it is, else a new CSR.
 *
 * @param s - the synapses
 * @param alloc - where a new CSR's arrays go (default: shared memory)
 * @returns compressed sparse rows
 */
export function csrOf(s: Synapses, alloc: CsrAlloc = sharedAlloc): Csr {
  if (!isBitRows(s)) return s;
  return csrFromRows(
    s.rows,
    s.cols,
    (i, out) => {
      const row = rowTargets(s, i);
      out.set(row);
      return row.length;
    },
    s.nnz,
    s.cols,
    alloc,
  );
}

/**
 * The targets of presynaptic neuron `i`, ascending, whatever the storage.
 *
 * @param s - the synapses
 * @param i - the presynaptic neuron
 * @returns a fresh array of its targets
 */
export function rowTargets(s: Synapses, i: number): Uint32Array {
  if (!isBitRows(s)) return Uint32Array.from(s.col.subarray(s.rowPtr[i], s.rowPtr[i + 1]));
  const out: number[] = [];
  for (let w = 0; w < s.wordsPerRow; w++) {
    for (let bits = s.words[i * s.wordsPerRow + w]!; bits !== 0; bits &= bits - 1) out.push(32 * w + 31 - Math.clz32(bits & -bits));
  }
  return Uint32Array.from(out);
}

/**
 * The arrays that hold a projection's stored synapses: a CSR's row pointers and targets, or bit
 * rows' words.
 *
 * @param s - the synapses
 * @returns the arrays
 */
export function synapseArrays(s: Synapses): readonly ArrayBufferView[] {
  return isBitRows(s) ? [s.words] : [s.rowPtr, s.col];
}

/**
 * Bytes a projection's stored synapses take.
 *
 * @param s - the synapses
 * @returns the bytes of their arrays
 */
export function synapseBytes(s: Synapses): number {
  return synapseArrays(s).reduce((n, a) => n + a.byteLength, 0);
}
