/**
 * Procedural connectivity in WebAssembly: the rows of a fixed-probability projection with
 * p ≥ 1/16, drawn again for every spike as `fixedProbabilityRow` draws them (one xoshiro128**
 * number per pair, kept when its top 31 bits are below p·2³¹), four spikes' rows at once, one
 * in each 32-bit lane of the generator's state.
 *
 * A row's numbers come one after another from its own stream, so one row cannot be split
 * across lanes; four rows can share them. At column j the four lanes hold the four rows' draws
 * for target j, and the target's trace gets one addition per lane, of 1 where the lane keeps
 * it and of nothing (−(+0)) where not: as many additions of 1 as the JavaScript kernel makes,
 * which draws each row into a list and then scatters it, so both give the same traces bit for
 * bit. Two columns go together, as a pair of traces, with no branch: about twice as fast per pair
 * as the JavaScript kernel's draw, list and scatter (`npm run bench -- --connectivity
 * procedural --backend js` against the default). Smaller
 * p draws the gaps between synapses, one row at a time, with the engine's `Math.log` imported
 * (`wasmGeometricRows`), through the same two functions. On threads, which
 * own targets, a thread would have to draw every row whole to find its own targets in it:
 * {@link wasmProceduralThreads} splits the drawing by rows instead, and the adding by targets.
 *
 * @example
 * ```ts
 * body.push(...wasmProceduralScatter(built.projections[0].procedural, layout.s[0], { base: 0, count: 1 }, local));
 * ```
 * @module
 */
import type { ProceduralRows } from '../synapses/fixedProbability.js';
import { CTL } from '../threads/threadRuntime.js';
import { addLocal, op, type ValType, type WasmFunction } from './wasmModule.js';
import { wasmSeedSubstream, xoshiroLocals } from './wasmRandom.js';
import { drawsGaps, wasmGeometricBits, wasmGeometricScatter } from './wasmGeometricRows.js';
import { listGroupBytes, wasmListAdd, wasmListDraw, type ListCarries, type ListShape } from './wasmRowLists.js';

/** The 16 bytes of four i32 lanes, lowest first. */
export function lanes(values: readonly number[]): number[] {
  return values.flatMap((v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]);
}

/** The code of four lanes' row draws, shared by the fused scatter, the threads' phases and the build's drawer (`wasmRowDrawer`). */
export interface RowDraws {
  /** Seeds the lanes with the rows of spikes q to q + 3 of the list at `base` (`count` long). */
  readonly seed: (q: number, base: number, count: number) => number[];
  /** Draws one column, leaving its mask (all ones where kept) on the stack. */
  readonly draw: () => number[];
  /** Leaves out of the mask on the stack the lanes whose row is target jv + k (no self-connections). */
  readonly self: (k: number) => number[];
  /** Moves jv to the next pair of columns. */
  readonly next: () => number[];
  /** Sets jv to column 0, where every row starts. */
  readonly restart: () => number[];
}

/**
 * The code that draws four rows of `rows` at once, in locals made by `local`: the lanes' states,
 * their thresholds (0 for a lane past the list's end) and, without self-connections, their
 * rows' indices and the column being drawn.
 *
 * @param rows - the projection's rows (p ≥ 1/16)
 * @param local - makes a local of the given type and returns its index
 * @returns the code's parts
 */
export function rowDraws(rows: ProceduralRows, local: (t: ValType) => number): RowDraws {
  const i32 = (): number => local('i32');
  const v128 = (): number => local('v128');
  const [idx, pre, z, s] = [i32(), i32(), i32(), i32()];
  // One lane's seed, drawn as one row's (wasmSeedSubstream), then put into its lane.
  const one = xoshiroLocals(local);
  const [a, b, c, d, t, m, below, pres, jv] = [v128(), v128(), v128(), v128(), v128(), v128(), v128(), v128(), v128()];
  const skip = !rows.selfConnections;
  // Kept when the top 31 bits are below p·2³¹; from p = 1 on, always (`all`: the lanes'
  // thresholds are then all ones, the mask of the valid lanes).
  const threshold = Math.floor(rows.p * 2147483648);
  const all = threshold >= 2147483648;
  return {
    seed(q, base, count) {
      const code: number[] = [];
      for (let L = 0; L < 4; L++) {
        // Lanes past the list's end repeat its last spike, with a threshold of 0 (nothing kept).
        code.push(...op.get(q), ...op.i32Const(L), ...op.i32Add, ...op.tee(idx), ...op.get(count), ...op.i32Const(1), ...op.i32Sub, ...op.get(idx), ...op.get(count), ...op.i32LtU, ...op.select);
        code.push(...op.i32Const(2), ...op.i32Shl, ...op.get(base), ...op.i32Add, ...op.i32Load(), ...op.set(pre));
        if (skip) code.push(...op.get(pres), ...op.get(pre), ...op.i32x4ReplaceLane(L), ...op.set(pres));
        // The row's stream (`subKey(key, pre)`) and its four state words (`seedState`).
        code.push(...wasmSeedSubstream(rows.key, pre, one, z, s));
        for (const [lanes, word] of [[a, one.a], [b, one.b], [c, one.c], [d, one.d]] as const) code.push(...op.get(lanes), ...op.get(word), ...op.i32x4ReplaceLane(L), ...op.set(lanes));
      }
      code.push(...op.get(count), ...op.get(q), ...op.i32Sub, ...op.i32x4Splat, ...op.v128Const(lanes([0, 1, 2, 3])), ...op.i32x4GtS);
      code.push(...op.i32Const(all ? -1 : threshold), ...op.i32x4Splat, ...op.v128And, ...op.set(below));
      return code;
    },
    /**
     * The four lanes' draws for one column: all ones where a lane keeps the target (r =
     * rotl(b·5, 7)·9, its top 31 bits below the lane's threshold, compared signed, as both are
     * below 2³¹), and the state's step, as `xoshiroStepSource`. At p = 1 every valid lane keeps
     * every target, and a row's numbers are not needed at all.
     */
    draw: () =>
      all
        ? op.get(below)
        : [
            ...op.get(below), ...op.get(b), ...op.i32Const(5), ...op.i32x4Splat, ...op.i32x4Mul, ...op.tee(m),
            ...op.i32Const(7), ...op.i32x4Shl, ...op.get(m), ...op.i32Const(25), ...op.i32x4ShrU, ...op.v128Or, ...op.i32Const(9), ...op.i32x4Splat, ...op.i32x4Mul,
            ...op.i32Const(1), ...op.i32x4ShrU, ...op.i32x4GtS,
            ...op.get(b), ...op.i32Const(9), ...op.i32x4Shl, ...op.set(t),
            ...op.get(c), ...op.get(a), ...op.v128Xor, ...op.set(c), ...op.get(d), ...op.get(b), ...op.v128Xor, ...op.set(d),
            ...op.get(b), ...op.get(c), ...op.v128Xor, ...op.set(b), ...op.get(a), ...op.get(d), ...op.v128Xor, ...op.set(a),
            ...op.get(c), ...op.get(t), ...op.v128Xor, ...op.set(c), ...op.get(d), ...op.i32Const(11), ...op.i32x4Shl, ...op.get(d), ...op.i32Const(21), ...op.i32x4ShrU, ...op.v128Or, ...op.set(d),
          ],
    self: (k) => (skip ? [...op.get(jv), ...(k === 0 ? [] : [...op.i32Const(k), ...op.i32x4Splat, ...op.i32x4Add]), ...op.get(pres), ...op.i32x4Ne, ...op.v128And] : []),
    next: () => (skip ? [...op.get(jv), ...op.i32Const(2), ...op.i32x4Splat, ...op.i32x4Add, ...op.set(jv)] : []),
    restart: () => (skip ? [...op.i32Const(0), ...op.i32x4Splat, ...op.set(jv)] : []),
  };
}

/**
 * Code that adds every spike listed (i32, from byte `base`, `count` of them) to the traces at
 * byte `target` of its targets in `rows`, drawn as `rows.row` draws them (below p = 1/16, by
 * `wasmGeometricScatter`).
 *
 * @param rows - the projection's rows
 * @param target - byte address of the traces (or a dual exponential's rise variables)
 * @param args - the locals holding the list's byte address and its length
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmProceduralScatter(rows: ProceduralRows, target: number, args: { readonly base: number; readonly count: number }, local: (t: ValType) => number): number[] {
  if (drawsGaps(rows)) return wasmGeometricScatter(rows, target, args, local);
  const { base, count } = args;
  const draws = rowDraws(rows, local);
  const [q, j, e] = [local('i32'), local('i32'), local('i32')];
  const [lo, hi, sum, minusOne] = [local('v128'), local('v128'), local('v128'), local('v128')];
  const code: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) code.push(...part);
  };
  /**
   * The pair of traces minus one lane's −1.0 or +0.0 per column (the lane as 64 bits all ones or
   * zeros): s − (−1) is s + 1 and s − (+0) is s, bit for bit, −0 included.
   */
  const add = (lanes64: number[]): number[] => [...op.get(sum), ...lanes64, ...op.get(minusOne), ...op.v128And, ...op.f64x2Sub, ...op.set(sum)];
  emit(op.f64Const(-1), op.f64x2Splat, op.set(minusOne));
  emit(op.i32Const(0), op.set(q), op.block, op.loop, op.get(q), op.get(count), op.i32GeU, op.brIf(1));
  emit(draws.seed(q, base, count), draws.restart());
  // Two columns at a time: a group's traces are stored in pairs, with a padding value after an
  // odd group's last, so the last pair may draw for a column past the group's end and add to
  // the padding, which no neuron reads.
  emit(op.i32Const(target), op.set(j), op.i32Const(target + 16 * Math.ceil(rows.cols / 2)), op.set(e));
  emit(op.block, op.get(j), op.get(e), op.i32GeU, op.brIf(0), op.loop);
  emit(draws.draw(), draws.self(0), op.set(lo), draws.draw(), draws.self(1), op.set(hi), draws.next());
  // lo and hi become the lanes of rows 0 and 1, and 2 and 3, for columns j and j + 1.
  emit(op.get(lo), op.get(hi), op.i8x16Shuffle([0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23]));
  emit(op.get(lo), op.get(hi), op.i8x16Shuffle([8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31]), op.set(hi), op.set(lo));
  emit(op.get(j), op.v128Load(), op.set(sum));
  emit(add([...op.get(lo), ...op.i64x2ExtendLowI32x4S]), add([...op.get(lo), ...op.i64x2ExtendHighI32x4S]));
  emit(add([...op.get(hi), ...op.i64x2ExtendLowI32x4S]), add([...op.get(hi), ...op.i64x2ExtendHighI32x4S]));
  emit(op.get(j), op.get(sum), op.v128Store());
  emit(op.get(j), op.i32Const(16), op.i32Add, op.tee(j), op.get(e), op.i32LtU, op.brIf(0), op.end, op.end);
  emit(op.get(q), op.i32Const(4), op.i32Add, op.set(q), op.br(0), op.end, op.end);
  return code;
}

/** Bytes of one of the threads' two scratch buffers for drawn rows: a few groups' rows fit in a core's cache. */
const SCRATCH_BYTES = 1 << 19;

/**
 * Bytes of a group of four spikes' rows of a procedural projection of `cols` targets in the
 * threads' chunk buffer: a byte per pair of columns (a bit per row and column), or, for rows
 * drawn with their weights or delays, a list per row (see `listGroupBytes`).
 *
 * @param cols - the projection's targets
 * @param shape - what its rows carry besides targets, or null for nothing
 * @returns bytes
 */
export function proceduralGroupBytes(cols: number, shape: ListCarries | null): number {
  return shape !== null ? listGroupBytes(cols, shape) : Math.ceil(cols / 2);
}

/**
 * How the threads hold the rows they drew for a bucket of procedural projections: per
 * projection its bytes per group of four spikes ({@link proceduralGroupBytes}), `groups` groups
 * per chunk.
 *
 * @param groupBytes - each projection's bytes per group
 * @returns bytes per group of each projection, and groups per chunk
 */
export function proceduralChunk(groupBytes: readonly number[]): { rowBytes: number[]; groups: number } {
  const total = groupBytes.reduce((a, b) => a + b, 0);
  return { rowBytes: [...groupBytes], groups: Math.max(1, Math.floor(SCRATCH_BYTES / Math.max(1, total))) };
}

/**
 * The bytes of the threads' scratch for procedural projections (two buffers of a chunk, see
 * {@link proceduralChunk}; enough for any bucket of them), 0 when there is none.
 *
 * @param groupBytes - the bytes per group of each procedural projection of the network
 * @returns bytes
 */
export function proceduralScratchBytes(groupBytes: readonly number[]): number {
  if (groupBytes.length === 0) return 0;
  return PAIR_TABLE_BYTES + 2 * Math.max(SCRATCH_BYTES, groupBytes.reduce((a, b) => a + b, 0));
}

/** The bytes of {@link pairTable}: 256 bytes' four rows, a pair of f64 each. */
const PAIR_TABLE_BYTES = 256 * 4 * 16;

/**
 * The table that turns a byte of drawn bits (the low four bits the four rows at an even column,
 * the high four at the odd one) into what the threads subtract from a pair of traces, per row:
 * −1.0 where the row keeps the column, +0.0 where not (s − (−1) is s + 1, s − (+0) is s). It
 * starts the threads' scratch (see {@link wasmProceduralThreads}).
 *
 * @returns the table, 256 · 4 pairs of f64
 */
export function pairTable(): Float64Array {
  const table = new Float64Array(PAIR_TABLE_BYTES / 8);
  for (let b = 0; b < 256; b++) {
    for (let r = 0; r < 4; r++) {
      table[8 * b + 2 * r] = (b >> r) & 1 ? -1 : 0;
      table[8 * b + 2 * r + 1] = (b >> (4 + r)) & 1 ? -1 : 0;
    }
  }
  return table;
}

/** A procedural projection of a bucket, for {@link wasmProceduralThreads}. */
export interface ProceduralTarget {
  readonly rows: ProceduralRows;
  /** Byte address of its traces (or rise variables). */
  readonly target: number;
  /** Its weights and delays, drawn with each row as a list (see `wasmRowLists`), or null: bits. */
  readonly list: ListShape | null;
}

/**
 * The function `p…(base, count, t, T, scratch, meet, chunkAt, ctl, shift, lo₀, hi₀, lo₁, hi₁, …[, step])`
 * of the threads' module (`shift`: that of the thread's copy of the state, see
 * `threadStateStride`; `step` where a projection has delays): the share of thread `t` of `T` of a bucket's procedural projections
 * (those of one group and delay, which all take the same spikes) for the `count` spikes listed
 * from byte `base`; projection k's targets of this thread are lo_k to hi_k − 1.
 *
 * A thread cannot draw only its own targets of a row (its numbers come one after another), so
 * the threads split the drawing by rows and the adding by targets. Per chunk of
 * {@link proceduralChunk} groups of four spikes, each projection's groups are dealt out in turn
 * (the next projection going on from where the last left off), and each thread writes the kept
 * bits of its groups into the chunk's buffer (a byte per pair of columns: the low four bits the
 * four rows at the even column, the high four at the odd one; rows of p below 1/16 through
 * `wasmGeometricBits`); the threads meet (on two
 * counters from `meet`, for even and odd chunks, that each thread raises by 1 and waits to see
 * at T times the chunks of that parity so far); then each adds every group's bits to its own
 * targets, one addition per row as in {@link wasmProceduralScatter} (a byte's four pairs of
 * −1.0 or +0.0 looked up in {@link pairTable}, at the scratch's start), so the traces are those
 * of one thread. The chunks' buffers alternate (after the table, their count kept at
 * `chunkAt`), so that a thread may draw the next chunk while another still adds from this one.
 * Returns 0, or the wait's failure (see `waitFunction`).
 *
 * @param name - the function's name
 * @param bucket - the procedural projections
 * @param wait - the index of the module's wait function
 * @returns the function
 */
export function wasmProceduralThreads(name: string, bucket: readonly ProceduralTarget[], wait: number): WasmFunction {
  const P = bucket.length;
  // With delays, the step is the last parameter (for the slot each synapse's sum goes to).
  const delayed = bucket.some(({ list }) => list?.delays != null);
  const params: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', ...bucket.flatMap((): ValType[] => ['i32', 'i32']), ...(delayed ? ['i32' as const] : [])];
  const [base, count, t, T, scratch, meet, chunkAt, ctl, shift] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [lo, hi] = [(k: number): number => 9 + 2 * k, (k: number): number => 10 + 2 * k];
  const stepParam = delayed ? 9 + 2 * bucket.length : null;
  const locals: ValType[] = [];
  const local = (type: ValType): number => params.length + locals.push(type) - 1;
  const draws = bucket.map(({ rows, list }) => (list !== null || drawsGaps(rows) ? null : rowDraws(rows, local)));
  const n = (): number => local('i32');
  const [groups, g0, gEnd, g, u, units, span, q, chunk, buf, at, e, sAt, x32, goal] = [n(), n(), n(), n(), n(), n(), n(), n(), n(), n(), n(), n(), n(), n(), n()];
  const { rowBytes, groups: K } = proceduralChunk(bucket.map(({ rows, list }) => proceduralGroupBytes(rows.cols, list)));
  // Projection k's part of a chunk's buffer starts at `offset[k]`.
  const offset = rowBytes.map((_, k) => K * rowBytes.slice(0, k).reduce((a, b) => a + b, 0));
  const chunkBytes = K * rowBytes.reduce((a, b) => a + b, 0);
  const body: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) body.push(...part);
  };
  /** The byte address, in the chunk's buffer, of group g's row bytes of projection k. */
  const rowAt = (k: number): number[] => [...op.get(buf), ...op.get(g), ...op.get(g0), ...op.i32Sub, ...op.i32Const(rowBytes[k]!), ...op.i32Mul, ...op.i32Add, ...op.i32Const(offset[k]!), ...op.i32Add];
  emit(op.get(count), op.i32Const(3), op.i32Add, op.i32Const(2), op.i32ShrU, op.set(groups));
  emit(op.i32Const(0), op.set(g0), op.block, op.loop, op.get(g0), op.get(groups), op.i32GeU, op.brIf(1));
  emit(op.get(g0), op.i32Const(K), op.i32Add, op.tee(gEnd), op.get(groups), op.get(gEnd), op.get(groups), op.i32LtU, op.select, op.set(gEnd));
  emit(op.get(chunkAt), op.i32Load(), op.set(chunk));
  emit(op.get(scratch), op.get(chunk), op.i32Const(1), op.i32And, op.i32Const(chunkBytes), op.i32Mul, op.i32Add, op.i32Const(PAIR_TABLE_BYTES), op.i32Add, op.set(buf));
  // This thread's (projection, group) pairs, u = k·(gEnd − g0) + g − g0 for u = t, t + T, …
  // (each projection's groups dealt out in turn, its rows all of one length): their kept bits
  // into the buffer.
  emit(op.get(gEnd), op.get(g0), op.i32Sub, op.tee(span), op.i32Const(P), op.i32Mul, op.set(units));
  emit(op.get(t), op.set(u), op.block, op.loop, op.get(u), op.get(units), op.i32GeU, op.brIf(1));
  emit(op.get(g0), op.get(u), op.get(span), op.i32RemU, op.i32Add, op.tee(g), op.i32Const(2), op.i32Shl, op.set(q));
  bucket.forEach(({ rows, list }, k) => {
    const d = draws[k]!;
    emit(op.get(u), op.get(span), op.i32DivU, op.i32Const(k), op.i32Eq, op.if);
    // Rows drawn as lists are dealt out one by one below, not by groups.
    if (list !== null) {
      emit(op.end);
      return;
    }
    if (d === null) {
      // Rows with p below 1/16: each drawn as gaps, its targets set as bits (wasmGeometricBits).
      emit(rowAt(k), op.set(at), wasmGeometricBits(rows, rowBytes[k]!, { base, count, q, at }, local), op.end);
      return;
    }
    emit(d.seed(q, base, count), d.restart());
    emit(rowAt(k), op.tee(at), op.i32Const(rowBytes[k]!), op.i32Add, op.set(e));
    if (rows.cols > 0) {
      emit(op.loop);
      emit(d.draw(), d.self(0), op.i32x4Bitmask, op.set(x32), op.get(at), op.get(x32), d.draw(), d.self(1), op.i32x4Bitmask, op.i32Const(4), op.i32Shl, op.i32Or, op.i32Store8(), d.next());
      emit(op.get(at), op.i32Const(1), op.i32Add, op.tee(at), op.get(e), op.i32LtU, op.brIf(0), op.end);
    }
    emit(op.end);
  });
  emit(op.get(u), op.get(T), op.i32Add, op.set(u), op.br(0), op.end, op.end);
  // Rows drawn as lists cost as much as their synapses: the chunk's rows are dealt out one by
  // one (row r to thread r mod T), each a list (wasmListDraw).
  bucket.forEach(({ rows, list }, k) => {
    if (list === null) return;
    emit(op.get(g0), op.set(g), op.block, op.loop, op.get(g), op.get(gEnd), op.i32GeU, op.brIf(1));
    emit(op.get(g), op.i32Const(2), op.i32Shl, op.set(q), rowAt(k), op.set(at));
    emit(wasmListDraw(rows, list, { base, count, q, at, thread: t, threads: T }, local));
    emit(op.get(g), op.i32Const(1), op.i32Add, op.set(g), op.br(0), op.end, op.end);
  });
  // The meeting: every thread's pairs of the chunk drawn. Even and odd chunks count on two
  // words, so that a thread waiting for T·k on one never misses it: the first to see it may go
  // on to the next chunk, but not to the one after, before every thread has left this meeting.
  emit(op.get(meet), op.get(chunk), op.i32Const(1), op.i32And, op.i32Const(2), op.i32Shl, op.i32Add, op.set(at));
  emit(op.get(T), op.get(chunk), op.i32Const(1), op.i32ShrU, op.i32Const(1), op.i32Add, op.i32Mul, op.set(goal));
  emit(op.get(at), op.i32Const(1), op.i32AtomicAdd(), op.i32Const(1), op.i32Add, op.get(goal), op.i32Ne, op.if);
  emit(op.get(ctl), op.get(at), op.get(goal), op.call(wait), op.tee(x32), op.i32Const(0), op.i32LtS, op.if, op.get(x32), op.return, op.end);
  emit(op.else, op.get(ctl), op.i32AtomicLoad(4 * CTL.SLEEPERS), op.if, op.get(at), op.i32Const(1 << 30), op.atomicNotify(), op.drop, op.end, op.end);
  emit(op.get(chunkAt), op.get(chunk), op.i32Const(1), op.i32Add, op.i32Store());
  // Every group's bits into this thread's targets, a pair of columns per byte (lists: the
  // synapses whose targets are this thread's, row by row, see wasmListAdd).
  bucket.forEach(({ rows, target, list }, k) => {
    emit(op.get(g0), op.set(g), op.block, op.loop, op.get(g), op.get(gEnd), op.i32GeU, op.brIf(1));
    if (list !== null) {
      emit(rowAt(k), op.set(at), wasmListAdd(rows.cols, list, target, { at, lo: lo(k), hi: hi(k), shift, step: stepParam }, local));
      emit(op.get(g), op.i32Const(1), op.i32Add, op.set(g), op.br(0), op.end, op.end);
      return;
    }
    emit(rowAt(k), op.get(lo(k)), op.i32Const(1), op.i32ShrU, op.i32Add, op.tee(at));
    emit(op.get(hi(k)), op.get(lo(k)), op.i32Sub, op.i32Const(1), op.i32Add, op.i32Const(1), op.i32ShrU, op.i32Add, op.set(e));
    emit(op.get(lo(k)), op.i32Const(1), op.i32ShrU, op.i32Const(4), op.i32Shl, op.i32Const(target), op.i32Add, addLocal(shift), op.set(sAt));
    emit(op.block, op.get(at), op.get(e), op.i32GeU, op.brIf(0), op.loop);
    // The byte's entry in the pair table (see pairTable), its four rows subtracted in turn.
    emit(op.get(at), op.i32Load8u(), op.i32Const(6), op.i32Shl, op.get(scratch), op.i32Add, op.set(x32));
    emit(op.get(sAt), op.get(sAt), op.v128Load());
    for (let r = 0; r < 4; r++) emit(op.get(x32), op.v128Load(16 * r), op.f64x2Sub);
    emit(op.v128Store(), op.get(sAt), op.i32Const(16), op.i32Add, op.set(sAt));
    emit(op.get(at), op.i32Const(1), op.i32Add, op.tee(at), op.get(e), op.i32LtU, op.brIf(0), op.end, op.end);
    emit(op.get(g), op.i32Const(1), op.i32Add, op.set(g), op.br(0), op.end, op.end);
  });
  emit(op.get(gEnd), op.set(g0), op.br(0), op.end, op.end);
  emit(op.i32Const(0));
  return { name, params, result: 'i32', locals, body };
}
