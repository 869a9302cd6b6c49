/**
 * Adds a projection of exponential conductance synapses: each target neuron has a trace s,
 * `τ_s ds/dt = −s`, `s += 1` per presynaptic spike, and the target's input gets
 * `g·s·(E − V)`: a conductance g (relative to the leak) pulling V towards the reversal
 * potential E. This is the synapse of the COBA benchmark (Brette et al. 2007).
 *
 * @example
 * ```ts
 * import { clock, network, lif, expConductance, fixedProb } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 3200, tau: 20, threshold: -50, reset: -60, v0: -60, refractory: 5 }),
 *   expConductance('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.02), tau: 5, g: 0.6, E: 0 }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { ConnectivitySpec } from '../model/projectionSpec.js';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/** Parameters of an exponential-conductance projection. */
export interface ExpConductanceParams {
  /** Presynaptic group name. */
  readonly pre: string;
  /** Postsynaptic group name. */
  readonly post: string;
  /** Which pairs are connected, e.g. `fixedProb(0.02)`. */
  readonly connectivity: ConnectivitySpec;
  /** Trace time constant, ms. */
  readonly tau: number;
  /** Synaptic delay, ms (a whole number of steps). Default 0: the next step's input sees a spike. */
  readonly delay?: number;
  /** Conductance per unit of trace, relative to the leak (≥ 0 in the usual models). */
  readonly g: number;
  /** Reversal potential, in the units of V. */
  readonly E: number;
}

/**
 * @param name - the projection's name, unique in the network
 * @param params - endpoints, connectivity, time constant, conductance and reversal potential
 * @returns an operator that adds the projection to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function expConductance(name: string, params: ExpConductanceParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const projection = {
      name,
      pre: params.pre,
      post: params.post,
      connectivity: params.connectivity,
      ...(params.delay === undefined ? {} : { delay: params.delay }),
      synapse: { kind: 'expConductance', tau: params.tau, g: params.g, E: params.E },
    };
    return asNetwork(source, `expConductance("${name}")`).extend(`projection "${name}" (expConductance)`, (spec) => ({
      ...spec,
      projections: [...spec.projections, projection],
    }));
  };
}
