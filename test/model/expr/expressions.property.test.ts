/**
 * A fuzz test of the model language: random expressions, written out as text, are either
 * refused with a line and column or give, through the kernel's code generator, exactly the
 * values of a plain evaluator written here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExprError, parseExpression } from '../../../src/index.js';
import { exp, expm1, tanh } from '../../../src/kernel/numeric/exp.js';
import { KERNEL_MATH_SOURCE } from '../../../src/kernel/numeric/kernelFunctions.js';
import { log } from '../../../src/kernel/numeric/log.js';
import { cos, sin } from '../../../src/kernel/numeric/trig.js';
import { lower } from '../../../src/kernel/js/neuronSource.js';
import { expLocals } from '../../../src/kernel/wasm/wasmExp.js';
import { op, wasmModule, type ValType } from '../../../src/kernel/wasm/wasmModule.js';
import { wasmExpression } from '../../../src/kernel/wasm/wasmNeuron.js';
import type { Expr } from '../../../src/index.js';

/** Whether the WebAssembly lowering takes a tree (no power other than 2, 3 or 4). */
function inWasm(t: T): boolean {
  if ('n' in t || 'v' in t) return true;
  if ('f' in t) return t.a.every(inWasm);
  if ('neg' in t) return inWasm(t.neg);
  if ('c' in t) return condInWasm(t.c) && inWasm(t.t) && inWasm(t.e);
  return (t.op !== '^' || ('n' in t.r && [2, 3, 4].includes(t.r.n))) && inWasm(t.l) && inWasm(t.r);
}
function condInWasm(b: B): boolean {
  if ('not' in b) return condInWasm(b.not);
  if ('and' in b) return condInWasm(b.l) && condInWasm(b.r);
  return inWasm(b.l) && inWasm(b.r);
}

/**
 * The tree compiled by the WebAssembly lowering into a function of (x₀, y₀, z₀, x₁, y₁, z₁):
 * two neurons, one per lane; `lanes(…)` gives both lanes' values.
 */
function wasmFunction(e: Expr): (a: readonly [number, number, number], b: readonly [number, number, number]) => [number, number] {
  const locals: ValType[] = [];
  const local = (t: ValType): number => 6 + locals.push(t) - 1;
  const vectors = [0, 1, 2].map(() => local('v128'));
  const body: number[] = [];
  vectors.forEach((l, k) => body.push(...op.get(k), ...op.f64x2Splat, ...op.get(3 + k), ...op.f64x2ReplaceLane(1), ...op.set(l)));
  const names = new Map(['x', 'y', 'z'].map((name, k) => [name, op.get(vectors[k]!)] as const));
  const result = local('v128');
  body.push(...wasmExpression(e, { names, constants: new Map([['tau', 7.5]]), local, exps: expLocals(local) }), ...op.set(result));
  const lane = (L: number) => ({ name: `f${L}`, params: ['f64', 'f64', 'f64', 'f64', 'f64', 'f64'] as ValType[], result: 'f64' as const, locals, body: [...body, ...op.get(result), ...op.f64x2ExtractLane(L)] });
  const module = new WebAssembly.Module(wasmModule({ pages: 1, functions: [lane(0), lane(1)] }));
  const { f0, f1 } = new WebAssembly.Instance(module, { env: { memory: new WebAssembly.Memory({ initial: 1 }) } }).exports as Record<string, (...x: number[]) => number>;
  return (a, b) => [f0!(...a, ...b), f1!(...a, ...b)];
}

/** A tree of the test's own: what it means, independently of the library's tree. */
type T = { n: number } | { v: 'x' | 'y' | 'z' | 'tau' } | { f: string; a: T[] } | { op: string; l: T; r: T } | { neg: T } | { c: B; t: T; e: T };
type B = { cmp: string; l: T; r: T } | { and: 'and' | 'or'; l: B; r: B } | { not: B };

const FUNCTIONS: Record<string, (...x: number[]) => number> = {
  exp: (x) => exp(x!),
  expm1: (x) => expm1(x!),
  exprel: (x) => (x === 0 ? 1 : expm1(x!) / x!),
  log: (x) => log(x!),
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: (x) => sin(x!),
  cos: (x) => cos(x!),
  tanh: (x) => tanh(x!),
  tan: (x) => sin(x!) / cos(x!),
  sinh: (x) => {
    const m = expm1(Math.abs(x!));
    const s = 0.5 * (m + m / (m + 1));
    return x! < 0 ? -s : s;
  },
  cosh: (x) => 0.5 * (exp(x!) + 1 / exp(x!)),
  log10: (x) => log(x!) / Math.LN10,
  floor: Math.floor,
  ceil: Math.ceil,
  int: Math.trunc,
  sign: Math.sign,
  min: (a, b) => Math.min(a!, b!),
  max: (a, b) => Math.max(a!, b!),
  clip: (x, lo, hi) => Math.min(Math.max(x!, lo!), hi!),
};
const ARITY: Record<string, number> = { exp: 1, expm1: 1, exprel: 1, log: 1, sqrt: 1, abs: 1, sin: 1, cos: 1, tanh: 1, tan: 1, sinh: 1, cosh: 1, log10: 1, floor: 1, ceil: 1, int: 1, sign: 1, min: 2, max: 2, clip: 3 };

const { tree } = fc.letrec<{ tree: T; cond: B }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.double({ min: 0, max: 1e3, noNaN: true }).map((n) => Math.abs(n)), fc.constantFrom(2, 3, 4)).map((n) => ({ n })),
    fc.constantFrom('x', 'y', 'z', 'tau').map((v) => ({ v }) as T),
    fc.record({ op: fc.constantFrom('+', '-', '*', '/', '^'), l: tie('tree') as fc.Arbitrary<T>, r: tie('tree') as fc.Arbitrary<T> }),
    (tie('tree') as fc.Arbitrary<T>).map((neg) => ({ neg })),
    fc.constantFrom(...Object.keys(ARITY)).chain((f) => fc.array(tie('tree') as fc.Arbitrary<T>, { minLength: ARITY[f]!, maxLength: ARITY[f]! }).map((a) => ({ f, a }))),
    fc.record({ c: tie('cond') as fc.Arbitrary<B>, t: tie('tree') as fc.Arbitrary<T>, e: tie('tree') as fc.Arbitrary<T> }),
  ),
  cond: fc.oneof(
    { depthSize: 'small' },
    fc.record({ cmp: fc.constantFrom('<', '<=', '>', '>=', '==', '!='), l: tie('tree') as fc.Arbitrary<T>, r: tie('tree') as fc.Arbitrary<T> }),
    fc.record({ and: fc.constantFrom('and' as const, 'or' as const), l: tie('cond') as fc.Arbitrary<B>, r: tie('cond') as fc.Arbitrary<B> }),
    (tie('cond') as fc.Arbitrary<B>).map((not) => ({ not })),
  ),
}));

/** The text of a tree, every operation in parentheses; `where` and `?:` both used. */
function text(t: T): string {
  if ('n' in t) return String(t.n);
  if ('v' in t) return t.v;
  if ('f' in t) return `${t.f}(${t.a.map(text).join(', ')})`;
  if ('op' in t) return `(${text(t.l)} ${t.op === '^' ? (t.l && 'n' in t.l ? '**' : '^') : t.op} ${text(t.r)})`;
  if ('neg' in t) return `(-${text(t.neg)})`;
  return 'n' in t.t ? `where(${condText(t.c)}, ${text(t.t)}, ${text(t.e)})` : `(${condText(t.c)} ? ${text(t.t)} : ${text(t.e)})`;
}
function condText(b: B): string {
  if ('cmp' in b) return `(${text(b.l)} ${b.cmp} ${text(b.r)})`;
  if ('and' in b) return `(${condText(b.l)} ${b.and} ${condText(b.r)})`;
  return `(not ${condText(b.not)})`;
}

/** The value of a tree, plainly. */
function value(t: T, env: Record<string, number>): number {
  if ('n' in t) return t.n;
  if ('v' in t) return env[t.v]!;
  if ('f' in t) return FUNCTIONS[t.f]!(...t.a.map((a) => value(a, env)));
  if ('neg' in t) return -value(t.neg, env);
  if ('c' in t) return truth(t.c, env) ? value(t.t, env) : value(t.e, env);
  const [l, r] = [value(t.l, env), value(t.r, env)];
  if (t.op === '^' && 'n' in t.r && [2, 3, 4].includes(t.r.n)) {
    // The language's rule: a power of 2, 3 or 4 written as a number is repeated multiplication.
    let p = l;
    for (let k = 1; k < t.r.n; k++) p = p * l;
    return p;
  }
  return t.op === '+' ? l + r : t.op === '-' ? l - r : t.op === '*' ? l * r : t.op === '/' ? l / r : Math.pow(l, r);
}
function truth(b: B, env: Record<string, number>): boolean {
  if ('not' in b) return !truth(b.not, env);
  if ('and' in b) return b.and === 'and' ? truth(b.l, env) && truth(b.r, env) : truth(b.l, env) || truth(b.r, env);
  const [l, r] = [value(b.l, env), value(b.r, env)];
  return b.cmp === '<' ? l < r : b.cmp === '<=' ? l <= r : b.cmp === '>' ? l > r : b.cmp === '>=' ? l >= r : b.cmp === '==' ? l === r : l !== r;
}

const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('the model language, fuzzed', () => {
  it('gives the plain evaluator\'s values through the generated JavaScript, bit for bit', () => {
    fc.assert(
      fc.property(tree, fc.double({ noNaN: true, min: -50, max: 50 }), fc.double({ noNaN: true, min: -50, max: 50 }), fc.double({ min: -1e3, max: 1e3 }), (t, x, y, z) => {
        const source = text(t);
        const parsed = parseExpression(source);
        // tau is a constant of the model (folded into literals); x, y, z are locals.
        const code = lower(parsed, new Map([['x', 'x'], ['y', 'y'], ['z', 'z']]), new Map([['tau', 7.5]]));
        const f = new Function('x', 'y', 'z', `${KERNEL_MATH_SOURCE}\nreturn ${code};`) as (x: number, y: number, z: number) => number;
        const got = f(x, y, z);
        const expected = value(t, { x, y, z, tau: 7.5 });
        if (!same(got, expected)) throw new Error(`${source} at x = ${x}, y = ${y}, z = ${z}: ${got}, expected ${expected}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the plain evaluator\'s values through the generated WebAssembly, both lanes, bit for bit', () => {
    const coordinate = fc.double({ noNaN: true, min: -50, max: 50 });
    fc.assert(
      fc.property(tree.filter(inWasm), fc.tuple(coordinate, coordinate, fc.double({ min: -1e3, max: 1e3 })), fc.tuple(coordinate, coordinate, fc.double({ min: -1e3, max: 1e3 })), (t, a, b) => {
        const source = text(t);
        const [got0, got1] = wasmFunction(parseExpression(source))(a, b);
        const [expected0, expected1] = [value(t, { x: a[0], y: a[1], z: a[2], tau: 7.5 }), value(t, { x: b[0], y: b[1], z: b[2], tau: 7.5 })];
        if (!same(got0, expected0) || !same(got1, expected1)) throw new Error(`${source} at ${a} and ${b}: ${got0}, ${got1}, expected ${expected0}, ${expected1}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses any other text with a line and a column inside it, and never throws anything else', () => {
    const alphabet = fc.constantFrom(...'xyz01.5e+-*/^()<>=!,?: andortwhe"\'`[]{};\\\n'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join('')), (source) => {
        try {
          parseExpression(source);
        } catch (e) {
          if (!(e instanceof ExprError)) throw e;
          expect(e.line).toBe(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeLessThanOrEqual(source.length + 1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
