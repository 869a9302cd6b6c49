/**
 * Per-synapse values drawn with a procedural row in WebAssembly, as `rowValues` draws them in
 * JavaScript: row i's values from its own substream of the variable's stream (constant,
 * uniform, normal and lognormal; Box–Muller through the engine's `Math.log`, `Math.cos`,
 * `Math.sin` and `Math.exp`, imported, see `kernelImports`), rounded to 32-bit floats as
 * stored values are; delays then to whole steps as `delayStep` rounds them.
 *
 * @example
 * ```ts
 * body.push(...wasmRowValues({ init, key }, pre, n, out, local)); // n weights (f32) from the address in out
 * ```
 * @module
 */
import type { Initializer } from '../../model/initializer.js';
import { mathImport } from './abi.js';
import { op, type ValType } from './wasmModule.js';
import { wasmSeedSubstream, wasmXoshiroFloat, xoshiroLocals } from './wasmRandom.js';

/** A per-synapse variable drawn with each row: the initializer and the key of its stream. */
export interface RowStream {
  readonly init: Exclude<Initializer, { kind: 'values' }>;
  readonly key: number;
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
export function wasmRowValues(weights: RowStream, pre: number, n: number, out: number, local: (t: ValType) => number): number[] {
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
 * Code that writes the delays of row `pre`'s `n` synapses in whole steps (i32) from the byte
 * address in local `out`: drawn as 32-bit floats in ms ({@link wasmRowValues}), then each
 * rounded as `delayStep` rounds it, Math.round(ms/dt): ⌊x⌋, plus 1 where x − ⌊x⌋ ≥ ½.
 *
 * @param delays - the delays' initializer and stream key, and the time step
 * @param pre - the local holding the row
 * @param n - the local holding the count
 * @param out - the local holding the steps' byte address
 * @param local - makes a local of the given type and returns its index
 * @returns the instructions
 */
export function wasmRowSteps(delays: { readonly stream: RowStream; readonly dt: number }, pre: number, n: number, out: number, local: (t: ValType) => number): number[] {
  const [k, at] = [local('i32'), local('i32')];
  const [x, f] = [local('f64'), local('f64')];
  return [
    ...wasmRowValues(delays.stream, pre, n, out, local),
    ...op.i32Const(0), ...op.set(k), ...op.block, ...op.loop, ...op.get(k), ...op.get(n), ...op.i32GeU, ...op.brIf(1),
    ...op.get(k), ...op.i32Const(2), ...op.i32Shl, ...op.get(out), ...op.i32Add, ...op.tee(at), ...op.get(at), ...op.f32Load(), ...op.f64PromoteF32, ...op.f64Const(delays.dt), ...op.f64Div, ...op.tee(x),
    ...op.f64Floor, ...op.tee(f), ...op.get(x), ...op.get(f), ...op.f64Sub, ...op.f64Const(0.5), ...op.f64Ge, ...op.f64ConvertI32U, ...op.f64Add, ...op.i32TruncSatF64S, ...op.i32Store(),
    ...op.get(k), ...op.i32Const(1), ...op.i32Add, ...op.set(k), ...op.br(0), ...op.end, ...op.end,
  ];
}
