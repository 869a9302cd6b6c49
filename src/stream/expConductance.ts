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
import type { Frame } from './frame.js';
import { addProjection, type ProjectionParams } from './addProjection.js';
import type { Network } from './network.js';

/** Parameters of an exponential-conductance projection. */
export interface ExpConductanceParams extends ProjectionParams {
  /** Trace time constant, ms. */
  readonly tau: number;
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
  return (source) => addProjection(source, name, params, { kind: 'expConductance', tau: params.tau, g: params.g, E: params.E });
}
