/**
 * The kernel's random numbers in WebAssembly, in the i32 operations of the JavaScript code
 * (numeric/random): splitmix32, which seeds a row's generator (`subKey`, `seedState`), and a
 * step of xoshiro128** (`xoshiroStepSource`). The row draws four lanes at a time
 * (`rowDraws`) and one row at a time (`wasmGeometricRow`), Poisson sources, Poisson inputs
 * and models' noise all draw through here.
 *
 * @example
 * ```ts
 * const l = xoshiroLocals(local);
 * emit(wasmSeedSubstream(key, pre, l, z, s), wasmXoshiroStep(l)); // row pre's first number, on the stack
 * ```
 * @module
 */
import { SPLITMIX32 } from '../numeric/random.js';
import { op, type ValType } from './wasmModule.js';

/** The golden-ratio increment of the stream keys and seeds (`subKey`, `seedState`), as an i32. */
const GOLDEN = SPLITMIX32.golden | 0;

/** splitmix32's output function of the i32 on the stack (`mix32`), through local z. */
function mix32(z: number): number[] {
  return [
    ...op.set(z), ...op.get(z), ...op.get(z), ...op.i32Const(16), ...op.i32ShrU, ...op.i32Xor, ...op.i32Const(SPLITMIX32.m1 | 0), ...op.i32Mul,
    ...op.tee(z), ...op.get(z), ...op.i32Const(13), ...op.i32ShrU, ...op.i32Xor, ...op.i32Const(SPLITMIX32.m2 | 0), ...op.i32Mul,
    ...op.tee(z), ...op.get(z), ...op.i32Const(16), ...op.i32ShrU, ...op.i32Xor,
  ];
}

/** The i32 locals a draw works in: the generator's four words and one more. */
export interface XoshiroLocals {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly t: number;
}

/**
 * Five new i32 locals for a generator's state and its work.
 *
 * @param local - makes a local of the given type and returns its index
 * @returns the locals
 */
export function xoshiroLocals(local: (t: ValType) => number): XoshiroLocals {
  return { a: local('i32'), b: local('i32'), c: local('i32'), d: local('i32'), t: local('i32') };
}

/**
 * Code that leaves on the stack the draw of the xoshiro128** generator whose state is in the
 * locals a to d, and steps that state: the JavaScript kernel's `xoshiroStepSource`,
 * r = rotl(b·5, 7)·9, then the state's step, in the same i32 operations.
 *
 * @param l - the state's locals, and t to work in
 * @returns the instructions
 */
export function wasmXoshiroStep(l: XoshiroLocals): number[] {
  const { a, b, c, d, t } = l;
  return [
    // r, left on the stack while the state steps.
    ...op.get(b), ...op.i32Const(5), ...op.i32Mul, ...op.i32Const(7), ...op.i32Rotl, ...op.i32Const(9), ...op.i32Mul,
    ...op.get(b), ...op.i32Const(9), ...op.i32Shl, ...op.set(t),
    ...op.get(c), ...op.get(a), ...op.i32Xor, ...op.set(c), ...op.get(d), ...op.get(b), ...op.i32Xor, ...op.set(d),
    ...op.get(b), ...op.get(c), ...op.i32Xor, ...op.set(b), ...op.get(a), ...op.get(d), ...op.i32Xor, ...op.set(a),
    ...op.get(c), ...op.get(t), ...op.i32Xor, ...op.set(c), ...op.get(d), ...op.i32Const(11), ...op.i32Rotl, ...op.set(d),
  ];
}

/**
 * Code that advances the xoshiro128** generator whose 4 words are at byte `at` + local `o` and
 * leaves its draw on the stack ({@link wasmXoshiroStep} between a load and a store of the state).
 *
 * @param o - the local holding the state's byte offset (16 per neuron)
 * @param at - the states' byte address
 * @param l - working locals
 * @returns the instructions
 */
export function wasmXoshiroDraw(o: number, at: number, l: XoshiroLocals): number[] {
  const { a, b, c, d } = l;
  return [
    ...op.get(o), ...op.i32Load(at), ...op.set(a), ...op.get(o), ...op.i32Load(at + 4), ...op.set(b),
    ...op.get(o), ...op.i32Load(at + 8), ...op.set(c), ...op.get(o), ...op.i32Load(at + 12), ...op.set(d),
    ...wasmXoshiroStep(l),
    ...op.get(o), ...op.get(a), ...op.i32Store(at), ...op.get(o), ...op.get(b), ...op.i32Store(at + 4),
    ...op.get(o), ...op.get(c), ...op.i32Store(at + 8), ...op.get(o), ...op.get(d), ...op.i32Store(at + 12),
  ];
}

/**
 * Code that seeds the generator in locals a to d with substream `index` of stream `key`, as
 * `new Xoshiro128(subKey(key, index))` seeds it: splitmix32 of the substream's key, four words,
 * the last made odd.
 *
 * @param key - the stream's key
 * @param index - the local holding the substream (a row)
 * @param l - the state's locals
 * @param z - a local for splitmix32
 * @param s - a local for the seed
 * @returns the instructions
 */
export function wasmSeedSubstream(key: number, index: number, l: XoshiroLocals, z: number, s: number): number[] {
  const code = [...op.get(index), ...op.i32Const(1), ...op.i32Add, ...op.i32Const(GOLDEN), ...op.i32Mul, ...mix32(z), ...op.i32Const(key | 0), ...op.i32Xor, ...mix32(z), ...op.set(s)];
  for (const [k, word] of [l.a, l.b, l.c, l.d].entries()) {
    code.push(...op.get(s), ...op.i32Const(GOLDEN), ...op.i32Add, ...op.tee(s), ...mix32(z));
    if (k === 3) code.push(...op.i32Const(1), ...op.i32Or);
    code.push(...op.set(word));
  }
  return code;
}

/**
 * Code that leaves on the stack the generator's next float in [0, 1) with 53 random bits, as
 * `Xoshiro128.float` makes it: (⌊r₁/2⁵⌋·2²⁶ + ⌊r₂/2⁶⌋)/2⁵³, from two draws.
 *
 * @param l - the state's locals
 * @returns the instructions
 */
export function wasmXoshiroFloat(l: XoshiroLocals): number[] {
  return [
    ...wasmXoshiroStep(l), ...op.i32Const(5), ...op.i32ShrU, ...op.f64ConvertI32U, ...op.f64Const(67108864), ...op.f64Mul,
    ...wasmXoshiroStep(l), ...op.i32Const(6), ...op.i32ShrU, ...op.f64ConvertI32U, ...op.f64Add, ...op.f64Const(9007199254740992), ...op.f64Div,
  ];
}

