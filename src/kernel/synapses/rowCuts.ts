/**
 * Where a thread's part of each synaptic row starts and ends: with threads, each thread scatters
 * a spike into its own range of targets only, the part of the spiking neuron's row between two
 * cuts.
 *
 * @example
 * ```ts
 * import { rowCuts } from './rowCuts.js';
 * const cuts = rowCuts(built.projections[0].csr, 2);
 * ```
 * @module
 */
import type { Csr } from './csr.js';
import { BALANCE_GRID, gridStart, initialPositions, threadRange } from '../threads/threadBalance.js';

/** Grid positions either side of the equal shares whose row cuts are computed ahead. */
const PREPARED_POSITIONS = 8;

/**
 * The first targets of the thread shares whose row cuts a projection into `cols` targets needs
 * ahead of its runs on `threads` threads: in JavaScript the equal shares' (`threadRange`), in
 * WebAssembly those of the balance grid's positions near them, where the shares are likely to
 * move (see `threadBalance`); ascending, without repeats.
 *
 * @param cols - postsynaptic group size
 * @param threads - threads of the runs
 * @param backend - the kernel's back end, or `'both'` for what either needs
 * @returns the starts
 * @example
 * ```ts
 * cutStarts(8000, 2, 'js'); // [4000]
 * ```
 */
export function cutStarts(cols: number, threads: number, backend: 'js' | 'wasm' | 'both'): number[] {
  const starts = new Set<number>();
  const positions = initialPositions(threads);
  for (let t = 1; t < threads; t++) {
    if (backend !== 'wasm') starts.add(threadRange(cols, t, threads)[0]);
    if (backend !== 'js') for (let q = positions[t]! - PREPARED_POSITIONS; q <= positions[t]! + PREPARED_POSITIONS; q++) if (q > 0 && q < BALANCE_GRID) starts.add(gridStart(cols, q));
  }
  return [...starts].sort((x, y) => x - y);
}

/**
 * Records row cuts computed elsewhere (by the threads that drew the rows, see `parallelRows`),
 * so that {@link rowCutsAt} finds them: `tables[k][i]` is where row i's targets reach `starts[k]`,
 * as an index into `csr.col`.
 *
 * @param csr - the rows
 * @param starts - first targets
 * @param tables - one table per start, `csr.rows` long
 */
export function seedRowCuts(csr: Csr, starts: readonly number[], tables: readonly Uint32Array[]): void {
  let byStart = cutCache.get(csr);
  if (byStart === undefined) cutCache.set(csr, (byStart = new Map()));
  starts.forEach((start, k) => byStart.set(start, tables[k]!));
}

const cutCache = new WeakMap<Csr, Map<number, Uint32Array>>();

/**
 * The first index in [first, end) of sorted `col` whose value is at or after `start` (`end` when
 * none), searched from `guess`: steps doubling away from it bracket the answer, then halving the
 * bracket finds it, so an answer near the guess costs a few probes on one or two cache lines.
 */
function lowerBound(col: Csr['col'], first: number, end: number, guess: number, start: number): number {
  if (guess > end) guess = end;
  if (guess < first) guess = first;
  let lo: number;
  let hi: number;
  if (guess < end && col[guess]! < start) {
    lo = guess + 1;
    let stride = 8;
    hi = lo + stride;
    while (hi < end && col[hi - 1]! < start) {
      lo = hi;
      stride *= 2;
      hi = lo + stride;
    }
    if (hi > end) hi = end;
  } else {
    hi = guess;
    let stride = 8;
    lo = hi - stride;
    while (lo > first && col[lo]! >= start) {
      hi = lo;
      stride *= 2;
      lo = hi - stride;
    }
    if (lo < first) lo = first;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (col[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where each row of `csr` reaches the target `start`: entry `i` is the first synapse of row `i`
 * whose target is at or after `start` (the row's end when there is none).
 *
 * Cached per (CSR, start): every kernel of the network shares them. See {@link rowCutsAt} for
 * several starts at once.
 *
 * @param csr - a projection's synapses, rows sorted by target
 * @param start - a target index
 * @returns one index into `csr.col` per row, in shared memory where there is one
 * @example
 * ```ts
 * const cut = rowCut(built.projections[0].csr, 5000); // cut[i]: row i's first target ≥ 5000
 * ```
 */
export function rowCut(csr: Csr, start: number): Uint32Array {
  return rowCutsAt(csr, [start])[0]!;
}

/**
 * {@link rowCut} at each of `starts`, computed in one pass over the rows for those not cached.
 *
 * Rows are sorted and their targets spread over the group, so the search for the lowest start
 * begins where an even spread would put it and widens from there: a row sits at a random place
 * in memory and each probe far from the last costs a cache miss (about three times fewer here
 * than a plain binary search makes; docs/notes/performance-log.md, Threads). The
 * higher starts then follow by scanning on along the row, which is in cache by then. A threaded
 * `Simulation` computes the ones its kernels start from and may move to while it builds.
 *
 * @param csr - a projection's synapses, rows sorted by target
 * @param starts - target indices
 * @returns the cuts at each start, in the order given
 * @example
 * ```ts
 * const [a, b] = rowCutsAt(csr, [4750, 5000]);
 * ```
 */
export function rowCutsAt(csr: Csr, starts: readonly number[]): Uint32Array[] {
  let byStart = cutCache.get(csr);
  if (byStart === undefined) cutCache.set(csr, (byStart = new Map()));
  const missing = [...new Set(starts.filter((start) => !byStart.has(start)))].sort((x, y) => x - y);
  if (missing.length > 0) {
    const bytes = 4 * csr.rows;
    const tables = missing.map(() => new Uint32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)));
    const { rowPtr, col } = csr;
    const lowest = missing[0]!;
    for (let i = 0; i < csr.rows; i++) {
      const first = rowPtr[i]!;
      const end = rowPtr[i + 1]!;
      let j = lowerBound(col, first, end, first + Math.floor(((end - first) * lowest) / Math.max(1, csr.cols)), lowest);
      tables[0]![i] = j;
      for (let k = 1; k < missing.length; k++) {
        const start = missing[k]!;
        while (j < end && col[j]! < start) j++;
        tables[k]![i] = j;
      }
    }
    missing.forEach((start, k) => byStart.set(start, tables[k]!));
  }
  return starts.map((start) => byStart.get(start)!);
}

/**
 * The cuts of the JavaScript kernel's threads, whose ranges are fixed: entry
 * `i * (threads − 1) + c` is {@link rowCut} of row `i` at the start of thread `c + 1`'s range.
 *
 * @param csr - a projection's synapses, rows sorted by target
 * @param threads - the number of threads (2 or more)
 * @returns the cuts, `rows × (threads − 1)` values, in shared memory
 * @example
 * ```ts
 * const cuts = rowCuts(built.projections[0].csr, 2); // cuts[i] = rowCut(csr, threadRange(cols, 1, 2)[0])[i]
 * ```
 */
export function rowCuts(csr: Csr, threads: number): Uint32Array {
  const n = threads - 1;
  const cuts = new Uint32Array(new SharedArrayBuffer(4 * Math.max(1, csr.rows * n)));
  for (let c = 0; c < n; c++) {
    const cut = rowCut(csr, threadRange(csr.cols, c + 1, threads)[0]);
    for (let i = 0; i < csr.rows; i++) cuts[i * n + c] = cut[i]!;
  }
  return cuts;
}


/**
 * The starts whose cuts of `csr` are cached, ascending (what `prepareKernel` computed ahead).
 *
 * @param csr - a projection's synapses
 * @returns target indices
 */
export function cachedCutStarts(csr: Csr): number[] {
  return [...(cutCache.get(csr)?.keys() ?? [])].sort((a, b) => a - b);
}
