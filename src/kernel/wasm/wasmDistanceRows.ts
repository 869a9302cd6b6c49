/**
 * Procedural rows of the distance rule in WebAssembly, as `distanceRow` draws them in
 * JavaScript: pair (i, j) kept with probability p0·exp(−d²/(2σ²)), one 53-bit number per pair
 * from row i's own substream, against the groups' positions, which the module reads from its
 * memory (`WasmLayout.XY`). The exponential is the engine's own `Math.exp`, imported (see
 * `kernelImports`), so both back ends keep the same pairs.
 *
 * @example
 * ```ts
 * body.push(...wasmDistanceRow(rows, layout.XY[pi], pre, (j) => append(j), local));
 * ```
 * @module
 */
import type { ProceduralRows } from '../synapses/fixedProbability.js';
import { mathImport } from './abi.js';
import { op, type ValType } from './wasmModule.js';
import { wasmSeedSubstream, wasmXoshiroFloat, xoshiroLocals } from './wasmRandom.js';

/**
 * Code that runs `onTarget` for each target of row `pre` of a distance rule, as `distanceRow`
 * draws them: one 53-bit float u per target j from the row's substream, the squared distance
 * (across periodic edges, each difference less its extent times Math.round of their ratio)
 * times 1/(2σ²) as e, and j kept when e < 40 and u < p0·exp(−e) (the engine's `Math.exp`,
 * imported) and, without self-connections, j ≠ pre.
 *
 * @param rows - the projection's rows (with their `space`)
 * @param positions - the byte address of the groups' positions (pre x, pre y, post x, post y)
 * @param pre - the local holding the row
 * @param onTarget - the code for a target, given its local
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmDistanceRow(rows: ProceduralRows, positions: number, pre: number, onTarget: (j: number) => number[], local: (t: ValType) => number): number[] {
  const { rule, pre: from, post: to } = rows.space!;
  const l = xoshiroLocals(local);
  const [z, s, j] = [local('i32'), local('i32'), local('i32')];
  const [u, xi, yi, d, f, e, dx] = [local('f64'), local('f64'), local('f64'), local('f64'), local('f64'), local('f64'), local('f64')];
  const cols = rows.cols;
  const [preX, preY, postX, postY] = [positions, positions + 8 * from.x.length, positions + 16 * from.x.length, positions + 16 * from.x.length + 8 * cols];
  // d − extent·Math.round(d/extent), Math.round as ⌊x⌋ + (x − ⌊x⌋ ≥ ½): the nearest, ties up.
  const wrap = (extent: number): number[] => [
    ...op.get(d), ...op.f64Const(extent), ...op.get(d), ...op.f64Const(extent), ...op.f64Div, ...op.tee(e), ...op.f64Floor, ...op.tee(f),
    ...op.get(e), ...op.get(f), ...op.f64Sub, ...op.f64Const(0.5), ...op.f64Ge, ...op.f64ConvertI32U, ...op.f64Add, ...op.f64Mul, ...op.f64Sub,
  ];
  const difference = (at: number, own: number, extent: number): number[] => [
    ...op.get(j), ...op.i32Const(3), ...op.i32Shl, ...op.f64Load(at), ...op.get(own), ...op.f64Sub,
    ...(rule.periodic === true ? [...op.set(d), ...wrap(extent)] : []),
  ];
  const code = [
    ...wasmSeedSubstream(rows.key, pre, l, z, s),
    ...op.get(pre), ...op.i32Const(3), ...op.i32Shl, ...op.tee(j), ...op.f64Load(preX), ...op.set(xi), ...op.get(j), ...op.f64Load(preY), ...op.set(yi),
    ...op.i32Const(0), ...op.set(j), ...op.block, ...op.loop, ...op.get(j), ...op.i32Const(cols), ...op.i32GeU, ...op.brIf(1),
    // One draw per pair, whatever the distance.
    ...wasmXoshiroFloat(l), ...op.set(u),
    ...difference(postX, xi, to.width), ...op.tee(dx), ...op.get(dx), ...op.f64Mul,
    ...difference(postY, yi, to.height), ...op.tee(d), ...op.get(d), ...op.f64Mul, ...op.f64Add, ...op.f64Const(1 / (2 * rule.sigma * rule.sigma)), ...op.f64Mul, ...op.tee(e),
    ...op.f64Const(40), ...op.f64Lt, ...op.if,
    ...op.get(u), ...op.f64Const(rule.p0), ...op.get(e), ...op.f64Neg, ...op.call(mathImport('exp')), ...op.f64Mul, ...op.f64Lt,
    ...(rows.selfConnections ? [] : [...op.get(j), ...op.get(pre), ...op.i32Ne, ...op.i32And]),
    ...op.if, ...onTarget(j), ...op.end, ...op.end,
    ...op.get(j), ...op.i32Const(1), ...op.i32Add, ...op.set(j), ...op.br(0), ...op.end, ...op.end,
  ];
  return code;
}
