/**
 * Initializers: how a per-neuron quantity starts (a state variable's initial value, a model
 * parameter that differs between neurons). Every random draw comes from the network's seeded
 * streams.
 *
 * @example
 * ```ts
 * import { initializer } from 'spikestream';
 * initializer.decode({ kind: 'uniform', low: 0, high: 15 });
 * ```
 * @module
 */
import * as t from 'io-ts';
import { finite, nonNegative } from './brands.js';
import { byKind } from './byKind.js';
import { strict } from './strict.js';

/** Initial values drawn uniformly from `[low, high)` from the network's seeded stream. */
export const uniformInitializer = strict(
  { kind: t.literal('uniform'), low: finite, high: finite },
  'UniformInitializer',
);

/** The same initial value for every neuron. */
export const constantInitializer = strict({ kind: t.literal('constant'), value: finite }, 'ConstantInitializer');

/** One initial value per neuron, in order (the list's length must be the group's size). */
export const valuesInitializer = strict({ kind: t.literal('values'), values: t.readonlyArray(finite) }, 'ValuesInitializer');

/**
 * Initial values drawn from a normal distribution (Box–Muller on the network's seeded stream), as
 * Brian2's `mean + sd * randn()`.
 */
export const normalInitializer = strict({ kind: t.literal('normal'), mean: finite, sd: nonNegative }, 'NormalInitializer');

/**
 * Values whose logarithm is normal with mean `mu` and standard deviation `sigma` (NumPy's and
 * NEST's `lognormal`): `exp(mu + sigma·n)`, n drawn as for `normal`. Positive, with a long
 * right tail: the weights of cortical synapses (Song et al. 2005).
 */
export const lognormalInitializer = strict({ kind: t.literal('lognormal'), mu: finite, sigma: nonNegative }, 'LognormalInitializer');

/**
 * How a state variable starts: `{ kind: 'uniform', low, high }`, `{ kind: 'normal', mean, sd }`,
 * `{ kind: 'lognormal', mu, sigma }`, `{ kind: 'constant', value }` or `{ kind: 'values', values }`.
 */
export const initializer = byKind('Initializer', {
  uniform: uniformInitializer,
  normal: normalInitializer,
  lognormal: lognormalInitializer,
  constant: constantInitializer,
  values: valuesInitializer,
});
/** A validated initializer. */
export type Initializer = t.TypeOf<typeof initializer>;


/**
 * A number as the initializer it means (the same value for every neuron); an initializer as it
 * is. What the operators and the kernel take for an initial value or a parameter.
 *
 * @example
 * ```ts
 * asInitializer(-65);             // { kind: 'constant', value: -65 }
 * asInitializer(uniform(0, 15));  // unchanged
 * ```
 * @param x - a number or an initializer
 * @returns the initializer (validated with the rest of the spec where it goes into one)
 */
export function asInitializer(x: number | Initializer): Initializer {
  return typeof x === 'number' ? ({ kind: 'constant', value: x } as Initializer) : x;
}
