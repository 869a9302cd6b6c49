/**
 * Branded number and name codecs: the constraints every spec field is checked against.
 *
 * Each codec is an io-ts refinement with a brand, so a value that passed validation carries
 * that fact in its type (a `PositiveInt` cannot be confused with a plain `number`).
 *
 * @example
 * ```ts
 * import { positiveInt } from 'spikestream';
 * positiveInt.is(8000); // true
 * positiveInt.is(-1);   // false
 * ```
 * @module
 */
import * as t from 'io-ts';

/** The brand of a validated Finite. */
export interface FiniteBrand {
  readonly Finite: unique symbol;
}
/** A number that is neither NaN nor ±Infinity. */
export const finite = t.brand(
  t.number,
  (n): n is t.Branded<number, FiniteBrand> => Number.isFinite(n),
  'Finite',
);
/** A validated finite number. */
export type Finite = t.TypeOf<typeof finite>;

/** The brand of a validated Positive. */
export interface PositiveBrand {
  readonly Positive: unique symbol;
}
/** A finite number strictly greater than zero (time constants, dt, durations). */
export const positive = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveBrand> => Number.isFinite(n) && n > 0,
  'Positive',
);
/** A validated positive number. */
export type Positive = t.TypeOf<typeof positive>;

/** The brand of a validated NonNegative. */
export interface NonNegativeBrand {
  readonly NonNegative: unique symbol;
}
/** A finite number at least zero (refractory periods). */
export const nonNegative = t.brand(
  t.number,
  (n): n is t.Branded<number, NonNegativeBrand> => Number.isFinite(n) && n >= 0,
  'NonNegative',
);
/** A validated non-negative number. */
export type NonNegative = t.TypeOf<typeof nonNegative>;

/** The brand of a validated PositiveInt. */
export interface PositiveIntBrand {
  readonly PositiveInt: unique symbol;
}
/** A whole number greater than zero (group sizes). */
export const positiveInt = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveIntBrand> => Number.isSafeInteger(n) && n > 0,
  'PositiveInt',
);
/** A validated positive integer. */
export type PositiveInt = t.TypeOf<typeof positiveInt>;

/** The brand of a validated NonNegativeInt. */
export interface NonNegativeIntBrand {
  readonly NonNegativeInt: unique symbol;
}
/** A whole number ≥ 0 (neuron indices). */
export const nonNegativeInt = t.brand(
  t.number,
  (n): n is t.Branded<number, NonNegativeIntBrand> => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInt',
);
/** A validated non-negative integer. */
export type NonNegativeInt = t.TypeOf<typeof nonNegativeInt>;

/** The brand of a validated Probability. */
export interface ProbabilityBrand {
  readonly Probability: unique symbol;
}
/** A number in [0, 1]. */
export const probability = t.brand(
  t.number,
  (n): n is t.Branded<number, ProbabilityBrand> => Number.isFinite(n) && n >= 0 && n <= 1,
  'Probability',
);
/** A validated probability. */
export type Probability = t.TypeOf<typeof probability>;

/** The brand of a validated Seed. */
export interface SeedBrand {
  readonly Seed: unique symbol;
}
/** A seed: a whole number in [0, 2^32). */
export const seed = t.brand(
  t.number,
  (n): n is t.Branded<number, SeedBrand> => Number.isInteger(n) && n >= 0 && n <= 0xffffffff,
  'Seed',
);
/** A validated seed. */
export type Seed = t.TypeOf<typeof seed>;

/** The brand of a validated Name. */
export interface NameBrand {
  readonly Name: unique symbol;
}
/**
 * A name for a group, projection or probe: a letter or underscore, then letters, digits,
 * `_` or `-`, and not a name every JavaScript object already has (`__proto__`, `constructor`,
 * `toString`, …). Names are keys of results (spikes by group, rates) and go into files and
 * messages, so they stay short and plain.
 */
export const name = t.brand(
  t.string,
  (s): s is t.Branded<string, NameBrand> => /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(s) && !(s in Object.prototype),
  'Name',
);
/** A validated name. */
export type Name = t.TypeOf<typeof name>;

/** What each brand means, in words, for error messages. */
export const brandDescriptions: Readonly<Record<string, string>> = {
  Finite: 'a finite number',
  Positive: 'a finite number > 0',
  NonNegative: 'a finite number >= 0',
  PositiveInt: 'a whole number > 0',
  NonNegativeInt: 'a whole number >= 0',
  Probability: 'a number in [0, 1]',
  Seed: 'a whole number in [0, 4294967295]',
  Name: 'a name (a letter or _, then letters, digits, _ or -, at most 64 characters; not __proto__, constructor or another name every object has)',
};
