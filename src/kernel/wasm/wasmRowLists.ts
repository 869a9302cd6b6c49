/**
 * Procedural rows drawn with their weights in WebAssembly, as lists: row i's targets, ascending,
 * as `fixedProbabilityRow` draws them (pair by pair from p = 1/16 on, by their gaps below), and
 * its synapses' weights, drawn from the row's own substream of the projection's weight stream
 * as `rowValues` draws them (constant, uniform, normal, lognormal; Box–Muller with the engine's
 * `Math.log`, `Math.cos`, `Math.sin` and `Math.exp`, imported, see `kernelImports`), rounded to
 * 32-bit floats as a stored weight is. The weights come from a stream of their own, so drawing
 * them after the targets gives what JavaScript draws.
 *
 * One thread draws a spike's row into a scratch list, then adds each synapse's weight to its
 * target's trace, in the row's order ({@link wasmWeightedScatter}), as the JavaScript kernel
 * does. Threads draw the rows of their groups of four spikes into the chunk's buffer, a list per
 * row ({@link wasmListDraw}), and after their meeting each adds, row by row in the spikes' order,
 * the synapses that reach its own targets, found by a binary search ({@link wasmListAdd}): each
 * target gets the same additions in the same order as on one thread.
 *
 * @example
 * ```ts
 * body.push(...wasmWeightedScatter(rows, { init, key }, layout.s[0], layout.rows, { base: 0, count: 1 }, local));
 * ```
 * @module
 */
import type { Initializer } from '../../model/initializer.js';
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { rowValuesKey } from '../synapses/synapseValues.js';
import { GEOMETRIC_BELOW, type ProceduralRows } from '../synapses/fixedProbability.js';
import { mathImport } from './kernelImports.js';
import { wasmGeometricRow } from './wasmGeometricRows.js';
import { addLocal, op, type ValType } from './wasmModule.js';
import { wasmSeedSubstream, wasmXoshiroFloat, wasmXoshiroStep, type XoshiroLocals } from './wasmRandom.js';

/** A projection's weights drawn per row: the initializer and the key of its stream. */
export interface RowWeights {
  readonly init: Exclude<Initializer, { kind: 'values' }>;
  readonly key: number;
}

type Local = (t: ValType) => number;

/**
 * A procedural projection's weights as the module draws them with each row, or null when it
 * has none (each synapse adds 1).
 *
 * @param seed - the network seed
 * @param p - the projection's spec
 * @returns its initializer and stream key, or null
 */
export function rowWeightsOf(seed: number, p: ProjectionSpec): RowWeights | null {
  const init = p.weight;
  if (init === undefined) return null;
  // A list of values is one for all the stored synapses: procedural rows refuse it (rowValues).
  if (init.kind === 'values') throw new RangeError(`rowWeightsOf: projection "${p.name}" lists its weights, which procedural rows cannot draw`);
  return { init, key: rowValuesKey(seed, p.name, 'w') };
}

/** Five i32 locals for a generator's state and its work. */
function xoshiroLocals(local: Local): XoshiroLocals {
  return { a: local('i32'), b: local('i32'), c: local('i32'), d: local('i32'), t: local('i32') };
}

/**
 * Code that writes row `pre`'s targets (i32, ascending) from the byte address in local `out`,
 * and their number into local `n`.
 *
 * @param rows - the projection's rows
 * @param pre - the local holding the row
 * @param out - the local holding the list's byte address
 * @param n - the local that gets the count
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmRowList(rows: ProceduralRows, pre: number, out: number, n: number, local: Local): number[] {
  const append = (j: number): number[] => [...op.get(n), ...op.i32Const(2), ...op.i32Shl, ...op.get(out), ...op.i32Add, ...op.get(j), ...op.i32Store(), ...op.get(n), ...op.i32Const(1), ...op.i32Add, ...op.set(n)];
  const code = [...op.i32Const(0), ...op.set(n)];
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
 * Code that writes the values of row `pre`'s `n` synapses (f32) from the byte address in local
 * `out`, as `drawValues` draws them from substream `pre` of the weights' stream into a
 * Float32Array.
 *
 * @param weights - the initializer and its stream's key
 * @param pre - the local holding the row
 * @param n - the local holding the count
 * @param out - the local holding the values' byte address
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmRowValues(weights: RowWeights, pre: number, n: number, out: number, local: Local): number[] {
  const { init } = weights;
  const k = local('i32');
  const store = (offset: number, value: number[]): number[] => [...op.get(k), ...op.i32Const(2), ...op.i32Shl, ...op.get(out), ...op.i32Add, ...value, ...op.f32DemoteF64, ...op.f32Store(offset)];
  const loop = (stride: number, body: number[]): number[] => [
    ...op.i32Const(0), ...op.set(k), ...op.block, ...op.loop, ...op.get(k), ...op.get(n), ...op.i32GeU, ...op.brIf(1),
    ...body, ...op.get(k), ...op.i32Const(stride), ...op.i32Add, ...op.set(k), ...op.br(0), ...op.end, ...op.end,
  ];
  if (init.kind === 'constant') return loop(1, store(0, op.f64Const(init.value)));
  const l = xoshiroLocals(local);
  const [z, s] = [local('i32'), local('i32')];
  const seed = wasmSeedSubstream(weights.key, pre, l, z, s);
  if (init.kind === 'uniform') return [...seed, ...loop(1, store(0, [...op.f64Const(init.low), ...op.f64Const(init.high - init.low), ...wasmXoshiroFloat(l), ...op.f64Mul, ...op.f64Add]))];
  // Box–Muller: r = √(−2·log(1 − u₁)), a = 2π·u₂; mean + sd·r·cos a, then (if the row has
  // room) mean + sd·r·sin a; lognormal takes exp of each.
  const [mean, sd] = init.kind === 'normal' ? [init.mean, init.sd] : [init.mu, init.sigma];
  const [r, a] = [local('f64'), local('f64')];
  const shape = (x: number[]): number[] => (init.kind === 'lognormal' ? [...x, ...op.call(mathImport('exp'))] : x);
  const value = (trig: 'cos' | 'sin'): number[] => shape([...op.f64Const(mean), ...op.f64Const(sd), ...op.get(r), ...op.f64Mul, ...op.get(a), ...op.call(mathImport(trig)), ...op.f64Mul, ...op.f64Add]);
  return [
    ...seed,
    ...loop(2, [
      ...op.f64Const(-2), ...op.f64Const(1), ...wasmXoshiroFloat(l), ...op.f64Sub, ...op.call(mathImport('log')), ...op.f64Mul, ...op.f64Sqrt, ...op.set(r),
      ...op.f64Const(2 * Math.PI), ...wasmXoshiroFloat(l), ...op.f64Mul, ...op.set(a),
      ...store(0, value('cos')),
      ...op.get(k), ...op.i32Const(1), ...op.i32Add, ...op.get(n), ...op.i32LtU, ...op.if, ...store(4, value('sin')), ...op.end,
    ]),
  ];
}

/**
 * Bytes of the scratch row one thread draws a spike's row and weights into (see
 * {@link wasmWeightedScatter}): a target and a weight per column.
 *
 * @param cols - the projection's targets
 * @returns bytes
 */
export function rowListBytes(cols: number): number {
  return 8 * cols;
}

/**
 * Code that adds, for every spike listed (i32, from the byte in local `base`, as many as local
 * `count` says), each of its synapses' weights to its target's trace (f64 at byte `target` +
 * 8·target), row by row, the row drawn into the scratch at byte `scratch` ({@link rowListBytes}).
 *
 * @param rows - the projection's rows
 * @param weights - its weights' initializer and stream key
 * @param target - byte address of the traces (or a dual exponential's rise variables)
 * @param scratch - byte address of the scratch row
 * @param args - the locals holding the list's byte address and its length
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmWeightedScatter(rows: ProceduralRows, weights: RowWeights, target: number, scratch: number, args: { readonly base: number; readonly count: number }, local: Local): number[] {
  const [q, pre, n, list, values, k, at] = [local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32')];
  return [
    ...op.i32Const(scratch), ...op.set(list), ...op.i32Const(scratch + 4 * rows.cols), ...op.set(values),
    ...op.i32Const(0), ...op.set(q), ...op.block, ...op.get(q), ...op.get(args.count), ...op.i32GeU, ...op.brIf(0), ...op.loop,
    ...op.get(q), ...op.i32Const(2), ...op.i32Shl, ...op.get(args.base), ...op.i32Add, ...op.i32Load(), ...op.set(pre),
    ...wasmRowList(rows, pre, list, n, local),
    ...wasmRowValues(weights, pre, n, values, local),
    ...op.i32Const(0), ...op.set(k), ...op.block, ...op.loop, ...op.get(k), ...op.get(n), ...op.i32GeU, ...op.brIf(1),
    ...op.get(k), ...op.i32Const(2), ...op.i32Shl, ...op.tee(at), ...op.i32Load(scratch), ...op.i32Const(3), ...op.i32Shl, ...op.tee(at),
    ...op.get(at), ...op.f64Load(target), ...op.get(k), ...op.i32Const(2), ...op.i32Shl, ...op.f32Load(scratch + 4 * rows.cols), ...op.f64PromoteF32, ...op.f64Add, ...op.f64Store(target),
    ...op.get(k), ...op.i32Const(1), ...op.i32Add, ...op.set(k), ...op.br(0), ...op.end, ...op.end,
    ...op.get(q), ...op.i32Const(1), ...op.i32Add, ...op.tee(q), ...op.get(args.count), ...op.i32LtU, ...op.brIf(0), ...op.end, ...op.end,
  ];
}

/**
 * Bytes of a group of four spikes' rows in the threads' chunk buffer: per row, its count (i32),
 * then room for a target (i32) and a weight (f32) per column.
 *
 * @param cols - the projection's targets
 * @returns bytes
 */
export function listGroupBytes(cols: number): number {
  return 4 * (4 + 8 * cols);
}

/**
 * Code that draws this thread's rows among those of spikes q to q + 3 of the list (row r is
 * thread r mod T's; rows past `count` get a count of 0) with their weights into a group's place
 * at the byte in local `at` ({@link listGroupBytes}): row L's count at `at` + L·(4 + 8·cols),
 * its targets after it, then its weights.
 *
 * @param rows - the projection's rows
 * @param weights - its weights' initializer and stream key
 * @param args - the locals: the list's byte address and length, the group's first spike, the
 *   group's place, this thread's index and the thread count
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmListDraw(rows: ProceduralRows, weights: RowWeights, args: { readonly base: number; readonly count: number; readonly q: number; readonly at: number; readonly thread: number; readonly threads: number }, local: Local): number[] {
  const [pre, n, list, values] = [local('i32'), local('i32'), local('i32'), local('i32')];
  const rowBytes = 4 + 8 * rows.cols;
  const code: number[] = [];
  for (let L = 0; L < 4; L++) {
    // Row q + L is this thread's when (q + L) mod threads is its index.
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.get(args.threads), ...op.i32RemU, ...op.get(args.thread), ...op.i32Eq, ...op.if);
    code.push(...op.get(args.at), ...op.i32Const(L * rowBytes + 4), ...op.i32Add, ...op.tee(list), ...op.i32Const(4 * rows.cols), ...op.i32Add, ...op.set(values), ...op.i32Const(0), ...op.set(n));
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.get(args.count), ...op.i32LtU, ...op.if);
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.i32Const(2), ...op.i32Shl, ...op.get(args.base), ...op.i32Add, ...op.i32Load(), ...op.set(pre));
    code.push(...wasmRowList(rows, pre, list, n, local), ...wasmRowValues(weights, pre, n, values, local), ...op.end);
    code.push(...op.get(list), ...op.i32Const(4), ...op.i32Sub, ...op.get(n), ...op.i32Store(), ...op.end);
  }
  return code;
}

/**
 * Code that adds the synapses of a group's four rows (drawn by {@link wasmListDraw} at the byte
 * in local `at`) whose targets are `lo` to `hi` − 1 (locals) to the traces at byte `target` + 8·j
 * (+ the thread's shift, a local), row after row: each row's first such synapse found by a binary
 * search of its ascending targets.
 *
 * @param cols - the projection's targets
 * @param target - byte address of the traces
 * @param args - the locals: the group's place, this thread's first and past-the-last target, its state's shift
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmListAdd(cols: number, target: number, args: { readonly at: number; readonly lo: number; readonly hi: number; readonly shift: number }, local: Local): number[] {
  const [list, n, a, b, mid, j] = [local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32')];
  const rowBytes = 4 + 8 * cols;
  const targetAt = (k: number[]): number[] => [...k, ...op.i32Const(2), ...op.i32Shl, ...op.get(list), ...op.i32Add, ...op.i32Load()];
  const code: number[] = [];
  for (let L = 0; L < 4; L++) {
    code.push(...op.get(args.at), ...op.i32Const(L * rowBytes), ...op.i32Add, ...op.tee(list), ...op.i32Load(), ...op.set(n));
    code.push(...op.get(list), ...op.i32Const(4), ...op.i32Add, ...op.set(list));
    // a = the first k with targets[k] ≥ lo.
    code.push(...op.i32Const(0), ...op.set(a), ...op.get(n), ...op.set(b));
    code.push(...op.block, ...op.loop, ...op.get(a), ...op.get(b), ...op.i32GeU, ...op.brIf(1));
    code.push(...op.get(a), ...op.get(b), ...op.i32Add, ...op.i32Const(1), ...op.i32ShrU, ...op.set(mid), ...targetAt(op.get(mid)), ...op.get(args.lo), ...op.i32LtU);
    code.push(...op.if, ...op.get(mid), ...op.i32Const(1), ...op.i32Add, ...op.set(a), ...op.else, ...op.get(mid), ...op.set(b), ...op.end, ...op.br(0), ...op.end, ...op.end);
    // From there while the target is this thread's: its trace += the weight.
    code.push(...op.block, ...op.loop, ...op.get(a), ...op.get(n), ...op.i32GeU, ...op.brIf(1));
    code.push(...targetAt(op.get(a)), ...op.tee(j), ...op.get(args.hi), ...op.i32GeU, ...op.brIf(1));
    code.push(...op.get(j), ...op.i32Const(3), ...op.i32Shl, ...addLocal(args.shift), ...op.tee(j), ...op.get(j), ...op.f64Load(target));
    code.push(...op.get(a), ...op.i32Const(2), ...op.i32Shl, ...op.get(list), ...op.i32Add, ...op.f32Load(4 * cols), ...op.f64PromoteF32, ...op.f64Add, ...op.f64Store(target));
    code.push(...op.get(a), ...op.i32Const(1), ...op.i32Add, ...op.set(a), ...op.br(0), ...op.end, ...op.end);
  }
  return code;
}
