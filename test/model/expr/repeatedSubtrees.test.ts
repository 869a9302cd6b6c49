import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/model/expr/parseExpression.js';
import { repeatedSubtrees, treeKey } from '../../../src/model/expr/repeatedSubtrees.js';
import { fold } from '../../../src/model/expr/fold.js';

const keysOf = (sources: string[], constants = new Map<string, number>()): string[] =>
  repeatedSubtrees(
    sources.map((s) => parseExpression(s)),
    (e) => fold(e, constants) !== null,
  ).map(treeKey);

describe('repeatedSubtrees', () => {
  it('keys trees by structure, not by where they were written', () => {
    expect(treeKey(parseExpression('a * (b + 1)'))).toBe(treeKey(parseExpression('  a*(b+1)')));
    expect(treeKey(parseExpression('a * (b + 1)'))).not.toBe(treeKey(parseExpression('(a * b) + 1')));
    expect(treeKey(parseExpression('-0'))).not.toBe(treeKey(parseExpression('0')));
  });

  it('finds what occurs twice, inner ones first, and nothing inside a repeated tree alone', () => {
    // exp(v / 4) occurs twice on its own, and inside (1 + exp(v / 4)) twice more: the larger
    // tree is computed once, and exp(v / 4) once more outside it.
    expect(keysOf(['1 / (1 + exp(v / 4)) + m', '2 * (1 + exp(v / 4))', 'exp(v / 4) * m'])).toEqual([
      treeKey(parseExpression('exp(v / 4)')),
      treeKey(parseExpression('1 + exp(v / 4)')),
    ]);
    // v / 4 occurs only inside exp(v / 4): not worth a local of its own.
    expect(keysOf(['exp(v / 4) - m', 'exp(v / 4) * h'])).toEqual([treeKey(parseExpression('exp(v / 4)'))]);
  });

  it('leaves names, numbers and constant subtrees to folding', () => {
    expect(keysOf(['v + tau * 2', 'm + tau * 2', 'v + h', 'v * v'], new Map([['tau', 10]]))).toEqual([]);
  });
});
