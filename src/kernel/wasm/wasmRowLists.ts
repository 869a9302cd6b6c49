/**
 * Procedural rows drawn with their weights or delays, or by distance, in WebAssembly, as lists:
 * row i's targets, ascending, as `fixedProbabilityRow` draws them (pair by pair from p = 1/16
 * on, by their gaps below) or `distanceRow` (a number per pair against the groups' positions),
 * and its synapses' weights and delays, each drawn from the row's own substream of the
 * projection's stream for it as `rowValues` draws them (constant, uniform, normal, lognormal;
 * Box–Muller with the engine's `Math.log`, `Math.cos`, `Math.sin` and `Math.exp`, imported, see
 * `kernelImports`), rounded to 32-bit floats as stored values are; a delay then to whole steps
 * as `delayStep` rounds it. Each comes from a stream of its own, so drawing them after the
 * targets gives what JavaScript draws.
 *
 * One thread draws a spike's row into a scratch list, then adds each synapse's weight (or 1) to
 * its target's trace, or with a delay to its target's sum in the slot the delay reaches, in the
 * row's order ({@link wasmListScatter}), as the JavaScript kernel does. Threads draw the rows of
 * their groups of four spikes into the chunk's buffer, a list per row ({@link wasmListDraw}),
 * and after their meeting each adds, row by row in the spikes' order, the synapses that reach
 * its own targets, found by a binary search ({@link wasmListAdd}): each target gets the same
 * additions in the same order as on one thread.
 *
 * @example
 * ```ts
 * body.push(...wasmListScatter(rows, shape, layout.s[0], layout.rows, { base: 0, count: 1, step: 2 }, local));
 * ```
 * @module
 */
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { rowValuesKey } from '../synapses/synapseValues.js';
import { GEOMETRIC_BELOW, type ProceduralRows } from '../synapses/fixedProbability.js';
import { wasmDistanceRow } from './wasmDistanceRows.js';
import { wasmGeometricRow } from './wasmGeometricRows.js';
import { addLocal, op, type ValType } from './wasmModule.js';
import { wasmSeedSubstream, wasmXoshiroStep, xoshiroLocals } from './wasmRandom.js';
import { wasmRowSteps, wasmRowValues, type RowStream } from './wasmRowValues.js';

/**
 * What a projection's procedural rows carry besides their targets: weights (or none: each
 * synapse adds 1) and delays (or none), the delays with the ring of delayed sums they go to.
 */
export interface ListShape {
  readonly weights: RowStream | null;
  readonly delays: { readonly stream: RowStream; readonly dt: number; readonly ring: DelayRing } | null;
  /** For rows drawn by distance: the byte address of the groups' positions (see `WasmLayout.XY`). */
  readonly positions: number | null;
}

/** A projection's delayed sums: `slots` of them per target, f64, from byte `at`, slot by slot. */
export interface DelayRing {
  readonly at: number;
  readonly slots: number;
}

type Local = (t: ValType) => number;

/**
 * What a procedural projection's rows carry as the module draws them as lists, or null when
 * they carry only targets of a fixed probability (then they are drawn as bits, see
 * `wasmProceduralRows`).
 *
 * @param seed - the network seed
 * @param p - the projection's spec
 * @param dt - the time step, ms (delays are drawn in its steps)
 * @param at - where its delayed sums are (when it has delays), and its groups' positions (when
 *   drawn by distance; −1 otherwise)
 * @returns its list shape, or null
 */
export function listShapeOf(seed: number, p: ProjectionSpec, dt: number, at: { readonly ring: DelayRing | null; readonly positions: number }): ListShape | null {
  if (listCarries(p) === null) return null;
  const { ring } = at;
  const stream = (field: 'weight' | 'delays', variable: 'w' | 'delay'): RowStream | null => {
    const init = p[field];
    if (init === undefined) return null;
    // A list of values is one for all the stored synapses: procedural rows refuse it (rowValues).
    if (init.kind === 'values') throw new RangeError(`listShapeOf: projection "${p.name}" lists its ${field}, which procedural rows cannot draw`);
    return { init, key: rowValuesKey(seed, p.name, variable) };
  };
  const weights = stream('weight', 'w');
  const delays = stream('delays', 'delay');
  if (delays !== null && ring === null) throw new RangeError(`listShapeOf: projection "${p.name}" has delays but no ring of delayed sums`);
  const distance = p.connectivity.kind === 'distance';
  if (distance && at.positions < 0) throw new RangeError(`listShapeOf: projection "${p.name}" is drawn by distance but has no positions`);
  return { weights, delays: delays === null ? null : { stream: delays, dt, ring: ring! }, positions: distance ? at.positions : null };
}

/** Which values a row's list carries besides its targets (for its size: see {@link listGroupBytes}). */
export interface ListCarries {
  readonly weights: object | null;
  readonly delays: object | null;
}

/**
 * Whether a procedural projection's rows are drawn as lists (with weights or delays, or by
 * distance), and what they carry; null for rows of a fixed probability alone, drawn as bits.
 * The one place that decides it, for the layout's sizes and the module's code.
 *
 * @param p - a procedural projection's spec
 * @returns what its lists carry, or null
 */
export function listCarries(p: ProjectionSpec): ListCarries | null {
  if (p.weight === undefined && p.delays === undefined && p.connectivity.kind !== 'distance') return null;
  return { weights: p.weight ?? null, delays: p.delays ?? null };
}

/** Bytes per column of a row's list: a target, and a weight and a delay where the shape has them. */
function bytesPerColumn(shape: ListCarries): number {
  return 4 * (1 + (shape.weights === null ? 0 : 1) + (shape.delays === null ? 0 : 1));
}

/** Where a row's weights and delays start in its list, in bytes after its targets' start. */
function offsets(shape: ListShape, cols: number): { weights: number; delays: number } {
  return { weights: 4 * cols, delays: 4 * cols * (shape.weights === null ? 1 : 2) };
}

/**
 * Code that writes row `pre`'s targets (i32, ascending) from the byte address in local `out`,
 * and their number into local `n`.
 *
 * @param rows - the projection's rows
 * @param positions - for rows drawn by distance, the byte address of the groups' positions
 * @param pre - the local holding the row
 * @param out - the local holding the list's byte address
 * @param n - the local that gets the count
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmRowList(rows: ProceduralRows, positions: number | null, pre: number, out: number, n: number, local: Local): number[] {
  const append = (j: number): number[] => [...op.get(n), ...op.i32Const(2), ...op.i32Shl, ...op.get(out), ...op.i32Add, ...op.get(j), ...op.i32Store(), ...op.get(n), ...op.i32Const(1), ...op.i32Add, ...op.set(n)];
  const code = [...op.i32Const(0), ...op.set(n)];
  if (rows.space !== undefined) return [...code, ...wasmDistanceRow(rows, positions!, pre, append, local)];
  if (rows.p < GEOMETRIC_BELOW) return [...code, ...wasmGeometricRow(rows, pre, local, append)];
  // Pair by pair, as bernoulliRow: every column draws, kept when its top 31 bits are below
  // p·2³¹ (always from p = 1 on); without self-connections, column pre is drawn and left out.
  const l = xoshiroLocals(local);
  const [z, s, j] = [local('i32'), local('i32'), local('i32')];
  const threshold = Math.floor(rows.p * 2147483648);
  code.push(...wasmSeedSubstream(rows.key, pre, l, z, s), ...op.i32Const(0), ...op.set(j));
  code.push(...op.block, ...op.loop, ...op.get(j), ...op.i32Const(rows.cols), ...op.i32GeU, ...op.brIf(1));
  // Branch-free, as bernoulliRow: j is written at the list's end, which a kept column extends.
  code.push(...op.get(n), ...op.i32Const(2), ...op.i32Shl, ...op.get(out), ...op.i32Add, ...op.get(j), ...op.i32Store());
  code.push(...op.get(n), ...wasmXoshiroStep(l), ...op.i32Const(1), ...op.i32ShrU, ...op.i32Const(threshold >= 2147483648 ? -1 : threshold), ...op.i32LtU);
  if (!rows.selfConnections) code.push(...op.get(j), ...op.get(pre), ...op.i32Ne, ...op.i32And);
  code.push(...op.i32Add, ...op.set(n));
  code.push(...op.get(j), ...op.i32Const(1), ...op.i32Add, ...op.set(j), ...op.br(0), ...op.end, ...op.end);
  return code;
}

/**
 * Code that adds synapse k of a row's list (its target in local `j`, the list's targets from the
 * byte in local `list`) to the traces at byte `target` (+ the local `shift`, a thread's copy), or
 * with a delay to its target's sum in the ring, at slot (step + delay) mod slots.
 */
function addSynapse(shape: ListShape, cols: number, target: number, l: { readonly list: number; readonly k: number; readonly j: number; readonly slot0: number; readonly at: number; readonly shift: number | null }): number[] {
  const { weights, delays } = offsets(shape, cols);
  const entry = (offset: number): number[] => [...op.get(l.k), ...op.i32Const(2), ...op.i32Shl, ...op.get(l.list), ...op.i32Add, ...op.i32Const(offset), ...op.i32Add];
  const amount = shape.weights === null ? op.f64Const(1) : [...entry(weights), ...op.f32Load(), ...op.f64PromoteF32];
  if (shape.delays === null) {
    return [...op.get(l.j), ...op.i32Const(3), ...op.i32Shl, ...addLocal(l.shift), ...op.tee(l.at), ...op.get(l.at), ...op.f64Load(target), ...amount, ...op.f64Add, ...op.f64Store(target)];
  }
  // The ring is shared by the threads, each writing its own targets' sums: no copy, no shift.
  const { at: ring, slots } = shape.delays.ring;
  return [
    // slot = slot0 + delay, less slots when past the end (both below slots).
    ...op.get(l.slot0), ...entry(delays), ...op.i32Load(), ...op.i32Add, ...op.tee(l.at), ...op.get(l.at), ...op.i32Const(slots), ...op.i32Sub, ...op.get(l.at), ...op.i32Const(slots), ...op.i32LtU, ...op.select,
    ...op.i32Const(cols), ...op.i32Mul, ...op.get(l.j), ...op.i32Add, ...op.i32Const(3), ...op.i32Shl, ...op.tee(l.at),
    ...op.get(l.at), ...op.f64Load(ring), ...amount, ...op.f64Add, ...op.f64Store(ring),
  ];
}

/**
 * Bytes of the scratch row one thread draws a procedural row and its values into (see
 * {@link wasmListScatter}).
 *
 * @param cols - the projection's targets
 * @param shape - what its rows carry
 * @returns bytes
 */
export function rowListBytes(cols: number, shape: ListCarries): number {
  return bytesPerColumn(shape) * cols;
}

/**
 * Code that adds, for every spike listed (i32, from the byte in local `base`, as many as local
 * `count` says), each of its synapses' weight (or 1) to its target's trace (f64 at byte `target`
 * + 8·target), or with a delay to its sum in the ring, row by row, the row drawn into the
 * scratch at byte `scratch` ({@link rowListBytes}).
 *
 * @param rows - the projection's rows
 * @param shape - its weights and delays
 * @param target - byte address of the traces (or a dual exponential's rise variables)
 * @param scratch - byte address of the scratch row
 * @param args - the locals holding the list's byte address, its length, and the step (for delays)
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmListScatter(rows: ProceduralRows, shape: ListShape, target: number, scratch: number, args: { readonly base: number; readonly count: number; readonly step: number | null }, local: Local): number[] {
  const [q, pre, n, list, k, j, slot0, at, values] = [local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32')];
  const { weights, delays } = offsets(shape, rows.cols);
  const code = [...op.i32Const(scratch), ...op.set(list)];
  if (shape.delays !== null) code.push(...op.get(args.step!), ...op.i32Const(shape.delays.ring.slots), ...op.i32RemU, ...op.set(slot0));
  code.push(...op.i32Const(0), ...op.set(q), ...op.block, ...op.get(q), ...op.get(args.count), ...op.i32GeU, ...op.brIf(0), ...op.loop);
  code.push(...op.get(q), ...op.i32Const(2), ...op.i32Shl, ...op.get(args.base), ...op.i32Add, ...op.i32Load(), ...op.set(pre));
  code.push(...wasmRowList(rows, shape.positions, pre, list, n, local));
  if (shape.weights !== null) code.push(...op.i32Const(scratch + weights), ...op.set(values), ...wasmRowValues(shape.weights, pre, n, values, local));
  if (shape.delays !== null) code.push(...op.i32Const(scratch + delays), ...op.set(values), ...wasmRowSteps(shape.delays, pre, n, values, local));
  code.push(...op.i32Const(0), ...op.set(k), ...op.block, ...op.loop, ...op.get(k), ...op.get(n), ...op.i32GeU, ...op.brIf(1));
  code.push(...op.get(k), ...op.i32Const(2), ...op.i32Shl, ...op.get(list), ...op.i32Add, ...op.i32Load(), ...op.set(j));
  code.push(...addSynapse(shape, rows.cols, target, { list, k, j, slot0, at, shift: null }));
  code.push(...op.get(k), ...op.i32Const(1), ...op.i32Add, ...op.set(k), ...op.br(0), ...op.end, ...op.end);
  code.push(...op.get(q), ...op.i32Const(1), ...op.i32Add, ...op.tee(q), ...op.get(args.count), ...op.i32LtU, ...op.brIf(0), ...op.end, ...op.end);
  return code;
}

/**
 * Bytes of a group of four spikes' rows in the threads' chunk buffer: per row, its count (i32),
 * then room for a target (i32), and a weight (f32) and a delay (i32) where the shape has them,
 * per column.
 *
 * @param cols - the projection's targets
 * @param shape - what its rows carry
 * @returns bytes
 */
export function listGroupBytes(cols: number, shape: ListCarries): number {
  return 4 * (4 + bytesPerColumn(shape) * cols);
}

/**
 * Code that draws this thread's rows among those of spikes q to q + 3 of the list (row r is
 * thread r mod T's; rows past `count` get a count of 0) with their weights and delays into a
 * group's place at the byte in local `at` ({@link listGroupBytes}): row L's count first, its
 * targets after it, then its weights, then its delays.
 *
 * @param rows - the projection's rows
 * @param shape - its weights and delays
 * @param args - the locals: the list's byte address and length, the group's first spike, the
 *   group's place, this thread's index and the thread count
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmListDraw(rows: ProceduralRows, shape: ListShape, args: { readonly base: number; readonly count: number; readonly q: number; readonly at: number; readonly thread: number; readonly threads: number }, local: Local): number[] {
  const [pre, n, list, values] = [local('i32'), local('i32'), local('i32'), local('i32')];
  const rowBytes = 4 + bytesPerColumn(shape) * rows.cols;
  const { weights, delays } = offsets(shape, rows.cols);
  const code: number[] = [];
  for (let L = 0; L < 4; L++) {
    // Row q + L is this thread's when (q + L) mod threads is its index.
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.get(args.threads), ...op.i32RemU, ...op.get(args.thread), ...op.i32Eq, ...op.if);
    code.push(...op.get(args.at), ...op.i32Const(L * rowBytes + 4), ...op.i32Add, ...op.set(list), ...op.i32Const(0), ...op.set(n));
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.get(args.count), ...op.i32LtU, ...op.if);
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.i32Const(2), ...op.i32Shl, ...op.get(args.base), ...op.i32Add, ...op.i32Load(), ...op.set(pre));
    code.push(...wasmRowList(rows, shape.positions, pre, list, n, local));
    if (shape.weights !== null) code.push(...op.get(list), ...op.i32Const(weights), ...op.i32Add, ...op.set(values), ...wasmRowValues(shape.weights, pre, n, values, local));
    if (shape.delays !== null) code.push(...op.get(list), ...op.i32Const(delays), ...op.i32Add, ...op.set(values), ...wasmRowSteps(shape.delays, pre, n, values, local));
    code.push(...op.end);
    code.push(...op.get(list), ...op.i32Const(4), ...op.i32Sub, ...op.get(n), ...op.i32Store(), ...op.end);
  }
  return code;
}

/**
 * Code that adds the synapses of a group's four rows (drawn by {@link wasmListDraw} at the byte
 * in local `at`) whose targets are `lo` to `hi` − 1 (locals), as {@link wasmListScatter} adds
 * them (the traces in the thread's copy, `shift` bytes on), row after row: each row's first such
 * synapse found by a binary search of its ascending targets.
 *
 * @param cols - the projection's targets
 * @param shape - its weights and delays
 * @param target - byte address of the traces
 * @param args - the locals: the group's place, this thread's first and past-the-last target,
 *   its state's shift, and the step (for delays)
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmListAdd(cols: number, shape: ListShape, target: number, args: { readonly at: number; readonly lo: number; readonly hi: number; readonly shift: number; readonly step: number | null }, local: Local): number[] {
  const [list, n, k, b, mid, j, slot0, at] = [local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32')];
  const rowBytes = 4 + bytesPerColumn(shape) * cols;
  const targetAt = (i: number[]): number[] => [...i, ...op.i32Const(2), ...op.i32Shl, ...op.get(list), ...op.i32Add, ...op.i32Load()];
  const code: number[] = [];
  if (shape.delays !== null) code.push(...op.get(args.step!), ...op.i32Const(shape.delays.ring.slots), ...op.i32RemU, ...op.set(slot0));
  for (let L = 0; L < 4; L++) {
    code.push(...op.get(args.at), ...op.i32Const(L * rowBytes), ...op.i32Add, ...op.tee(list), ...op.i32Load(), ...op.set(n));
    code.push(...op.get(list), ...op.i32Const(4), ...op.i32Add, ...op.set(list));
    // k = the first synapse whose target is lo or more.
    code.push(...op.i32Const(0), ...op.set(k), ...op.get(n), ...op.set(b));
    code.push(...op.block, ...op.loop, ...op.get(k), ...op.get(b), ...op.i32GeU, ...op.brIf(1));
    code.push(...op.get(k), ...op.get(b), ...op.i32Add, ...op.i32Const(1), ...op.i32ShrU, ...op.set(mid), ...targetAt(op.get(mid)), ...op.get(args.lo), ...op.i32LtU);
    code.push(...op.if, ...op.get(mid), ...op.i32Const(1), ...op.i32Add, ...op.set(k), ...op.else, ...op.get(mid), ...op.set(b), ...op.end, ...op.br(0), ...op.end, ...op.end);
    // From there while the target is this thread's.
    code.push(...op.block, ...op.loop, ...op.get(k), ...op.get(n), ...op.i32GeU, ...op.brIf(1));
    code.push(...targetAt(op.get(k)), ...op.tee(j), ...op.get(args.hi), ...op.i32GeU, ...op.brIf(1));
    code.push(...addSynapse(shape, cols, target, { list, k, j, slot0, at, shift: args.shift }));
    code.push(...op.get(k), ...op.i32Const(1), ...op.i32Add, ...op.set(k), ...op.br(0), ...op.end, ...op.end);
  }
  return code;
}

