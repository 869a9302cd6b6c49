/**
 * Constant folding: the value of a subtree that holds only numbers and names with one value
 * (parameters given as one number, `dt`, `N`, `pi`), computed with the operations the generated
 * code uses, so that a folded literal equals what the step would have computed.
 *
 * @example
 * ```ts
 * import { parseExpression } from './parseExpression.js';
 * fold(parseExpression('dt / tau'), new Map([['dt', 0.1], ['tau', 10]])); // 0.01
 * ```
 * @module
 */
import type { Expr, FunctionName } from './expr.js';
import type { LinearParts } from './linearIn.js';

/**
 * The transcendental functions folding computes with: the kernel passes its own (kernel/numeric:
 * `exp`, `expm1`, `tanh`, `log`, `sin`, `cos`), which its generated code calls; the default is
 * JavaScript's `Math`.
 */
export interface FoldFunctions {
  readonly exp: (x: number) => number;
  readonly expm1: (x: number) => number;
  readonly log: (x: number) => number;
  readonly sin: (x: number) => number;
  readonly cos: (x: number) => number;
  readonly tanh: (x: number) => number;
}

const MATH_FUNCTIONS: FoldFunctions = { exp: Math.exp, expm1: Math.expm1, log: Math.log, sin: Math.sin, cos: Math.cos, tanh: Math.tanh };

/**
 * The value of `e` when it holds only numbers and constants, with the same operations as the
 * generated code (so a folded subtree equals the value the step would compute), else null.
 *
 * @param e - the tree
 * @param constants - the names with one value
 * @param exp - the transcendental functions to use (the kernel passes its own, which its code calls)
 * @returns its number, or null
 */
export function fold(e: Expr, constants: ReadonlyMap<string, number>, exp: FoldFunctions = MATH_FUNCTIONS): number | null {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'id':
      return constants.get(e.name) ?? null;
    case 'neg': {
      const x = fold(e.arg, constants, exp);
      return x === null ? null : -x;
    }
    case 'binary': {
      if (e.op !== '+' && e.op !== '-' && e.op !== '*' && e.op !== '/' && e.op !== '^') return null;
      const [l, r] = [fold(e.left, constants, exp), fold(e.right, constants, exp)];
      if (l === null || r === null) return null;
      if (e.op === '^') {
        const n = smallPower(e);
        if (n === null) return Math.pow(l, r);
        let x = l;
        for (let k = 1; k < n; k++) x = x * l;
        return x;
      }
      return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
    }
    case 'call': {
      // A draw is never a constant.
      if (e.fn === 'rand' || e.fn === 'randn') return null;
      const args = e.args.map((a) => fold(a, constants, exp));
      if (args.some((a) => a === null)) return null;
      const x = args[0]!;
      if (e.fn === 'exp') return exp.exp(x);
      if (e.fn === 'expm1') return exp.expm1(x);
      // (eˣ − 1)/x, 1 at 0 (Brian2's exprel), as the generated code computes it.
      if (e.fn === 'exprel') return x === 0 ? 1 : exp.expm1(x) / x;
      if (e.fn === 'log' || e.fn === 'sin' || e.fn === 'cos' || e.fn === 'tanh') return exp[e.fn](x);
      // Composed as the generated code composes them (see kernelFunctions).
      if (e.fn === 'log10') return exp.log(x) / Math.LN10;
      if (e.fn === 'tan') return exp.sin(x) / exp.cos(x);
      if (e.fn === 'sinh') {
        const m = exp.expm1(Math.abs(x));
        const s = 0.5 * (m + m / (m + 1));
        return x < 0 ? -s : s;
      }
      if (e.fn === 'cosh') {
        const p = exp.exp(x);
        return 0.5 * (p + 1 / p);
      }
      return FUNCTION_VALUES[e.fn](...(args as number[]));
    }
    case 'cond': {
      // Only the branch taken is computed, as the generated JavaScript computes it.
      const test = foldCondition(e.test, constants, exp);
      return test === null ? null : fold(test ? e.then : e.otherwise, constants, exp);
    }
    default:
      return null;
  }
}

/** The value of a condition that holds only numbers and constants, else null. */
function foldCondition(e: Expr, constants: ReadonlyMap<string, number>, exp: FoldFunctions): boolean | null {
  if (e.kind === 'not') {
    const x = foldCondition(e.arg, constants, exp);
    return x === null ? null : !x;
  }
  if (e.kind !== 'binary') return null;
  if (e.op === 'and' || e.op === 'or') {
    const [l, r] = [foldCondition(e.left, constants, exp), foldCondition(e.right, constants, exp)];
    if (l === null || r === null) return null;
    return e.op === 'and' ? l && r : l || r;
  }
  const [l, r] = [fold(e.left, constants, exp), fold(e.right, constants, exp)];
  if (l === null || r === null) return null;
  switch (e.op) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    default:
      return null;
  }
}

/**
 * The rate of a derivative linear in its variable, `(a + b·x)/d₁/d₂…`, when `b` and every `dₖ`
 * are constants: `b·scale/d₁/d₂…`, in that order (as both lowerings and the stability check
 * compute it), with `b` itself; null where any is not constant or there is no `b`.
 *
 * @param parts - the derivative's parts (see `linearIn`)
 * @param constants - the names with one value
 * @param scale - what `b` is multiplied by first (`dt` for a step's factor, 1 for the rate)
 * @param exp - the transcendental functions to fold with (see {@link fold})
 * @returns `{ b, rate }`, or null
 */
export function constantRate(parts: LinearParts, constants: ReadonlyMap<string, number>, scale: number, exp: FoldFunctions = MATH_FUNCTIONS): { b: number; rate: number } | null {
  if (parts.b === null) return null;
  const b = fold(parts.b, constants, exp);
  if (b === null) return null;
  let rate = b * scale;
  for (const d of parts.divisors) {
    const c = fold(d, constants, exp);
    if (c === null) return null;
    rate = rate / c;
  }
  return { b, rate };
}

/** The functions as the generated code computes them (but the transcendental ones, which the caller gives). */
const FUNCTION_VALUES: Readonly<Record<Exclude<FunctionName, 'where' | 'exp' | 'expm1' | 'exprel' | 'log' | 'sin' | 'cos' | 'tanh' | 'rand' | 'randn' | 'log10' | 'tan' | 'sinh' | 'cosh'>, (...x: number[]) => number>> = {
  sqrt: (x) => Math.sqrt(x!),
  abs: (x) => Math.abs(x!),
  floor: (x) => Math.floor(x!),
  ceil: (x) => Math.ceil(x!),
  int: (x) => Math.trunc(x!),
  sign: (x) => Math.sign(x!),
  min: (x, y) => Math.min(x!, y!),
  max: (x, y) => Math.max(x!, y!),
  clip: (x, lo, hi) => Math.min(Math.max(x!, lo!), hi!),
};

/**
 * The exponent of `x ^ n` when it is written as the number 2, 3 or 4: such a power is computed as
 * `x·x`, `x·x·x` (left to right) or `x·x·x·x`, by JavaScript and WebAssembly alike (WebAssembly
 * has no power function); any other power is `Math.pow`, and keeps its group in JavaScript.
 *
 * @param e - a node
 * @returns 2, 3 or 4, or null
 */
export function smallPower(e: Expr): 2 | 3 | 4 | null {
  if (e.kind !== 'binary' || e.op !== '^' || e.right.kind !== 'num') return null;
  const n = e.right.value;
  return n === 2 || n === 3 || n === 4 ? n : null;
}
