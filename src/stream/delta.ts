/**
 * Adds a projection of delta synapses: each presynaptic spike makes the target's potential
 * jump by `w` (Brian2's `on_pre='v_post += w'`), felt at the target's next step (or `delay` ms
 * later). Jumps that arrive during a refractory period are lost, as with Brian2's
 * `v_post += w * int(not_refractory_post)` in Brunel's 2000 network.
 *
 * @example
 * ```ts
 * import { clock, network, lif, delta, fixedProb } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 1000, tau: 20, threshold: 20, reset: 10, refractory: 2 }),
 *   delta('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), w: 0.2, delay: 1.5 }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { addProjection, type ProjectionParams } from './addProjection.js';
import type { Network } from './network.js';

/** Parameters of a delta-synapse projection. */
export interface DeltaParams extends ProjectionParams {
  /** The jump of the target's potential per spike. */
  readonly w: number;
}

/**
 * @param name - the projection's name, unique in the network
 * @param params - endpoints, connectivity, jump and delay
 * @returns an operator that adds the projection to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function delta(name: string, params: DeltaParams): (source: Observable<Frame>) => Network {
  return (source) => addProjection(source, name, params, { kind: 'delta', w: params.w });
}
