/**
 * Parses one expression of the model language into an {@link Expr} tree.
 *
 * A hand-written Pratt parser, not an npm one: the language is small (numbers, names, the
 * operators below, calls of a fixed list of functions), and a parser of our own gives every
 * mistake its column and never accepts anything outside the language: there are no strings,
 * no member access, no indexing, no assignment inside expressions. Precedence, lowest first:
 *
 * ```text
 * c ? a : b                  (right-associative)
 * or
 * and
 * not
 * <  <=  >  >=  ==  !=       (no chains: a < b < c is refused)
 * +  -
 * *  /
 * -x                         (so -x^2 is -(x^2), as in Brian2 and Python)
 * ^  **                      (right-associative)
 * numbers, names, f(…), (…)
 * ```
 *
 * @example
 * ```ts
 * import { parseExpression } from './parseExpression.js';
 * parseExpression('v >= 10 and not u < 0');
 * parseExpression('x +* 2'); // throws ExprError: column 4: expected a number, a name or "(", got "*"
 * ```
 * @module
 */
import { ExprError, FUNCTIONS, type Expr, type FunctionName } from './expr.js';

/** A token: its text and its column (from 1, in the line). */
interface Token {
  readonly kind: 'num' | 'id' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = ['**', '<=', '>=', '==', '!=', '+', '-', '*', '/', '^', '(', ')', ',', '?', ':', '<', '>'];

/**
 * Splits a line into tokens.
 *
 * @param text - the source
 * @param line - its line number, for errors
 * @param offset - the column of its first character, less 1
 * @returns the tokens, ending with an `end` token
 */
export function tokenize(text: string, line = 1, offset = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const at = offset + i + 1;
    const rest = text.slice(i);
    const number = NUMBER.exec(rest);
    if (number !== null) {
      // 1.5.2 or 2abc: a number must not run into a name or a second point.
      const after = rest[number[0].length];
      if (after !== undefined && /[A-Za-z_.]/.test(after)) throw new ExprError(`malformed number "${number[0]}${after}"`, line, at);
      tokens.push({ kind: 'num', text: number[0], at });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name !== null) {
      tokens.push({ kind: 'id', text: name[0], at });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') throw new ExprError('string literals are not part of the model language', line, at);
    const operator = OPERATORS.find((o) => rest.startsWith(o));
    if (operator === undefined) throw new ExprError(`unexpected character ${JSON.stringify(c)}`, line, at);
    tokens.push({ kind: 'op', text: operator, at });
    i += operator.length;
  }
  tokens.push({ kind: 'end', text: '', at: offset + text.length + 1 });
  return tokens;
}

/** Binding power of infix operators (higher binds tighter). */
const INFIX: Readonly<Record<string, number>> = {
  '?': 1,
  or: 2,
  and: 3,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '==': 5,
  '!=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '^': 9,
  '**': 9,
};

/** Keywords that cannot be names. */
export const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not']);

/** A parser over one line's tokens. */
class Parser {
  private k = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly line: number,
  ) {}

  peek(): Token {
    return this.tokens[this.k]!;
  }

  next(): Token {
    return this.tokens[this.k++]!;
  }

  fail(message: string, token: Token = this.peek()): never {
    throw new ExprError(message, this.line, token.at);
  }

  expect(text: string): Token {
    const token = this.peek();
    if (token.text !== text || token.kind === 'num') this.fail(`expected "${text}", got ${describe(token)}`);
    return this.next();
  }

  /** An expression whose operators all bind tighter than `min`. */
  expression(min = 0): Expr {
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      const op = token.kind === 'op' || (token.kind === 'id' && (token.text === 'and' || token.text === 'or')) ? token.text : '';
      const power = INFIX[op];
      if (power === undefined || power <= min) return left;
      this.next();
      const where = { line: this.line, at: token.at };
      if (op === '?') {
        const then = this.expression(0);
        this.expect(':');
        // Right-associative: a ? b : c ? d : e is a ? b : (c ? d : e).
        const otherwise = this.expression(power - 1);
        left = { kind: 'cond', test: left, then, otherwise, ...where };
        continue;
      }
      // ^ is right-associative; the others left.
      const right = this.expression(op === '^' || op === '**' ? power - 1 : power);
      if (power === 5) {
        const after = this.peek();
        if (after.kind === 'op' && INFIX[after.text] === 5) this.fail(`comparisons do not chain: write (a ${op} b) and (b ${after.text} c)`, after);
      }
      left = { kind: 'binary', op: op === '**' ? '^' : (op as Exclude<keyof typeof INFIX, '?' | '**'>), left, right, ...where } as Expr;
    }
  }

  prefix(): Expr {
    const token = this.next();
    const where = { line: this.line, at: token.at };
    if (token.kind === 'num') {
      const value = Number(token.text);
      if (!Number.isFinite(value)) this.fail(`the number ${token.text} is not finite`, token);
      return { kind: 'num', value, ...where };
    }
    if (token.kind === 'op' && token.text === '-') return { kind: 'neg', arg: this.expression(8), ...where };
    if (token.kind === 'op' && token.text === '+') return this.expression(8);
    if (token.kind === 'op' && token.text === '(') {
      const inner = this.expression(0);
      this.expect(')');
      return inner;
    }
    if (token.kind === 'id') {
      if (token.text === 'not') return { kind: 'not', arg: this.expression(4), ...where };
      if (KEYWORDS.has(token.text)) this.fail(`"${token.text}" needs something on its left`, token);
      if (this.peek().text === '(' && this.peek().kind === 'op') return this.call(token);
      return { kind: 'id', name: token.text, ...where };
    }
    this.fail(`expected a number, a name or "(", got ${describe(token)}`, token);
  }

  call(name: Token): Expr {
    const where = { line: this.line, at: name.at };
    if (!Object.hasOwn(FUNCTIONS, name.text)) this.fail(`unknown function "${name.text}" (functions: ${Object.keys(FUNCTIONS).join(', ')})`, name);
    const fn = name.text as FunctionName;
    this.expect('(');
    const args: Expr[] = [];
    if (this.peek().text !== ')') {
      args.push(this.expression(0));
      while (this.peek().text === ',' && this.peek().kind === 'op') {
        this.next();
        args.push(this.expression(0));
      }
    }
    this.expect(')');
    const arity = FUNCTIONS[fn];
    if (args.length !== arity) this.fail(`${fn} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`, name);
    if (fn === 'where') return { kind: 'cond', test: args[0]!, then: args[1]!, otherwise: args[2]!, ...where };
    return { kind: 'call', fn, args, ...where };
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end' : `"${token.text}"`;
}

/**
 * Parses `text` as one expression and nothing more.
 *
 * @param text - the source of the expression
 * @param line - its line number in a longer source, for errors (default 1)
 * @param offset - the column of its first character in that line, less 1 (default 0)
 * @returns the tree
 * @throws {@link ExprError} naming the line and column of the first mistake
 */
export function parseExpression(text: string, line = 1, offset = 0): Expr {
  const { expr, rest } = parsePrefixOf(text, line, offset);
  if (rest !== null) throw new ExprError(`unexpected ${rest.text === ':' ? '":"' : `"${rest.text}"`} after the expression`, line, rest.at);
  return expr;
}

/**
 * Parses the longest expression at the start of `text`: the equations' `dv/dt = expr : unit`
 * form leaves its `: unit` after the expression.
 *
 * @param text - the source
 * @param line - its line number, for errors
 * @param offset - the column of its first character, less 1
 * @returns the tree, and the first token after it (null at the end)
 */
export function parsePrefixOf(text: string, line = 1, offset = 0): { expr: Expr; rest: { text: string; at: number } | null } {
  const tokens = tokenize(text, line, offset);
  if (tokens.length === 1) throw new ExprError('expected an expression, got nothing', line, offset + 1);
  const parser = new Parser(tokens, line);
  const expr = parser.expression(0);
  const rest = parser.peek();
  return { expr, rest: rest.kind === 'end' ? null : { text: rest.text, at: rest.at } };
}
