/**
 * A parallel build of fixed-probability projections' compressed rows: the calling thread and
 * the pool's workers draw ranges of rows at once, each with its projection's WebAssembly row
 * drawer (the very code `csrFromRows` runs through `wasmRowDrawer`, from the same per-row
 * substreams), each straight into its own region of the projection's index array (or, for bit
 * rows, its rows' own words, which need no region and no move after), so the first touch of the
 * arrays' memory, most of a build's time besides the draw, is shared out too.
 *
 * All the network's projections that qualify are drawn in one go: each is cut into ranges of
 * rows (one per thread, or up to four per thread while each range keeps six standard deviations
 * of its count as room), and the threads claim ranges, the largest projection's first, from one
 * shared counter until none is left, so no thread waits at the end of each projection and a
 * faster core takes more. An index array is sized as one thread sizes it
 * (`fixedProbabilityCapacity`: ten standard deviations over the mean) and split among its
 * ranges in proportion to their rows. When every range is drawn the
 * calling thread moves each range's indices down to where the rows before it end (memory
 * already touched, one move per range) and sums the row lengths into row pointers: the same
 * arrays as a draw on one thread, bit for bit. The threads also write, for each row they draw,
 * where its targets reach each thread share's first target (the row cuts a threaded kernel starts
 * from, see `rowCuts`), which `prepareKernel` would otherwise find by reading every row again.
 * A range that outgrows its region leaves its
 * projection to be drawn again on one thread: a region holds its range's expected count and at
 * least six standard deviations of it where a range per thread allows that (the seed network's
 * projections up to four threads; with more, one range per thread keeps about 4.3 at eight).
 *
 * The calling thread claims ranges too: a worker that has not started yet (or never does)
 * leaves its share to the others, so the build never waits for a thread that is not drawing.
 * It needs a thread that may block (`waitCell`) and index arrays in shared memory.
 *
 * @example
 * ```ts
 * const [csr] = parallelRows([{ c: { kind: 'fixedProbability', p: 0.25 }, rows: 8000, cols: 8000, key, selfAllowed: false }], 2, sharedAlloc);
 * // csr: the rows buildConnectivity draws, or null (then draw them on one thread)
 * ```
 * @module
 */
import type { ConnectivitySpec } from '../../model/projectionSpec.js';
import type { CsrAlloc, IndexArray } from './csr.js';
import { wordsPerRow, type Synapses } from './bitRows.js';
import { fixedProbabilityCapacity, GEOMETRIC_BELOW, isProcedural, proceduralRows } from './fixedProbability.js';
import { threadRuntime, THREAD_TIMEOUT_MS, WAIT_MS } from '../threads/threadRuntime.js';
import { waitCell } from '../threads/waitCell.js';
import { lendWorkers } from '../threads/workerPool.js';
import { cutStarts, seedRowCuts } from './rowCuts.js';
import { simdAvailable } from '../wasm/simdAvailable.js';
import { rowDrawerModule, type RowDrawerModule } from '../wasm/wasmRowDrawer.js';

/** The job's control words (see `drawRows` in threadRuntime; word 0 is the next range to claim). */
const DONE = 1;
const FAILED = 2;

/** Standard deviations of its own count a range keeps as room when ranges are made finer than one per thread. */
const ROOM_SD = 6;

/** The runtime's `drawRows`, evaluated once on this thread: one implementation for all threads. */
let drawRows: ((job: unknown) => void) | null = null;

/** A projection to draw: its rule, sizes, stream key and whether (i, i) may be a synapse. */
export interface RowsTask {
  readonly c: ConnectivitySpec;
  readonly rows: number;
  readonly cols: number;
  readonly key: number;
  readonly selfAllowed: boolean;
  /** Stored as bit rows (see `storesBits`) rather than compressed rows. */
  readonly bits?: boolean;
}

/**
 * Whether {@link parallelRows} draws a projection of this rule on several threads: stored fixed
 * probability with p ≥ 1/16 where WebAssembly SIMD is there (the drawer's rule).
 *
 * @param c - the rule
 * @returns true where it does
 */
export function drawsInParallel(c: ConnectivitySpec): boolean {
  return c.kind === 'fixedProbability' && !isProcedural(c) && c.p >= GEOMETRIC_BELOW && simdAvailable();
}

/**
 * Draws projections' compressed rows on `threads` threads. Each result is null where that does
 * not apply (see {@link drawsInParallel}; also one thread, a thread that may not block, arrays
 * not in shared memory, or a range that outgrew its region): draw that one on one thread.
 *
 * @param tasks - the projections, in the order their arrays are allocated
 * @param threads - threads to draw on, the calling one included
 * @param alloc - where the arrays go (shared memory)
 * @returns per task, its rows as `buildConnectivity` draws them, or null
 * @throws Error when a worker fails while drawing, or a range is not finished in {@link THREAD_TIMEOUT_MS}
 */
export function parallelRows(tasks: readonly RowsTask[], threads: number, alloc: CsrAlloc): (Synapses | null)[] {
  const results: (Synapses | null)[] = tasks.map(() => null);
  if (threads < 2 || waitCell() === null) return results;
  const shared = (a: ArrayBufferView): boolean => typeof SharedArrayBuffer === 'function' && a.buffer instanceof SharedArrayBuffer;
  const jobs: { task: number; module: RowDrawerModule; rowPtr: Uint32Array; col: IndexArray; lo: number[]; start: number[]; starts: Int32Array; cuts: Uint32Array }[] = [];
  const bitJobs: { task: number; module: RowDrawerModule; words: Uint32Array; per: number; lo: number[] }[] = [];
  tasks.forEach(({ c, rows, cols, key, selfAllowed, bits }, task) => {
    if (!drawsInParallel(c) || c.kind !== 'fixedProbability' || rows < 2 * threads) return;
    const module = rowDrawerModule(proceduralRows(cols, c.p, key, selfAllowed));
    if (module === null) return;
    if (bits === true) {
      // Bit rows: a fixed number of words per row, so any cut of the rows does; no room to leave.
      const per = wordsPerRow(cols);
      const words = alloc.words(rows * per);
      if (!shared(words)) return;
      const count = Math.min(rows >> 1, 4 * threads);
      bitJobs.push({ task, module, words, per, lo: Array.from({ length: count + 1 }, (_, r) => Math.round((rows * r) / count)) });
      return;
    }
    const capacity = Math.max(16, Math.ceil(fixedProbabilityCapacity(rows, cols, c.p)));
    const rowPtr = alloc.rowPtr(rows + 1);
    const col = alloc.index(cols, capacity);
    if (!shared(rowPtr) || !shared(col)) return;
    // One range per thread, more (up to four per thread) while each keeps six standard
    // deviations of its own count as room: finer ranges even out threads of unequal speed.
    const sd = Math.sqrt(rows * cols * c.p * (1 - c.p));
    const roomy = sd > 0 ? Math.floor(((capacity - rows * cols * c.p) / sd / ROOM_SD) ** 2) : Infinity;
    const count = Math.min(rows >> 1, Math.max(threads, Math.min(4 * threads, roomy)));
    const lo = Array.from({ length: count + 1 }, (_, r) => Math.round((rows * r) / count));
    // The row cuts the runs' threads will need (either back end), computed as each row is drawn.
    const starts = Int32Array.from(cutStarts(cols, threads, 'both'));
    const cuts = new Uint32Array(new SharedArrayBuffer(4 * Math.max(1, rows * starts.length)));
    // Regions in proportion to the rows, over the array as allocated (at least `capacity`).
    jobs.push({ task, module, rowPtr, col, lo, start: lo.map((i) => Math.floor((col.length * i) / rows)), starts, cuts });
  });
  if (jobs.length + bitJobs.length === 0) return results;
  // Ranges of the largest projections first (by the pairs they draw): the last ranges claimed
  // are the shortest. Bit-row jobs follow the compressed ones in the job's task list.
  const all = [...jobs.map((j) => ({ lo: j.lo, start: j.start, pairs: j.col.length })), ...bitJobs.map((j) => ({ lo: j.lo, start: j.lo.map(() => 0), pairs: 32 * j.words.length }))];
  const order = all.map((_, k) => k).sort((a, b) => all[b]!.pairs - all[a]!.pairs);
  const ranges = new Float64Array(order.flatMap((k) => all[k]!.lo.slice(1).flatMap((_, r) => [k, all[k]!.lo[r]!, all[k]!.lo[r + 1]!, all[k]!.start[r]!, all[k]!.start[r + 1]!])));
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  const overflow = new Int32Array(new SharedArrayBuffer(4 * all.length));
  const message = new Uint8Array(new SharedArrayBuffer(1024));
  // Synapses drawn per range, for bit rows (compressed rows count theirs in their pointers).
  const synapses = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, ranges.length / 5)));
  const job = {
    ctl,
    overflow,
    message,
    ranges,
    synapses,
    tasks: [...jobs.map(({ module, rowPtr, col, starts, cuts }) => ({ ...module, rowPtr, col, starts, cuts })), ...bitJobs.map(({ module, words, per }) => ({ ...module, words, per }))],
  };
  try {
    lendWorkers(threads - 1, { rows: job });
  } catch {
    // No workers to be had here: this thread draws every range (the run's kernel says why).
  }
  drawRows ??= new Function(`${threadRuntime}; return drawRows;`)() as (job: unknown) => void;
  drawRows(job);
  // The ranges the workers claimed: wait for them (each is being drawn by a running thread).
  const count = ranges.length / 5;
  const since = Date.now();
  for (let done = Atomics.load(ctl, DONE); done < count && Atomics.load(ctl, FAILED) === 0; done = Atomics.load(ctl, DONE)) {
    if (Date.now() - since > THREAD_TIMEOUT_MS) throw new Error(`spikestream: a worker drawing synapses did not finish in ${THREAD_TIMEOUT_MS} ms`);
    Atomics.wait(ctl, DONE, done, WAIT_MS);
  }
  if (Atomics.load(ctl, FAILED) !== 0) {
    const text = new TextDecoder().decode(message.slice()).replace(/\0+$/, '');
    throw new Error(`spikestream: a worker drawing synapses failed: ${text}`);
  }
  jobs.forEach(({ task, rowPtr, col, lo, start, starts, cuts }, k) => {
    if (Atomics.load(overflow, k) !== 0) return;
    // Each range's indices down to where the rows before it end; the lengths into pointers.
    let nnz = 0;
    for (let r = 0; r + 1 < lo.length; r++) {
      const from = start[r]!;
      let n = 0;
      for (let i = lo[r]!; i < lo[r + 1]!; i++) {
        n += rowPtr[i + 1]!;
        rowPtr[i + 1] = nnz + n;
      }
      if (from !== nnz) col.copyWithin(nnz, from, from + n);
      nnz += n;
    }
    const { rows, cols } = tasks[task]!;
    const csr = { rows, cols, rowPtr, col: col.subarray(0, nnz) as IndexArray, nnz };
    // The cuts, from counts within each row to places in the compacted array.
    const K = starts.length;
    const tables = Array.from(starts, () => new Uint32Array(new SharedArrayBuffer(4 * rows)));
    for (let i = 0; i < rows; i++) for (let q = 0; q < K; q++) tables[q]![i] = rowPtr[i]! + cuts[i * K + q]!;
    seedRowCuts(csr, Array.from(starts), tables);
    results[task] = csr;
  });
  bitJobs.forEach(({ task, words, per }, b) => {
    const k = jobs.length + b;
    let nnz = 0;
    for (let r = 0; r < count; r++) if (ranges[5 * r] === k) nnz += synapses[r]!;
    const { rows, cols } = tasks[task]!;
    results[task] = { rows, cols, wordsPerRow: per, words, nnz };
  });
  return results;
}
