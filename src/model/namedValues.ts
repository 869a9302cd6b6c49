/**
 * A codec for a table of named values: a neuron model's parameters and initial values, each a
 * number or an initializer (one value per neuron).
 *
 * Keys are checked as names of the model language (`badName`), so `__proto__` or `constructor`
 * never become keys of anything; the decoded table has no prototype, so no key is inherited.
 *
 * @example
 * ```ts
 * import { namedValues } from 'spikestream';
 * namedValues.decode({ tau: 10, drive: { kind: 'uniform', low: 0.5, high: 5 } });
 * namedValues.decode({ '2x': 1 }); // Left: 2x: "2x" is not a name (…)
 * ```
 * @module
 */
import * as t from 'io-ts';
import { finite } from './brands.js';
import { badName } from './expr/neuronModel.js';
import { initializer, type Initializer } from './initializer.js';

/** A validated table of named values. */
export type NamedValues = Readonly<Record<string, number | Initializer>>;

/** Names to numbers or initializers. */
export const namedValues = new t.Type<NamedValues, unknown, unknown>(
  'NamedValues',
  (u): u is NamedValues => typeof u === 'object' && u !== null && !Array.isArray(u) && Object.keys(u).every((k) => badName(k) === null),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'expected an object of names to numbers or initializers');
    const errors: t.Errors = [];
    const out = Object.create(null) as Record<string, number | Initializer>;
    for (const key of Object.keys(u)) {
      const value = (u as Record<string, unknown>)[key];
      const at = [...c, { key, type: t.unknown, actual: value }];
      const why = badName(key);
      if (why !== null) {
        errors.push({ value, context: at, message: why });
        continue;
      }
      const decoded = typeof value === 'number' ? finite.validate(value, at) : initializer.validate(value, at);
      if (decoded._tag === 'Left') errors.push(...decoded.left);
      else out[key] = decoded.right;
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  },
  t.identity,
);
