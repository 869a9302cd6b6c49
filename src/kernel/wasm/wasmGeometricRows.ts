/**
 * Procedural rows with p below 1/16 in WebAssembly: a row's synapses drawn as the gaps between
 * them, Geometric(p) by inversion, as `fixedProbabilityRow` draws them in JavaScript. Row i's
 * generator is seeded from its own substream (`subKey(key, i)`, `seedState`); each number r of
 * xoshiro128** gives u = (r + 1)/2³² in (0, 1], and the next target is
 * j + 1 + ⌊log u / log(1 − p)⌋, until it passes the last column. The logarithm is `Math.log`
 * itself, imported (see `kernelImports`): WebAssembly has none, and the engine's own is what
 * the JavaScript draw calls, so both draw the same targets, bit for bit, on any engine. The
 * target index is carried as a double, as JavaScript carries it, so a gap past 2³¹ ends the
 * row as it does there.
 *
 * One thread adds each target's 1 as it is drawn ({@link wasmGeometricScatter}), in the order
 * of the spikes and, within a row, of the targets: the order of the JavaScript kernel, which
 * draws each row into a list and then adds. Threads write the rows of their groups of four
 * spikes as bits into the scratch that `wasmProceduralThreads` adds from (a byte per pair of
 * columns, the low four bits the four rows at the even column, the high four at the odd one):
 * {@link wasmGeometricBits}.
 *
 * @example
 * ```ts
 * body.push(...wasmGeometricScatter(rows, layout.s[0], { base: 0, count: 1 }, local)); // rows.p < 1/16
 * ```
 * @module
 */
import { GEOMETRIC_BELOW, type ProceduralRows } from '../synapses/fixedProbability.js';
import { mathImport } from './abi.js';
import { wasmSeedSubstream, wasmXoshiroStep } from './wasmRandom.js';
import { op, type ValType } from './wasmModule.js';

/**
 * Whether the rows are drawn as gaps (p below 1/16), by this module's code, rather than pair
 * by pair (`rowDraws`).
 *
 * @param rows - a fixed-probability projection's rows
 * @returns true below 1/16
 */
export function drawsGaps(rows: ProceduralRows): boolean {
  return rows.p < GEOMETRIC_BELOW;
}

/**
 * The code that draws row `pre` (an i32 local) of `rows` and runs `onTarget` for each of its
 * targets, ascending, with the target's index in the i32 local it is given.
 *
 * @param rows - the projection's rows (p below 1/16)
 * @param pre - the local holding the row
 * @param local - makes a local of the given type and returns its index
 * @param onTarget - the code for a target, given its local
 * @returns the instructions (none when p ≤ 0: no synapses)
 */
export function wasmGeometricRow(rows: ProceduralRows, pre: number, local: (t: ValType) => number, onTarget: (j: number) => number[]): number[] {
  if (!(rows.p > 0)) return [];
  const [a, b, c, d, t, z, s, j] = [local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32'), local('i32')];
  const jf = local('f64');
  const logq = Math.log1p(-rows.p);
  const code: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) code.push(...part);
  };
  // The row's own stream, subKey(key, pre).
  emit(wasmSeedSubstream(rows.key, pre, { a, b, c, d, t }, z, s));
  emit(op.f64Const(-1), op.set(jf));
  emit(op.block, op.loop);
  // j += 1 + floor(log((r + 1) / 2³²) / log(1 − p)), in doubles, as JavaScript computes it.
  emit(op.get(jf), op.f64Const(1), wasmXoshiroStep({ a, b, c, d, t }), op.f64ConvertI32U, op.f64Const(1), op.f64Add, op.f64Const(4294967296), op.f64Div, op.call(mathImport('log')));
  emit(op.f64Const(logq), op.f64Div, op.f64Floor, op.f64Add, op.f64Add, op.tee(jf), op.f64Const(rows.cols), op.f64Ge, op.brIf(1));
  emit(op.get(jf), op.i32TruncSatF64S, op.set(j));
  if (rows.selfConnections) emit(onTarget(j));
  else emit(op.get(j), op.get(pre), op.i32Ne, op.if, onTarget(j), op.end);
  emit(op.br(0), op.end, op.end);
  return code;
}

/**
 * Code that adds 1 to the trace (an f64 at byte `target` + 8j) of every target of every spike
 * listed (i32, from the byte in local `base`, as many as local `count` says), spike by spike.
 *
 * @param rows - the projection's rows (p below 1/16)
 * @param target - byte address of the traces (or a dual exponential's rise variables)
 * @param args - the locals holding the list's byte address and its length
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmGeometricScatter(rows: ProceduralRows, target: number, args: { readonly base: number; readonly count: number }, local: (t: ValType) => number): number[] {
  const [q, pre, at] = [local('i32'), local('i32'), local('i32')];
  const add = (j: number): number[] => [...op.get(j), ...op.i32Const(3), ...op.i32Shl, ...op.tee(at), ...op.get(at), ...op.f64Load(target), ...op.f64Const(1), ...op.f64Add, ...op.f64Store(target)];
  return [
    ...op.i32Const(0), ...op.set(q), ...op.block, ...op.get(q), ...op.get(args.count), ...op.i32GeU, ...op.brIf(0), ...op.loop,
    ...op.get(q), ...op.i32Const(2), ...op.i32Shl, ...op.get(args.base), ...op.i32Add, ...op.i32Load(), ...op.set(pre),
    ...wasmGeometricRow(rows, pre, local, add),
    ...op.get(q), ...op.i32Const(1), ...op.i32Add, ...op.tee(q), ...op.get(args.count), ...op.i32LtU, ...op.brIf(0), ...op.end, ...op.end,
  ];
}

/**
 * Code that writes the rows of spikes q to q + 3 of the list (those below `count`) as bits
 * into `rowBytes` bytes from the byte in local `at`: bit L of byte j/2 for an even target j of
 * the list's row q + L, bit 4 + L for an odd one; the bytes are cleared first.
 *
 * @param rows - the projection's rows (p below 1/16)
 * @param rowBytes - bytes of a group's rows, ⌈cols/2⌉
 * @param args - the locals: the list's byte address and length, the group's first spike q, and the bytes' address
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmGeometricBits(rows: ProceduralRows, rowBytes: number, args: { readonly base: number; readonly count: number; readonly q: number; readonly at: number }, local: (t: ValType) => number): number[] {
  const [pre, byte] = [local('i32'), local('i32')];
  const code = [...op.get(args.at), ...op.i32Const(0), ...op.i32Const(rowBytes), ...op.memoryFill];
  for (let L = 0; L < 4; L++) {
    // bits |= 1 << (L + 4·(j & 1)) at the row's byte j >> 1.
    const set = (j: number): number[] => [
      ...op.get(j), ...op.i32Const(1), ...op.i32ShrU, ...op.get(args.at), ...op.i32Add, ...op.tee(byte),
      ...op.get(byte), ...op.i32Load8u(), ...op.i32Const(1), ...op.get(j), ...op.i32Const(1), ...op.i32And, ...op.i32Const(2), ...op.i32Shl, ...op.i32Const(L), ...op.i32Add, ...op.i32Shl, ...op.i32Or, ...op.i32Store8(),
    ];
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.get(args.count), ...op.i32LtU, ...op.if);
    code.push(...op.get(args.q), ...op.i32Const(L), ...op.i32Add, ...op.i32Const(2), ...op.i32Shl, ...op.get(args.base), ...op.i32Add, ...op.i32Load(), ...op.set(pre));
    code.push(...wasmGeometricRow(rows, pre, local, set), ...op.end);
  }
  return code;
}
