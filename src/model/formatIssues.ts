/**
 * The io-ts reporter: turns validation errors into {@link SpecIssue}s, one readable line each.
 *
 * Paths are written as a user would find the field in the JSON (`projections[2].synapse.tau`),
 * skipping the invisible steps io-ts takes through unions and intersections.
 *
 * @example
 * ```ts
 * import { networkSpec, issuesFromErrors, formatIssues } from 'spikestream';
 * const result = networkSpec.decode({ seed: -1, groups: [], projections: [], inputs: [] });
 * if (result._tag === 'Left') console.error(formatIssues(issuesFromErrors(result.left)));
 * // seed: expected a whole number in [0, 4294967295], got -1
 * ```
 * @module
 */
import type * as t from 'io-ts';
import { brandDescriptions } from './brands.js';
import type { SpecIssue } from './specIssue.js';

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  if (text === undefined) return typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function pathOf(context: t.Context): string {
  let path = '';
  for (let k = 1; k < context.length; k++) {
    const parent = context[k - 1]!.type as { _tag?: string };
    // Union and intersection members add index keys that name no field in the JSON.
    if (parent._tag === 'UnionType' || parent._tag === 'IntersectionType') continue;
    const key = context[k]!.key;
    if (key === '') continue;
    path += /^\d+$/.test(key) ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path === '' ? '(root)' : path;
}

function expected(context: t.Context): string {
  const type = context[context.length - 1]?.type as { name: string; _tag?: string } | undefined;
  if (type === undefined) return 'a value';
  return brandDescriptions[type.name] ?? type.name;
}

/**
 * Converts io-ts validation errors into spec issues.
 *
 * @param errors - the `Left` of a failed `decode`
 * @returns one issue per error, in the order io-ts found them, without duplicates
 */
export function issuesFromErrors(errors: t.Errors): SpecIssue[] {
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const error of errors) {
    const path = pathOf(error.context);
    const message =
      error.message ??
      (error.value === undefined
        ? `is missing (expected ${expected(error.context)})`
        : `expected ${expected(error.context)}, got ${describeValue(error.value)}`);
    const line = `${path}: ${message}`;
    if (!seen.has(line)) {
      seen.add(line);
      issues.push({ path, message });
    }
  }
  return issues;
}

/**
 * Formats issues one per line, `path: message`.
 *
 * @param issues - the issues to print
 * @returns the lines joined with newlines
 */
export function formatIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
