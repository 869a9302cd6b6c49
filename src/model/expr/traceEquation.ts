/**
 * One line `dx/dt = expression` of trace equations, as learning rules (`pre`, `post`,
 * `synapse`) and synapse kinds (see `synapseDefinition`) write their variables: the one place
 * that reads such a line.
 *
 * @example
 * ```ts
 * import { traceEquation, traceNames } from './traceEquation.js';
 * traceNames('dapre/dt = -apre / taupre'); // ['apre']
 * const scope = { states: new Set(['apre']), params: new Set(['taupre']), builtins: new Set(['dt']) };
 * traceEquation('dapre/dt = -apre / taupre', 1, 0, [], scope).name; // 'apre'
 * ```
 * @module
 */
import { ExprError, type Expr } from './expr.js';
import { sourceLines, typeOf, type Scope } from './neuronModel.js';
import { parsePrefixOf } from './parseExpression.js';

const EQUATION = /^(\s*)d([A-Za-z_][A-Za-z0-9_]*)\s*\/\s*dt\s*=/;

/**
 * The names the lines `dx/dt = …` of a source define, in order (bad lines are reported when
 * each is read by {@link traceEquation}).
 *
 * @param text - the lines
 * @returns the names
 */
export function traceNames(text: string): string[] {
  return sourceLines(text).flatMap(({ text: line }) => {
    const m = EQUATION.exec(line);
    return m === null ? [] : [m[2]!];
  });
}

/**
 * Reads one line `dx/dt = expression` (a trailing `:` is allowed, as after a unit).
 *
 * @param line - the line's text
 * @param n - its line number, for errors
 * @param offset - its first character's column less one, for errors
 * @param taken - the names already defined (a second equation for one is refused)
 * @param scope - the names the expression may read
 * @param reserved - names that may not have an equation, with why (a rule's `w`)
 * @returns the variable's name and its derivative
 * @throws ExprError naming the line and column of what is wrong
 */
export function traceEquation(line: string, n: number, offset: number, taken: readonly string[], scope: Scope, reserved: ReadonlyMap<string, string> = new Map()): { name: string; expr: Expr } {
  const m = EQUATION.exec(line);
  if (m === null) throw new ExprError('expected "dx/dt = expression" (a trace and its derivative)', n, offset + 1 + (line.length - line.trimStart().length));
  const name = m[2]!;
  const column = offset + m[1]!.length + 2;
  if (taken.includes(name)) throw new ExprError(`"${name}" is defined twice`, n, column);
  const why = reserved.get(name);
  if (why !== undefined) throw new ExprError(why, n, column);
  if (!scope.states.has(name)) throw new ExprError(`"${name}" is not a variable here`, n, column);
  const { expr, rest } = parsePrefixOf(line.slice(m[0].length), n, offset + m[0].length);
  if (rest !== null && rest.text !== ':') throw new ExprError(`unexpected "${rest.text}" after the expression`, n, rest.at);
  typeOf(expr, scope, false, 'number');
  return { name, expr };
}

