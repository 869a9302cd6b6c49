/**
 * What the Song et al. 2000 figure shows, as numbers: the output rate, and how bimodal the final
 * weights are (the fraction above w_max/2, and within 10% of either bound).
 *
 * @example
 * ```ts
 * summary(weights, spikes, 0.01); // { rateHz: 15.9, fractionAboveHalf: 0.27, fractionNearBounds: 0.86 }
 * ```
 * @module
 */
import type { SpikeRecord, WeightRecord } from '../../src/index.js';

/**
 * @param weights - the weight probe's record (its last sample is the final weights)
 * @param spikes - the output neuron's spikes
 * @param gmax - the weights' bound
 * @returns rate (Hz over the whole run) and the final weights' shape
 */
export function summary(weights: WeightRecord, spikes: SpikeRecord, gmax: number): { rateHz: number; fractionAboveHalf: number; fractionNearBounds: number } {
  const last = weights.values.subarray(weights.values.length - weights.width);
  let above = 0;
  let near = 0;
  for (const w of last) {
    if (w > gmax / 2) above++;
    if (w < 0.1 * gmax || w > 0.9 * gmax) near++;
  }
  const rateHz = spikes.groups['neuron']!.indices.length / ((spikes.steps * spikes.dt) / 1000);
  return { rateHz, fractionAboveHalf: above / last.length, fractionNearBounds: near / last.length };
}
