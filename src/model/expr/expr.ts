/**
 * The expression tree of spikestream's model language: plain data, made only by
 * `parseExpression` and checked by `neuronModel` before any code is generated from it.
 *
 * Every node carries `at`, the column (1-based) in its line of source, and `line` (1-based), so
 * that any mistake found later (an unknown name, a boolean where a number belongs) can be shown
 * where it is. A tree holds numbers as numbers and names as names: no text of the source reaches
 * a code generator other than through a checked node.
 *
 * @example
 * ```ts
 * import { parseExpression } from './parseExpression.js';
 * parseExpression('(I - v) / tau'); // { kind: 'binary', op: '/', left: …, right: { kind: 'id', name: 'tau', … } }
 * ```
 * @module
 */

/** Where a node starts in its source: line and column, both from 1. */
export interface At {
  readonly line: number;
  readonly at: number;
}

/** The functions an expression may call, with their number of arguments. */
export const FUNCTIONS = {
  exp: 1,
  expm1: 1,
  exprel: 1,
  log: 1,
  sqrt: 1,
  abs: 1,
  sin: 1,
  cos: 1,
  tanh: 1,
  tan: 1,
  sinh: 1,
  cosh: 1,
  log10: 1,
  floor: 1,
  ceil: 1,
  /** Brian2's int(): x truncated toward 0. */
  int: 1,
  sign: 1,
  min: 2,
  max: 2,
  clip: 3,
  where: 3,
  /** A uniform number in [0, 1), drawn per neuron and step (threshold and reset only). */
  rand: 0,
  /** A standard normal number, drawn per neuron and step (threshold and reset only). */
  randn: 0,
} as const;

/** The name of a function an expression may call. */
export type FunctionName = keyof typeof FUNCTIONS;

/** Arithmetic operators. `^` is the power. */
export type ArithmeticOp = '+' | '-' | '*' | '/' | '^';
/** Comparisons: a number against a number, giving a condition. */
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
/** Logical operators: conditions to a condition. */
export type LogicalOp = 'and' | 'or';

/** A node of the expression tree. */
export type Expr =
  | ({ readonly kind: 'num'; readonly value: number } & At)
  | ({ readonly kind: 'id'; readonly name: string } & At)
  | ({ readonly kind: 'neg'; readonly arg: Expr } & At)
  | ({ readonly kind: 'not'; readonly arg: Expr } & At)
  | ({ readonly kind: 'binary'; readonly op: ArithmeticOp | ComparisonOp | LogicalOp; readonly left: Expr; readonly right: Expr } & At)
  | ({ readonly kind: 'call'; readonly fn: Exclude<FunctionName, 'where'>; readonly args: readonly Expr[] } & At)
  | ({ readonly kind: 'cond'; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr } & At);

/** A mistake in a model's source: what, and where (line and column, from 1). */
export class ExprError extends Error {
  override readonly name = 'ExprError';
  /**
   * @param message - what is wrong
   * @param line - the line of the source, from 1
   * @param column - the column in that line, from 1
   */
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Whether an operator compares two numbers. */
export function isComparison(op: string): op is ComparisonOp {
  return op === '<' || op === '<=' || op === '>' || op === '>=' || op === '==' || op === '!=';
}

/** Whether an operator joins two conditions. */
export function isLogical(op: string): op is LogicalOp {
  return op === 'and' || op === 'or';
}

/**
 * The subtrees a node holds, left to right: the one walk every pass over a tree takes.
 *
 * @param e - a node
 * @returns its children
 * @example
 * ```ts
 * childrenOf(parseExpression('a + f(b)')); // [a, f(b)]
 * ```
 */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num':
    case 'id':
      return [];
    case 'neg':
    case 'not':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args;
    case 'cond':
      return [e.test, e.then, e.otherwise];
  }
}

/**
 * Every node of a tree, each before its children, left to right.
 *
 * @param e - the tree
 * @returns its nodes
 * @example
 * ```ts
 * [...nodesOf(parseExpression('v * xi'))].filter((n) => n.kind === 'id'); // [v, xi]
 * ```
 */
export function* nodesOf(e: Expr): Generator<Expr> {
  yield e;
  for (const child of childrenOf(e)) yield* nodesOf(child);
}
