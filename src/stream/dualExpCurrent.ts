/**
 * Adds a projection of dual-exponential current synapses (an alpha function when `tauRise`
 * equals `tauDecay`): each spike adds 1 to a rise variable h (`τr dh/dt = −h`), which feeds the
 * trace s (`ds/dt = −s/τd + h`); the target's input gets `g·s`. The response to one spike rises
 * over `tauRise` and decays over `tauDecay`, instead of jumping as `expCurrent`'s does.
 *
 * @example
 * ```ts
 * import { clock, network, lif, dualExpCurrent, fixedProb } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 100, tau: 20, threshold: 1, reset: 0 }),
 *   dualExpCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tauRise: 1, tauDecay: 5, g: 0.1 }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { addProjection, type ProjectionParams } from './addProjection.js';
import type { Network } from './network.js';

/** Parameters of a dual-exponential projection. */
export interface DualExpCurrentParams extends ProjectionParams {
  /** Rise time constant, ms. */
  readonly tauRise: number;
  /** Decay time constant, ms. */
  readonly tauDecay: number;
  /** Weight of the trace in the target's input. */
  readonly g: number;
}

/**
 * @param name - the projection's name, unique in the network
 * @param params - endpoints, connectivity, time constants, weight and delay
 * @returns an operator that adds the projection to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function dualExpCurrent(name: string, params: DualExpCurrentParams): (source: Observable<Frame>) => Network {
  return (source) => addProjection(source, name, params, { kind: 'dualExpCurrent', tauRise: params.tauRise, tauDecay: params.tauDecay, g: params.g });
}
