/**
 * What is wrong with a spec, and where.
 *
 * @example
 * ```ts
 * import type { SpecIssue } from 'spikestream';
 * const issue: SpecIssue = { path: 'groups[0].size', message: 'expected a whole number > 0, got -1' };
 * ```
 * @module
 */

/** One problem in a spec: a readable path (`groups[0].size`) and what is wrong there. */
export interface SpecIssue {
  readonly path: string;
  readonly message: string;
}
