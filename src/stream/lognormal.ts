/**
 * Values whose logarithm is normal: `exp(mu + sigma·n)`, drawn from the network's seeded
 * streams. The weights of cortical synapses are close to lognormal (Song et al. 2005).
 *
 * @example
 * ```ts
 * import { expCurrent, fixedProb, lognormal } from 'spikestream';
 * expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 1, weight: lognormal(-1, 0.5) });
 * ```
 * @module
 */
import type { Initializer } from '../model/groupSpec.js';

/**
 * @param mu - the mean of the logarithm
 * @param sigma - the standard deviation of the logarithm, ≥ 0
 * @returns an initializer, for a projection's `weight` or any per-neuron value
 */
export function lognormal(mu: number, sigma: number): Initializer {
  return { kind: 'lognormal', mu, sigma } as Initializer;
}
