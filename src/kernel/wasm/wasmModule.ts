/**
 * A minimal WebAssembly binary encoder: one imported memory, imported functions, functions with
 * i32/i64/f64/v128 locals, exports. Enough for the generated step of {@link wasmKernelModule}, written here rather than
 * pulled in as a toolchain (wabt, binaryen) so that kernels compile synchronously, in Node and in
 * browsers, from a few kilobytes of bytes.
 *
 * @example
 * ```ts
 * const bytes = wasmModule({ pages: 1, functions: [{ name: 'one', params: [], result: 'i32', locals: [], body: [...i32Const(1)] }] });
 * new WebAssembly.Module(bytes);
 * ```
 * @module
 */

/** Value types. */
export type ValType = 'i32' | 'i64' | 'f64' | 'v128';
const TYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b };

/** One function of the module. */
export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly result: ValType | null;
  /** Locals after the parameters, in order. */
  readonly locals: readonly ValType[];
  /** The instructions, without the final `end`. */
  readonly body: readonly number[];
}

/**
 * A function the module imports from `env` under its name. Imported functions come first in the
 * module's function indices: with k imports, the module's own function i is called as k + i.
 */
export interface WasmImport {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly result: ValType | null;
}

/** Unsigned LEB128 (of a whole number ≥ 0: a negative one, say an offset of −1 for "none", is a bug that would otherwise never end). */
export function uleb(n: number): number[] {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`uleb: ${n} is not a whole number >= 0`);
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  n |= 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(s));
  return [...uleb(bytes.length), ...bytes];
}

/**
 * Encodes a module that imports its memory as `env.memory` and the functions `imports` from
 * `env` (indices 0 to k − 1), with the given functions (indices k on), each exported under its
 * name.
 *
 * @param m - the memory's size in 64 KiB pages (the minimum the import asks), for a shared
 *   memory its maximum, the functions it imports, and its own
 * @returns the module's bytes
 */
export function wasmModule(m: { pages: number; shared?: { maximum: number }; imports?: readonly WasmImport[]; functions: readonly WasmFunction[] }): Uint8Array<ArrayBuffer> {
  const imported = m.imports ?? [];
  const signature = (f: WasmImport): number[] => [0x60, ...vec(f.params.map((p) => [TYPE[p]])), ...(f.result === null ? [0] : [1, TYPE[f.result]])];
  // Type k is the signature of function k, imported ones first.
  const types = [...imported, ...m.functions].map(signature);
  const limits = m.shared === undefined ? [0x00, ...uleb(m.pages)] : [0x03, ...uleb(m.pages), ...uleb(m.shared.maximum)];
  const imports = vec([[...name('env'), ...name('memory'), 0x02, ...limits], ...imported.map((f, k) => [...name('env'), ...name(f.name), 0x00, ...uleb(k)])]);
  const first = imported.length;
  const funcs = vec(m.functions.map((_, i) => uleb(first + i)));
  const exports = vec(m.functions.map((f, i) => [...name(f.name), 0x00, ...uleb(first + i)]));
  const codes = vec(
    m.functions.map((f) => {
      // Locals as runs of one type.
      const runs: number[][] = [];
      for (let i = 0; i < f.locals.length; ) {
        let j = i;
        while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
        runs.push([...uleb(j - i), TYPE[f.locals[i]!]]);
        i = j;
      }
      const body = [...vec(runs), ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}

/** Memory access: alignment exponent and offset. */
const mem = (op: number, align: number, offset: number): number[] => [op, align, ...uleb(offset)];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const simdMem = (op: number, offset: number): number[] => [...simd(op), 4, ...uleb(offset)];
/** Atomic memory access of 32 bits (the threads proposal): alignment must be exactly 4 bytes. */
const atomic = (op: number, offset: number): number[] => [0xfe, op, 2, ...uleb(offset)];

/** The instructions the generated kernels use, as byte arrays. */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  /** An `if` whose branches each leave an i32. */
  ifI32: [0x04, 0x7f],
  else: [0x05],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  return: [0x0f],
  call: (f: number) => [0x10, ...uleb(f)],
  drop: [0x1a],
  select: [0x1b],
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32Load: (offset = 0) => mem(0x28, 2, offset),
  i64Load: (offset = 0) => mem(0x29, 3, offset),
  f64Load: (offset = 0) => mem(0x2b, 3, offset),
  f32Load: (offset = 0) => mem(0x2a, 2, offset),
  i32Load8u: (offset = 0) => mem(0x2d, 0, offset),
  i32Load16u: (offset = 0) => mem(0x2f, 1, offset),
  i32Store: (offset = 0) => mem(0x36, 2, offset),
  i32Store8: (offset = 0) => mem(0x3a, 0, offset),
  f64Store: (offset = 0) => mem(0x39, 3, offset),
  f32Store: (offset = 0) => mem(0x38, 2, offset),
  i32Const: (n: number) => [0x41, ...sleb(n)],
  /** An i64 constant in the 32-bit signed range (a wait's timeout in nanoseconds). */
  i64Const: (n: number) => [0x42, ...sleb(n)],
  f64Const: (x: number) => [0x44, ...f64Bytes(x)],
  i32Eqz: [0x45],
  i32Eq: [0x46],
  i32Ne: [0x47],
  i32LtS: [0x48],
  i32LtU: [0x49],
  i32GtS: [0x4a],
  i32GtU: [0x4b],
  i32LeU: [0x4d],
  i32GeS: [0x4e],
  i32GeU: [0x4f],
  f64PromoteF32: [0xbb],
  f32DemoteF64: [0xb6],
  f64Eq: [0x61],
  f64Lt: [0x63],
  f64Gt: [0x64],
  f64Le: [0x65],
  f64Ge: [0x66],
  i32Ctz: [0x68],
  i64Eqz: [0x50],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32DivU: [0x6e],
  i32RemU: [0x70],
  i32And: [0x71],
  i32Or: [0x72],
  i32Xor: [0x73],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32Rotl: [0x77],
  i64Ctz: [0x7a],
  i64Sub: [0x7d],
  i64And: [0x83],
  i64Shl: [0x86],
  i64ShrU: [0x88],
  i32WrapI64: [0xa7],
  i64ExtendI32U: [0xad],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Floor: [0x9c],
  f64Sqrt: [0x9f],
  f64Neg: [0x9a],
  f64Min: [0xa4],
  f64Max: [0xa5],
  /** `i32.trunc_sat_f64_s`: toward 0, saturating, NaN to 0 (as a JavaScript Int32Array store of a value in range, and of NaN). */
  i32TruncSatF64S: [0xfc, 0x02],
  f64ConvertI32S: [0xb7],
  /** `memory.fill(address, byte, length)` (bulk memory). */
  memoryFill: [0xfc, 0x0b, 0x00],
  f64ConvertI32U: [0xb8],
  /** `memory.atomic.notify(address, count)`: wakes up to count waiters, returns how many. */
  atomicNotify: (offset = 0) => atomic(0x00, offset),
  /** `memory.atomic.wait32(address, expected, timeout ns)`: 0 woken, 1 not equal, 2 timed out. */
  atomicWait32: (offset = 0) => atomic(0x01, offset),
  i32AtomicLoad: (offset = 0) => atomic(0x10, offset),
  i32AtomicStore: (offset = 0) => atomic(0x17, offset),
  /** Read-modify-write: each leaves the old value. */
  i32AtomicAdd: (offset = 0) => atomic(0x1e, offset),
  i32AtomicSub: (offset = 0) => atomic(0x25, offset),
  i32AtomicOr: (offset = 0) => atomic(0x33, offset),
  v128Load: (offset = 0) => simdMem(0x00, offset),
  /** Two i32 (8 bytes, 8-aligned) into the low half, zeros above. */
  v128Load64Zero: (offset = 0) => [...simd(0x5d), 3, ...uleb(offset)],
  /** The low 8 bytes of a v128 (lane 0 of i64x2). */
  v128Store64Lane0: (offset = 0) => [...simd(0x5b), 3, ...uleb(offset), 0],
  v128Store: (offset = 0) => simdMem(0x0b, offset),
  f64x2Splat: simd(0x14),
  i32x4ExtractLane: (lane: number) => [...simd(0x1b), lane],
  f64x2ExtractLane: (lane: number) => [...simd(0x21), lane],
  i64x2ExtractLane: (lane: number) => [...simd(0x1d), lane],
  f64x2ReplaceLane: (lane: number) => [...simd(0x22), lane],
  f64x2Gt: simd(0x4a),
  f64x2Ge: simd(0x4c),
  i32x4Splat: simd(0x11),
  i32x4Bitmask: simd(0xa4),
  i64x2Eq: simd(0xd6),
  i32x4ReplaceLane: (lane: number) => [...simd(0x1c), lane],
  i32x4Ne: simd(0x38),
  i32x4LtU: simd(0x3a),
  i32x4Shl: simd(0xab),
  i32x4ShrU: simd(0xad),
  i32x4Mul: simd(0xb5),
  v128Xor: simd(0x51),
  f64x2ConvertLowI32x4U: simd(0xff),
  /** A 128-bit constant from its 16 bytes, lowest first. */
  v128Const: (bytes: readonly number[]) => [...simd(0x0c), ...bytes],
  i32x4GtS: simd(0x3b),
  i32x4Add: simd(0xae),
  i64x2ExtendLowI32x4S: simd(0xc7),
  i64x2ExtendHighI32x4S: simd(0xc8),
  v128Not: simd(0x4d),
  v128Andnot: simd(0x4f),
  v128Bitselect: simd(0x52),
  v128Or: simd(0x50),
  v128AnyTrue: simd(0x53),
  f64x2Add: simd(0xf0),
  f64x2Sub: simd(0xf1),
  f64x2Mul: simd(0xf2),
  f64x2Div: simd(0xf3),
  f64x2Min: simd(0xf4),
  f64x2Max: simd(0xf5),
  /** Pseudo-minimum and -maximum: `b < a ? b : a` and `a < b ? b : a`, one instruction each (min and max take several for their NaN rules). */
  f64x2Pmin: simd(0xf6),
  f64x2Pmax: simd(0xf7),
  f64x2Eq: simd(0x47),
  f64x2Lt: simd(0x49),
  f64x2Le: simd(0x4b),
  f64x2Ne: simd(0x48),
  f64x2Abs: simd(0xec),
  f64x2Neg: simd(0xed),
  f64x2Sqrt: simd(0xef),
  f64x2Floor: simd(0x75),
  f64x2Ceil: simd(0x74),
  f64x2Trunc: simd(0x7a),
  i64x2Splat: simd(0x12),
  i64x2Shl: simd(0xcb),
  i64x2ShrU: simd(0xcd),
  i64x2Add: simd(0xce),
  i64x2Sub: simd(0xd1),
  /** Lanes of bytes from two vectors, by index (0–15 the first, 16–31 the second). */
  i8x16Shuffle: (lanes: readonly number[]) => [...simd(0x0d), ...lanes],
  f64x2ConvertLowI32x4S: simd(0xfe),
  i32x4Eq: simd(0x37),
  i32x4ShrS: simd(0xac),
  i32x4Sub: simd(0xb1),
  i32x4TruncSatF64x2SZero: simd(0xfc),
  v128And: simd(0x4e),
};

/**
 * Code that adds the i32 local `local` to the address on the stack, or nothing when `local` is
 * null: how a thread's functions reach its copy of the state (see `threadStateStride`), where
 * one thread's are the network's own arrays.
 *
 * @example
 * ```ts
 * emit(op.get(i), op.i32Const(3), op.i32Shl, ...addLocal(threaded ? 4 : null), op.f64Load(at)); // V[i]
 * ```
 * @param local - the local, or null
 * @returns the instructions
 */
export function addLocal(local: number | null): number[] {
  return local === null ? [] : [...op.get(local), ...op.i32Add];
}
