/**
 * An exact object codec: like `t.type`, but an unknown key is an error, not silently dropped,
 * because in a hand-written spec an unknown key is almost always a typo (`tua` for `tau`).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts';
 * import { strict } from 'spikestream';
 * const point = strict({ x: t.number }, 'Point');
 * point.decode({ x: 1, y: 2 }); // Left: "y" is not a field of Point
 * ```
 * @module
 */
import * as t from 'io-ts';

/**
 * Builds an exact object codec from required and optional properties.
 *
 * @param required - properties that must be present
 * @param name - the codec's name, shown in error messages
 * @param optional - properties that may be absent
 * @returns a codec that refuses unknown keys, reporting each with its path
 */
export function strict<R extends t.Props, O extends t.Props = {}>(
  required: R,
  name: string,
  optional?: O,
): t.Type<t.TypeOfProps<R> & Partial<t.TypeOfProps<O>>, unknown, unknown> {
  // The two halves are validated against the same context (not with t.intersection, whose
  // member indices would show up in error paths).
  const requiredCodec = t.type(required);
  const optionalCodec = t.partial(optional ?? ({} as O));
  const base = {
    is: (u: unknown) => requiredCodec.is(u) && optionalCodec.is(u),
    validate: (u: unknown, c: t.Context): t.Validation<unknown> => {
      const a = requiredCodec.validate(u, c);
      const b = optionalCodec.validate(u, c);
      if (a._tag === 'Left' || b._tag === 'Left') {
        return t.failures([...(a._tag === 'Left' ? a.left : []), ...(b._tag === 'Left' ? b.left : [])]);
      }
      return t.success({ ...(u as object), ...a.right, ...b.right });
    },
  };
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  return new t.Type<t.TypeOfProps<R> & Partial<t.TypeOfProps<O>>, unknown, unknown>(
    name,
    (u): u is t.TypeOfProps<R> & Partial<t.TypeOfProps<O>> =>
      base.is(u) && Object.keys(u as object).every((k) => known.has(k)),
    (u, c) => {
      const errors: t.ValidationError[] = [];
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        for (const key of Object.keys(u)) {
          if (!known.has(key)) {
            errors.push({
              value: (u as Record<string, unknown>)[key],
              context: [...c, { key, type: t.never, actual: (u as Record<string, unknown>)[key] }],
              message: `unknown field "${key}" (known: ${[...known].join(', ')})`,
            });
          }
        }
      }
      const decoded = base.validate(u, c);
      if (decoded._tag === 'Left') return t.failures([...decoded.left, ...errors]);
      if (errors.length > 0) return t.failures(errors);
      return t.success(decoded.right as t.TypeOfProps<R> & Partial<t.TypeOfProps<O>>);
    },
    t.identity,
  );
}
