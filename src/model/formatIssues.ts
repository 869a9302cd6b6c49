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

/**
 * A short, one-line preview of a value for a message: JSON-like, at most 60 characters, and
 * safe for any value (nesting is cut at three levels, so a value nested a million deep costs
 * nothing and cannot exhaust the stack; a control character shows as its escape).
 *
 * @param value - any value
 * @returns the preview
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = preview(value, 3);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function preview(value: unknown, depth: number): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}` : value);
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return typeof value;
  if (depth === 0) return Array.isArray(value) ? '[...]' : '{...}';
  if (Array.isArray(value)) return `[${value.slice(0, 8).map((v) => preview(v, depth - 1)).join(',')}${value.length > 8 ? ',...' : ''}]`;
  const keys = Object.keys(value).slice(0, 8);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${preview((value as Record<string, unknown>)[k], depth - 1)}`).join(',')}${Object.keys(value).length > 8 ? ',...' : ''}}`;
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
