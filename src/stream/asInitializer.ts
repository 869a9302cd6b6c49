/**
 * What the operators accept for an initial value, a number or an initializer, as the spec's
 * initializer: a number is the same value for every neuron.
 *
 * @example
 * ```ts
 * asInitializer(-65);             // { kind: 'constant', value: -65 }
 * asInitializer(uniform(0, 15));  // unchanged
 * ```
 * @module
 */
import type { Initializer } from '../model/groupSpec.js';

/**
 * @param x - a number or an initializer
 * @returns the initializer (validated with the rest of the spec)
 */
export function asInitializer(x: number | Initializer): Initializer | { kind: 'constant'; value: number } {
  return typeof x === 'number' ? { kind: 'constant', value: x } : x;
}
