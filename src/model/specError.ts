/**
 * The error thrown when a spec is refused: it carries every issue found, not only the first.
 *
 * @example
 * ```ts
 * import { SpecError } from 'spikestream';
 * try {
 *   // ... build a network from a spec ...
 * } catch (e) {
 *   if (e instanceof SpecError) for (const issue of e.issues) console.error(issue.path, issue.message);
 * }
 * ```
 * @module
 */
import { formatIssues } from './formatIssues.js';
import type { SpecIssue } from './specIssue.js';

/** A spec was refused; `issues` lists each problem with its path. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  /**
   * @param issues - every problem found
   * @param where - what was being validated, for the first line of the message
   */
  constructor(
    readonly issues: readonly SpecIssue[],
    where = 'network spec',
  ) {
    super(`invalid ${where}:\n${formatIssues(issues)}`);
  }
}
