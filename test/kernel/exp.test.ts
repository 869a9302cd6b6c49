import { describe, expect, it } from 'vitest';
import { exp, expm1 } from '../../src/kernel/numeric/exp.js';
import { expLocals, wasmExp } from '../../src/kernel/wasm/wasmExp.js';
import { op, wasmModule, type ValType, type WasmFunction } from '../../src/kernel/wasm/wasmModule.js';

/** Distance in units in the last place between two finite doubles of the same sign, or 0 when equal. */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0]! - bits[1]!;
  return Number(d < 0n ? -d : d);
}

/** A plain, seeded stream of arguments: uniform on [−span, span]. */
function argumentsOn(span: number, count: number, seed: number): Float64Array {
  const out = new Float64Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 4294967296 - 0.5) * 2 * span;
  }
  return out;
}

/** The module's exponential over memory: `f(n)` replaces the n doubles at byte 0 by their exp (or expm1). */
function wasmOver(kind: 'exp' | 'expm1', xs: Float64Array): Float64Array {
  const locals: ValType[] = ['i32'];
  const local = (t: ValType): number => 1 + locals.push(t) - 1;
  const l = expLocals(local);
  const i = 1;
  const body = [
    ...op.block, ...op.loop, ...op.get(i), ...op.get(0), ...op.i32GeU, ...op.brIf(1),
    ...op.get(i), ...op.i32Const(3), ...op.i32Shl,
    ...op.get(i), ...op.i32Const(3), ...op.i32Shl, ...op.v128Load(), ...wasmExp(kind, l),
    ...op.v128Store(),
    ...op.get(i), ...op.i32Const(2), ...op.i32Add, ...op.set(i), ...op.br(0), ...op.end, ...op.end,
  ];
  const f: WasmFunction = { name: 'f', params: ['i32'], result: null, locals, body };
  const pages = Math.ceil((8 * xs.length + 16) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmModule({ pages, functions: [f] })), { env: { memory } });
  new Float64Array(memory.buffer, 0, xs.length).set(xs);
  (instance.exports.f as (n: number) => void)(xs.length);
  return new Float64Array(memory.buffer, 0, xs.length).slice();
}

const special = [0, -0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 1e-10, -1e-10, Math.LN2 / 2, -Math.LN2 / 2, 40, 56 * Math.LN2, 57 * Math.LN2, 100, 700, 709, 709.78, 710, 1000, 1e6, -700, -708, -740, -745, -746, -1000, -1e6, Infinity, -Infinity, NaN];

describe('exp and expm1 of the Hodgkin–Huxley kernels', () => {
  const xs = argumentsOn(50, 200_000, 7);
  const small = argumentsOn(1e-3, 20_000, 11);

  it('exp is within 1 ulp of Math.exp, and expm1 within 2 of Math.expm1, over [−50, 50]', () => {
    let worst = 0;
    let worstM1 = 0;
    for (const x of [...xs, ...small]) {
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
      worstM1 = Math.max(worstM1, ulps(expm1(x), Math.expm1(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(worstM1).toBeLessThanOrEqual(2);
  });

  it('keeps the limits: ∞ and 0 past the range, NaN for NaN, eˣ − 1 exact near 0', () => {
    expect(exp(0)).toBe(1);
    expect(expm1(0)).toBe(0);
    expect(expm1(1e-300)).toBe(1e-300);
    expect(exp(709)).toBeCloseTo(Math.exp(709), -295);
    expect(exp(710)).toBe(Infinity);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-Infinity)).toBe(0);
    expect(expm1(-Infinity)).toBe(-1);
    expect(expm1(1000)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(expm1(NaN)).toBeNaN();
    for (const x of special.filter((x) => Math.abs(x) <= 700)) expect(ulps(exp(x), Math.exp(x))).toBeLessThanOrEqual(1);
  });

  it('gives, in WebAssembly, the JavaScript results bit for bit', () => {
    for (const kind of ['exp', 'expm1'] as const) {
      const f = kind === 'exp' ? exp : expm1;
      const args = Float64Array.from([...special, ...xs.subarray(0, 50_000), ...small]);
      const got = wasmOver(kind, args);
      const mismatches = Array.from(args).filter((x, j) => !Object.is(got[j], f(x)) && !(Number.isNaN(got[j]) && Number.isNaN(f(x))));
      expect(mismatches).toEqual([]);
    }
  });
});
