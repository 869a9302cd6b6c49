/**
 * Initial values given one per neuron, in order: for a state prepared elsewhere (a previous
 * run's final potentials, a stationary distribution computed in closed form).
 *
 * @example
 * ```ts
 * import { lif, perNeuron } from 'spikestream';
 * lif('E', { size: 3, tau: 15, threshold: 15, reset: 0, v0: perNeuron([0, 5, 10]) });
 * ```
 * @module
 */
import type { Initializer } from '../model/groupSpec.js';

/**
 * @param values - one finite value per neuron; their number must be the group's size
 * @returns an initializer for `v0` (checked with the group: a wrong length is a `SpecError`)
 */
export function perNeuron(values: ArrayLike<number>): Initializer {
  return { kind: 'values', values: Array.from(values) } as unknown as Initializer;
}
