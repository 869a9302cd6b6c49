/**
 * Samples a projection's weights every `every` steps, to watch learning: each frame carries the
 * samples taken in it in `frame.weights[name]` (fresh arrays), and `recordWeights(name)` collects
 * a whole run. The runs end at the sampled steps, so a sample is exact whatever the clock's block.
 *
 * @example
 * ```ts
 * import { sampleWeights } from 'spikestream';
 * // in the pipe, after the plastic projection 'In':
 * sampleWeights('wIn', { projection: 'In', every: 10000 }); // every second at dt = 0.1 ms
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/** What a weight probe samples. */
export interface SampleWeightsParams {
  /** A projection with per-synapse weights (`weight` or `plasticity`). */
  readonly projection: string;
  /** Steps between samples (≥ 1): steps 0, every, 2·every, … */
  readonly every: number;
  /** The synapses, as indices in row order; all of them when omitted (8 bytes each per sample). */
  readonly synapses?: readonly number[];
}

/**
 * @param name - the probe's name, the key of its samples in each frame
 * @param params - projection, interval and synapses
 * @returns an operator that adds the probe to a {@link Network}
 */
export function sampleWeights(name: string, params: SampleWeightsParams): (source: Observable<Frame>) => Network {
  return (source) =>
    asNetwork(source, `sampleWeights("${name}")`).extend(`weight probe "${name}"`, (spec) => ({
      ...spec,
      weightProbes: [
        ...(spec.weightProbes ?? []),
        { name, projection: params.projection, every: params.every, ...(params.synapses === undefined ? {} : { synapses: [...params.synapses] }) },
      ],
    }));
}
