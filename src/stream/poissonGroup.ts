/**
 * Adds a group of independent Poisson spike sources: each neuron spikes at each step with
 * probability `rate · dt / 1000`, from its own seeded stream (so the same spikes on any number
 * of threads). Connect it to other groups with projections, as Brian2's PoissonGroup and
 * BrainPy's PoissonGroup are used for external drive.
 *
 * @example
 * ```ts
 * import { clock, network, lif, poissonGroup, expCurrent, fixedProb } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 1000 }).pipe(
 *   network({ seed: 1 }),
 *   poissonGroup('X', { size: 1000, rate: 5 }),
 *   lif('E', { size: 100, tau: 20, threshold: 1, reset: 0 }),
 *   expCurrent('X2E', { pre: 'X', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.1 }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';
import type { Placed } from './positions.js';

/** Parameters of a Poisson group. */
export interface PoissonGroupParams extends Placed {
  /** Number of sources. */
  readonly size: number;
  /** Firing rate of each, Hz (at most one spike per step). */
  readonly rate: number;
}

/**
 * @param name - the group's name, unique in the network
 * @param params - size and rate
 * @returns an operator that adds the group to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function poissonGroup(name: string, params: PoissonGroupParams): (source: Observable<Frame>) => Network {
  return (source) =>
    asNetwork(source, `poissonGroup("${name}")`).extend(`group "${name}" (poisson)`, (spec) => ({
      ...spec,
      groups: [...spec.groups, { kind: 'poisson', name, size: params.size, rate: params.rate, ...(params.positions === undefined ? {} : { positions: params.positions }) }],
    }));
}
