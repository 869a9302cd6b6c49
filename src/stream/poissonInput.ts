/**
 * Adds Poisson input to a group, as Brian2's PoissonInput: each neuron receives `count`
 * independent Poisson spike trains at `rate` Hz, each spike making its potential jump by
 * `weight`. Per step and neuron, the number of spikes is drawn from Poisson(count·rate·dt), the
 * exact count for a sum of Poisson processes, from the neuron's own seeded stream: no synapse is
 * stored, and the draws do not depend on the number of threads.
 *
 * @example
 * ```ts
 * import { clock, network, lif, poissonInput } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 1000 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 1000, tau: 20, threshold: 20, reset: 10, refractory: 2 }),
 *   poissonInput('E', { count: 1000, rate: 20, weight: 0.1 }),   // Brunel 2000's external drive
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/** Parameters of a Poisson input. */
export interface PoissonInputParams {
  /** Independent trains per neuron. */
  readonly count: number;
  /** Rate of each train, Hz. */
  readonly rate: number;
  /** Jump of the potential per spike. */
  readonly weight: number;
}

/**
 * @param group - the group it feeds
 * @param params - trains, rate and weight
 * @returns an operator that adds the input to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function poissonInput(group: string, params: PoissonInputParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const spec = { kind: 'poisson', group, count: params.count, rate: params.rate, weight: params.weight };
    return asNetwork(source, `poissonInput("${group}")`).extend(`Poisson input into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, spec] }));
  };
}
