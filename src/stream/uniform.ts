/**
 * Initial values drawn uniformly from `[low, high)`, from the network's seeded stream.
 *
 * @example
 * ```ts
 * import { lif, uniform } from 'spikestream';
 * lif('E', { size: 8000, tau: 15, threshold: 15, reset: 0, v0: uniform(0, 15) });
 * ```
 * @module
 */
import type { Initializer } from '../model/groupSpec.js';

/**
 * @param low - smallest value (included)
 * @param high - bound (excluded), greater than `low`
 * @returns an initializer for `v0`
 */
export function uniform(low: number, high: number): Initializer {
  return { kind: 'uniform', low, high } as Initializer;
}
