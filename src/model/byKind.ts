/**
 * A tagged-union codec that dispatches on a `kind` field.
 *
 * io-ts's own `t.union` reports the errors of every member when none matches, which buries the
 * one that matters; dispatching on `kind` reports only the errors of the member the user meant,
 * or a single "unknown kind" error that lists the kinds there are.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { byKind, strict } from 'spikestream';
 * const shape = byKind('Shape', {
 *   circle: strict({ kind: t.literal('circle'), r: t.number }, 'Circle'),
 *   square: strict({ kind: t.literal('square'), side: t.number }, 'Square'),
 * });
 * shape.decode({ kind: 'triangle' }); // Left: kind: unknown kind "triangle" (expected circle | square)
 * ```
 * @module
 */
import * as t from 'io-ts';
import { describeValue } from './formatIssues.js';

/**
 * Builds a codec for a union of object codecs tagged by their `kind` field.
 *
 * @param name - the union's name, shown in error messages
 * @param members - one codec per kind, keyed by the kind's string
 * @returns a codec whose errors come from the member named by `kind` only
 */
export function byKind<M extends Record<string, t.Mixed>>(
  name: string,
  members: M,
): t.Type<t.TypeOf<M[keyof M]>, unknown, unknown> {
  const kinds = Object.keys(members);
  return new t.Type<t.TypeOf<M[keyof M]>, unknown, unknown>(
    name,
    (u): u is t.TypeOf<M[keyof M]> => kinds.some((k) => members[k]!.is(u)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) {
        return t.failure(u, c, `expected an object with a "kind" field (${kinds.join(' | ')})`);
      }
      const kind = (u as { kind?: unknown }).kind;
      const member = typeof kind === 'string' && Object.hasOwn(members, kind) ? members[kind] : undefined;
      if (member === undefined) {
        const at = [...c, { key: 'kind', type: t.string, actual: kind }];
        return t.failure(kind, at, `unknown kind ${describeValue(kind)} (expected ${kinds.join(' | ')})`);
      }
      return member.validate(u, c);
    },
    t.identity,
  );
}
