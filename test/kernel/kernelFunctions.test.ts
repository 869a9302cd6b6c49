import { describe, expect, it } from 'vitest';
/**
 * The kernels' own transcendental functions (kernel/numeric: exp, expm1, tanh, log, sin, cos,
 * and tan, sinh, cosh, log10 composed of them): each against JavaScript's `Math` over its range,
 * and the WebAssembly lowering of each against the JavaScript one, bit for bit, special values
 * included (the composed ones through the expression fuzzer).
 */
import { exp, expm1, tanh } from '../../src/kernel/numeric/exp.js';
import { KERNEL_MATH_SOURCE } from '../../src/kernel/numeric/kernelFunctions.js';
import { log } from '../../src/kernel/numeric/log.js';
import { cos, sin } from '../../src/kernel/numeric/trig.js';
import { expLocals, wasmExp, wasmTanh, type ExpLocals } from '../../src/kernel/wasm/wasmExp.js';
import { wasmLog } from '../../src/kernel/wasm/wasmLog.js';
import { wasmSinCos } from '../../src/kernel/wasm/wasmSinCos.js';
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

/** A function's code in WebAssembly, by name. */
const LOWERED: Record<'exp' | 'expm1' | 'tanh' | 'log' | 'sin' | 'cos', (l: ExpLocals) => number[]> = {
  exp: (l) => wasmExp('exp', l),
  expm1: (l) => wasmExp('expm1', l),
  tanh: wasmTanh,
  log: wasmLog,
  sin: (l) => wasmSinCos('sin', l),
  cos: (l) => wasmSinCos('cos', l),
};

/** A module applying a function over memory: `f(n)` replaces the n doubles at byte 0 by their values. */
function wasmOver(kind: keyof typeof LOWERED, xs: Float64Array): Float64Array {
  const locals: ValType[] = ['i32'];
  const local = (t: ValType): number => 1 + locals.push(t) - 1;
  const l = expLocals(local);
  const i = 1;
  const body = [
    ...op.block, ...op.loop, ...op.get(i), ...op.get(0), ...op.i32GeU, ...op.brIf(1),
    ...op.get(i), ...op.i32Const(3), ...op.i32Shl,
    ...op.get(i), ...op.i32Const(3), ...op.i32Shl, ...op.v128Load(), ...LOWERED[kind](l),
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

/** Whether two results are the same double (any NaN the same as another). */
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** The arguments at which WebAssembly gives other bits than JavaScript. */
function mismatches(kind: keyof typeof LOWERED, f: (x: number) => number, args: Float64Array): number[] {
  const got = wasmOver(kind, args);
  return Array.from(args).filter((x, j) => !same(got[j]!, f(x)));
}

describe('tanh, log, sin and cos of the kernels', () => {
  const wide = Float64Array.from(argumentsOn(1, 200_000, 5), (u) => Math.exp(u * 740));
  const near1 = Float64Array.from(argumentsOn(1e-3, 20_000, 9), (u) => 1 + u);
  const subnormal = Float64Array.from(argumentsOn(1, 2_000, 13), (u) => Math.abs(u) * 2.2250738585072014e-308);
  const angles = argumentsOn(10, 100_000, 17);
  const far = argumentsOn(1e5, 100_000, 19);
  const tiny = argumentsOn(1e-6, 10_000, 23);
  const worst = (f: (x: number) => number, g: (x: number) => number, xs: Iterable<number>): number => {
    let w = 0;
    for (const x of xs) w = Math.max(w, ulps(f(x), g(x)));
    return w;
  };
  const limits = [0, -0, 1, -1, 1e-300, -1e-300, 5e-324, 2.2250738585072014e-308, Math.SQRT2, Math.SQRT1_2, Math.PI, -Math.PI / 2, 22, -22, 22.5, -22.5, 700, 1e10, 1e16, 1e300, -1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN];

  it('log is within 1 ulp of Math.log, subnormals included, with its limits', () => {
    expect(worst(log, Math.log, [...wide, ...near1, ...subnormal])).toBeLessThanOrEqual(1);
    expect([log(0), log(-0), log(-1), log(NaN), log(Infinity), log(1)]).toEqual([-Infinity, -Infinity, NaN, NaN, Infinity, 0]);
  });

  it('sin and cos are within 2 ulp of Math.sin and Math.cos for |x| ≤ 10⁵, 1 for |x| ≤ 10', () => {
    expect(worst(sin, Math.sin, [...angles, ...tiny])).toBeLessThanOrEqual(1);
    expect(worst(cos, Math.cos, [...angles, ...tiny])).toBeLessThanOrEqual(1);
    expect(worst(sin, Math.sin, far)).toBeLessThanOrEqual(2);
    expect(worst(cos, Math.cos, far)).toBeLessThanOrEqual(2);
    // The sign of a zero argument is not kept (sin −0 is 0).
    expect([sin(0), sin(-0), cos(0), sin(Infinity), cos(-Infinity), sin(NaN)]).toEqual([0, 0, 1, NaN, NaN, NaN]);
  });

  it('tanh is within 3 ulp of Math.tanh, and ±1 far out', () => {
    expect(worst(tanh, Math.tanh, [...angles, ...tiny, ...argumentsOn(30, 20_000, 29)])).toBeLessThanOrEqual(3);
    expect([tanh(0), tanh(-0), tanh(23), tanh(-1e300), tanh(Infinity), tanh(NaN)]).toEqual([0, 0, 1, -1, 1, NaN]);
  });

  it('compose tan, sinh, cosh and log10 within 3 ulp of Math\'s (tan away from its poles)', () => {
    const [tan, sinh, cosh, log10] = new Function(`${KERNEL_MATH_SOURCE}\nreturn [tan_, sinh_, cosh_, log10_];`)() as ((x: number) => number)[];
    expect(worst(tan!, Math.tan, argumentsOn(1.2, 50_000, 37))).toBeLessThanOrEqual(3);
    expect(worst(sinh!, Math.sinh, [...argumentsOn(20, 50_000, 41), ...tiny])).toBeLessThanOrEqual(3);
    expect(worst(cosh!, Math.cosh, argumentsOn(20, 50_000, 43))).toBeLessThanOrEqual(3);
    expect(worst(log10!, Math.log10, wide.subarray(0, 50_000))).toBeLessThanOrEqual(3);
  });

  it('give, in WebAssembly, the JavaScript results bit for bit, far outside their accurate ranges too', () => {
    const huge = argumentsOn(1e17, 2_000, 31);
    expect(mismatches('log', log, Float64Array.from([...limits, ...wide.subarray(0, 50_000), ...near1, ...subnormal, ...angles.subarray(0, 10_000)]))).toEqual([]);
    for (const [kind, f] of [['sin', sin], ['cos', cos], ['tanh', tanh]] as const) {
      expect(mismatches(kind, f, Float64Array.from([...limits, ...angles.subarray(0, 50_000), ...far.subarray(0, 20_000), ...tiny, ...huge]))).toEqual([]);
    }
  });
});
