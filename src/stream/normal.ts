/**
 * Initial values drawn from a normal distribution, from the network's seeded stream: Brian2's
 * `mean + sd * randn()`.
 *
 * @example
 * ```ts
 * import { hh, normal } from 'spikestream';
 * hh('P', { size: 4000, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: normal(-65, 5) });
 * ```
 * @module
 */
import type { Initializer } from '../model/groupSpec.js';

/**
 * @param mean - the mean
 * @param sd - the standard deviation, ≥ 0
 * @returns an initializer for `v0`, a gate or a trace's `s0`
 */
export function normal(mean: number, sd: number): Initializer {
  return { kind: 'normal', mean, sd } as Initializer;
}
