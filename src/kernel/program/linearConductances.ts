/**
 * Conductance synapses inside a membrane equation's linear part: for a model integrated by
 * exponential Euler whose membrane rate reads its own state (a conductance-based neuron, such as
 * Hodgkin–Huxley), each incoming `expConductance` projection's g·s·(E − v) joins v's linear part
 * `a + b·v` (as Brian2's exponential Euler treats such a term written in the equations): its
 * drive (g·E)·s is added to `a` and its conductance g·s taken from `b`, so that v relaxes
 * exactly towards the potential all its conductances pull it to. (Into any other model a
 * conductance is a current computed from v at the step's start: see `groupInput`.)
 *
 * Both lowerings integrate with the parts this module returns, so that they compute the same
 * sums in the same order. The drives go just before a trailing `+ I` (after every conductance
 * term the model writes, before its input current), else at the end; the conductances at the
 * end of `b`'s sum.
 *
 * The traces are named `$x<projection>` in the tree, a name the parser cannot make (it refuses
 * `$`): no model's own name can meet them. Each lowering maps them to its trace locals.
 *
 * @example
 * ```ts
 * import { withConductances } from './linearConductances.js';
 * withConductances(model.linear[0], [{ projection: 2, g: 6, E: 0 }]); // a + 0·$x2 before I, b − 6·$x2
 * ```
 * @module
 */
import type { Expr } from '../../model/expr/expr.js';
import type { LinearParts } from '../../model/expr/linearIn.js';

/** An `expConductance` projection into the group: its trace's projection, weight g and reversal potential E. */
export interface LinearConductance {
  readonly projection: number;
  readonly g: number;
  readonly E: number;
}

/**
 * The name of a projection's trace in a spliced tree.
 *
 * @param projection - the projection's index
 * @returns `$x<projection>`
 */
export function traceName(projection: number): string {
  return `$x${projection}`;
}

/**
 * v's linear parts with the conductances spliced in (see the module's comment).
 *
 * @param parts - the membrane equation's linear parts (b not null: the rate reads the state)
 * @param conductances - the projections, in the order they are summed
 * @returns the new parts (the same divisors)
 */
export function withConductances(parts: LinearParts, conductances: readonly LinearConductance[]): LinearParts {
  if (conductances.length === 0 || parts.b === null) return parts;
  const { line, at } = parts.b;
  const times = (k: number, c: LinearConductance): Expr => ({ kind: 'binary', op: '*', left: { kind: 'num', value: k, line, at }, right: { kind: 'id', name: traceName(c.projection), line, at }, line, at });
  const sum = (start: Expr, op: '+' | '-', terms: readonly Expr[]): Expr => terms.reduce<Expr>((left, right) => ({ kind: 'binary', op, left, right, line, at }), start);
  const drives = conductances.map((c) => times(c.g * c.E, c));
  const A = parts.a;
  const a =
    A === null
      ? sum(drives[0]!, '+', drives.slice(1))
      : A.kind === 'binary' && A.op === '+' && A.right.kind === 'id' && A.right.name === 'I'
        ? { ...A, left: sum(A.left, '+', drives) }
        : sum(A, '+', drives);
  const b = sum(parts.b, '-', conductances.map((c) => times(c.g, c)));
  return { a, b, divisors: parts.divisors };
}
