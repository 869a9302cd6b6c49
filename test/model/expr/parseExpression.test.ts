import { describe, expect, it } from 'vitest';
import { ExprError, parseExpression, type Expr } from '../../../src/index.js';

/** The tree as a fully parenthesized string, positions left out: precedence made visible. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'id':
      return e.name;
    case 'neg':
      return `(-${show(e.arg)})`;
    case 'not':
      return `(not ${show(e.arg)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call':
      return `${e.fn}(${e.args.map(show).join(', ')})`;
    case 'cond':
      return `(${show(e.test)} ? ${show(e.then)} : ${show(e.otherwise)})`;
  }
}

function error(text: string): { message: string; column: number } {
  try {
    parseExpression(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return { message: (e as ExprError).message, column: (e as ExprError).column };
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseExpression', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['-x^2', '(-(x ^ 2))'],
    ['x ** 2 ** 3', '(x ^ (2 ^ 3))'],
    ['2^-1', '(2 ^ (-1))'],
    ['-a * b', '((-a) * b)'],
    ['a < b and not c >= d or e == f', '(((a < b) and (not (c >= d))) or (e == f))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['where(v > 1, 2, 3)', '((v > 1) ? 2 : 3)'],
    ['clip(w + apost, 0, wmax)', 'clip((w + apost), 0, wmax)'],
    ['1.5e-3 + .5 + 2.', '((0.0015 + 0.5) + 2)'],
    ['+x', 'x'],
  ])('parses %s as %s', (text, tree) => {
    expect(show(parseExpression(text))).toBe(tree);
  });

  it('keeps the column of each node', () => {
    const e = parseExpression('(I - v) / tau');
    expect(e).toMatchObject({ kind: 'binary', op: '/', at: 9, right: { kind: 'id', name: 'tau', at: 11 } });
  });

  it.each([
    ['x +* 2', 4, 'expected a number, a name or "(", got "*"'],
    ['"rm -rf"', 1, 'string literals are not part of the model language'],
    ["v + 'a'", 5, 'string literals are not part of the model language'],
    ['process.exit(1)', 8, 'unexpected character "."'],
    ['a[0]', 2, 'unexpected character "["'],
    ['f(1)', 1, 'unknown function "f"'],
    ['exp(1, 2)', 1, 'exp takes 1 argument, got 2'],
    ['a < b < c', 7, 'comparisons do not chain'],
    ['(a + b', 7, 'expected ")", got the end'],
    ['a b', 3, 'unexpected "b" after the expression'],
    ['1.2.3', 1, 'malformed number "1.2."'],
    ['2x', 1, 'malformed number "2x"'],
    ['', 1, 'expected an expression, got nothing'],
    ['a = 1', 3, 'unexpected character "="'],
    ['1e999', 1, 'the number 1e999 is not finite'],
  ])('refuses %j at column %i', (text, column, message) => {
    const e = error(text);
    expect(e.column).toBe(column);
    expect(e.message).toContain(message);
  });
});
