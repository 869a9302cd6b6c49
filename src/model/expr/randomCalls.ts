/**
 * The draws of an expression: its calls of `rand()` and `randn()`, each written call once (a
 * sub-expression that calls `rand()` is one draw wherever it is used), in the order both
 * lowerings draw them (depth first, left to right, both branches of a condition). A neuron
 * draws every one of its threshold's each step, before it knows whether it is refractory, and
 * its reset's when it spikes, so that the draws, and the numbers after them, do not depend on
 * which branch a condition takes or on the back end.
 *
 * @example
 * ```ts
 * import { randomCalls } from './randomCalls.js';
 * randomCalls(parseExpression('rand() < 0.1 or randn() > 2')).map((e) => e.kind === 'call' && e.fn); // ['rand', 'randn']
 * ```
 * @module
 */
import { nodesOf, type Expr } from './expr.js';
import { treeKey } from './repeatedSubtrees.js';

/**
 * @param e - a tree
 * @returns whether it is a call of `rand()` or `randn()`
 */
export function isRandomCall(e: Expr): e is Extract<Expr, { kind: 'call' }> & { fn: 'rand' | 'randn' } {
  return e.kind === 'call' && (e.fn === 'rand' || e.fn === 'randn');
}

/**
 * The draws of some trees, each once, in drawing order.
 *
 * @param trees - the trees, in the order they are drawn for
 * @returns the calls
 */
export function randomCalls(...trees: readonly Expr[]): (Extract<Expr, { kind: 'call' }> & { fn: 'rand' | 'randn' })[] {
  const out: (Extract<Expr, { kind: 'call' }> & { fn: 'rand' | 'randn' })[] = [];
  const seen = new Set<string>();
  for (const tree of trees) {
    for (const e of nodesOf(tree)) {
      if (!isRandomCall(e)) continue;
      const key = treeKey(e);
      if (!seen.has(key)) out.push(e);
      seen.add(key);
    }
  }
  return out;
}
