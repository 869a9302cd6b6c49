/**
 * Splits an expression that is linear in one name into its parts: `e = (a + b·x) / d₁ / d₂ …`,
 * where none of `a`, `b`, `dₖ` contains `x`. The exponential Euler method needs `a` and `b` of a
 * derivative in its own variable, the noise term needs the coefficient of `xi`, and the
 * stability check the rate `b / d`.
 *
 * The divisors are kept apart, not folded into `a` and `b`, so that the common form
 * `dv/dt = (I - v) / tau` gives `a = I`, `b = -1`, `d = [tau]`: its relaxation target is then
 * `I` itself and its factor `exp(-dt / tau)`, the very numbers of the built-in LIF's exponential
 * integrator.
 *
 * @example
 * ```ts
 * import { parseExpression } from './parseExpression.js';
 * linearIn(parseExpression('(I - v) / tau'), 'v'); // { a: I, b: -1, divisors: [tau] }
 * linearIn(parseExpression('v * v'), 'v'); // null
 * ```
 * @module
 */
import type { Expr } from './expr.js';

/** `e = (a + b·x) / d₁ / d₂ …`; a null `a` or `b` is zero. */
export interface LinearParts {
  readonly a: Expr | null;
  readonly b: Expr | null;
  readonly divisors: readonly Expr[];
}

/** Whether `e` mentions the name `x`. */
export function mentions(e: Expr, x: string): boolean {
  switch (e.kind) {
    case 'num':
      return false;
    case 'id':
      return e.name === x;
    case 'neg':
    case 'not':
      return mentions(e.arg, x);
    case 'binary':
      return mentions(e.left, x) || mentions(e.right, x);
    case 'call':
      return e.args.some((arg) => mentions(arg, x));
    case 'cond':
      return mentions(e.test, x) || mentions(e.then, x) || mentions(e.otherwise, x);
  }
}

const num = (value: number, at: Expr): Expr => ({ kind: 'num', value, line: at.line, at: at.at });
const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, line: left.line, at: left.at });
const neg = (e: Expr | null): Expr | null => (e === null ? null : e.kind === 'num' ? num(-e.value, e) : { kind: 'neg', arg: e, line: e.line, at: e.at });
const add = (p: Expr | null, q: Expr | null, op: '+' | '-'): Expr | null => (q === null ? p : p === null ? (op === '+' ? q : neg(q)) : bin(op, p, q));
// c·1 is c and c·(−1) is −c, exactly: written so, the step computes no product by ±1.
const scale = (c: Expr, e: Expr | null, op: '*' | '/', cFirst: boolean): Expr | null =>
  e === null ? null : op === '*' && e.kind === 'num' && Math.abs(e.value) === 1 ? (e.value === 1 ? c : neg(c)) : cFirst ? bin(op, c, e) : bin(op, e, c);
const divided = (e: Expr | null, divisors: readonly Expr[]): Expr | null => divisors.reduce<Expr | null>((acc, d) => scale(d, acc, '/', false), e);

/**
 * @param e - the expression
 * @param x - the name it should be linear in
 * @returns its parts, or null when `e` is not linear in `x` (or `x` sits inside a function, a
 *   power, a condition or a divisor)
 */
export function linearIn(e: Expr, x: string): LinearParts | null {
  if (!mentions(e, x)) return { a: e, b: null, divisors: [] };
  switch (e.kind) {
    case 'id':
      return { a: null, b: num(1, e), divisors: [] };
    case 'neg': {
      const inner = linearIn(e.arg, x);
      return inner === null ? null : { a: neg(inner.a), b: neg(inner.b), divisors: inner.divisors };
    }
    case 'binary': {
      if (e.op === '+' || e.op === '-') {
        const [l, r] = [linearIn(e.left, x), linearIn(e.right, x)];
        if (l === null || r === null) return null;
        if (sameDivisors(l.divisors, r.divisors)) return { a: add(l.a, r.a, e.op), b: add(l.b, r.b, e.op), divisors: l.divisors };
        return { a: add(divided(l.a, l.divisors), divided(r.a, r.divisors), e.op), b: add(divided(l.b, l.divisors), divided(r.b, r.divisors), e.op), divisors: [] };
      }
      if (e.op === '*') {
        const left = !mentions(e.left, x);
        if (left === !mentions(e.right, x)) return null;
        const [c, rest] = left ? [e.left, e.right] : [e.right, e.left];
        const inner = linearIn(rest, x);
        return inner === null ? null : { a: scale(c, inner.a, '*', left), b: scale(c, inner.b, '*', left), divisors: inner.divisors };
      }
      if (e.op === '/') {
        if (mentions(e.right, x)) return null;
        const inner = linearIn(e.left, x);
        return inner === null ? null : { ...inner, divisors: [...inner.divisors, e.right] };
      }
      return null;
    }
    default:
      return null;
  }
}

/** Whether two lists of divisors are the same trees (same names and numbers, same shape). */
function sameDivisors(p: readonly Expr[], q: readonly Expr[]): boolean {
  return p.length === q.length && p.every((d, k) => sameTree(d, q[k]!));
}

/** Whether two trees are the same, positions aside. */
export function sameTree(p: Expr, q: Expr): boolean {
  if (p.kind !== q.kind) return false;
  switch (p.kind) {
    case 'num':
      return Object.is(p.value, (q as typeof p).value);
    case 'id':
      return p.name === (q as typeof p).name;
    case 'neg':
    case 'not':
      return sameTree(p.arg, (q as typeof p).arg);
    case 'binary': {
      const r = q as typeof p;
      return p.op === r.op && sameTree(p.left, r.left) && sameTree(p.right, r.right);
    }
    case 'call': {
      const r = q as typeof p;
      return p.fn === r.fn && p.args.every((arg, k) => sameTree(arg, r.args[k]!));
    }
    case 'cond': {
      const r = q as typeof p;
      return sameTree(p.test, r.test) && sameTree(p.then, r.then) && sameTree(p.otherwise, r.otherwise);
    }
  }
}

/**
 * Replaces every name of `values` in `e` by its tree (the subexpressions of a model, or 0 for
 * `xi`).
 *
 * @param e - the expression
 * @param values - trees by name
 * @returns the new tree (`e` itself where nothing changed)
 */
export function substitute(e: Expr, values: ReadonlyMap<string, Expr>): Expr {
  switch (e.kind) {
    case 'num':
      return e;
    case 'id':
      return values.get(e.name) ?? e;
    case 'neg':
    case 'not':
      return { ...e, arg: substitute(e.arg, values) };
    case 'binary':
      return { ...e, left: substitute(e.left, values), right: substitute(e.right, values) };
    case 'call':
      return { ...e, args: e.args.map((arg) => substitute(arg, values)) };
    case 'cond':
      return { ...e, test: substitute(e.test, values), then: substitute(e.then, values), otherwise: substitute(e.otherwise, values) };
  }
}
