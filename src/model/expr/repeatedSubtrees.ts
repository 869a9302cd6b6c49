/**
 * Common subexpressions of a model's trees: the subtrees that occur more than once (a
 * sub-expression such as a Hodgkin–Huxley rate, substituted into every equation that uses it),
 * which both lowerings compute once per neuron and step into a local instead of at every
 * occurrence. A subtree is pure — the same values give the same IEEE result — so computing it
 * once changes no value, bit for bit.
 *
 * @example
 * ```ts
 * import { parseExpression } from './parseExpression.js';
 * const am = '1.28 / exprel((13 - v) / 4)';
 * repeatedSubtrees([parseExpression(`${am} * (1 - m)`), parseExpression(`-(${am}) - m`)], () => false).map(treeKey);
 * // the key of `1.28 / exprel((13 - v) / 4)` and of its inner subtrees, innermost first
 * ```
 * @module
 */
import { childrenOf, type Expr } from './expr.js';

const keys = new WeakMap<Expr, string>();

/**
 * A tree's structure as a string, without source positions: equal for equal trees.
 *
 * @param e - a tree
 * @returns its key
 */
export function treeKey(e: Expr): string {
  let k = keys.get(e);
  if (k !== undefined) return k;
  switch (e.kind) {
    case 'num':
      k = `#${Object.is(e.value, -0) ? '-0' : String(e.value)}`;
      break;
    case 'id':
      k = `$${e.name}`;
      break;
    case 'neg':
    case 'not':
      k = `(${e.kind} ${treeKey(e.arg)})`;
      break;
    case 'binary':
      k = `(${e.op} ${treeKey(e.left)} ${treeKey(e.right)})`;
      break;
    case 'call':
      // Each rand() or randn() written in the source is its own draw: two are never one tree.
      k = e.fn === 'rand' || e.fn === 'randn' ? `(${e.fn}@${e.line}:${e.at})` : `(${e.fn} ${e.args.map(treeKey).join(' ')})`;
      break;
    case 'cond':
      k = `(? ${treeKey(e.test)} ${treeKey(e.then)} ${treeKey(e.otherwise)})`;
      break;
  }
  keys.set(e, k);
  return k;
}

/**
 * The subtrees worth computing once: not a number or a name, not constant (those are folded),
 * and occurring at least twice over `trees`; each once, inner ones before the trees holding them
 * (the order to compute them in).
 *
 * @param trees - the trees evaluated at the same point (one stage of a step)
 * @param isConstant - whether a subtree folds to a number
 * @returns the repeated subtrees
 */
export function repeatedSubtrees(trees: readonly Expr[], isConstant: (e: Expr) => boolean): Expr[] {
  const counts = new Map<string, number>();
  const count = (e: Expr): void => {
    if (e.kind === 'num' || e.kind === 'id' || isConstant(e)) return;
    const k = treeKey(e);
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    // A subtree's insides are counted with its first occurrence only: a repeated subtree is
    // computed once, so what is inside it is not repeated by it.
    if (n > 1) return;
    childrenOf(e).forEach(count);
  };
  trees.forEach(count);
  const out: Expr[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === 'num' || e.kind === 'id' || isConstant(e)) return;
    const k = treeKey(e);
    if (seen.has(k)) return;
    seen.add(k);
    childrenOf(e).forEach(visit);
    if ((counts.get(k) ?? 0) > 1) out.push(e);
  };
  trees.forEach(visit);
  return out;
}
