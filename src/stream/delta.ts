/**
 * Adds a projection of delta synapses: each presynaptic spike makes a state variable of the
 * target jump by `w`, felt at the target's next step (or `delay` ms later): its potential by
 * default (Brian2's `on_pre='v_post += w'`), or the variable `target` names in a model written
 * as equations, such as a conductance (`on_pre='ge_post += w'`). Jumps that arrive while their
 * variable is held in a refractory period are lost, as with Brian2's
 * `v_post += w * int(not_refractory_post)` in Brunel's 2000 network.
 *
 * @example
 * ```ts
 * import { clock, network, lif, neuron, delta, fixedProb } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 1000, tau: 20, threshold: 20, reset: 10, refractory: 2 }),
 *   delta('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), w: 0.2, delay: 1.5 }),
 *   // A conductance that is a variable of the model, as Brian2 writes COBA.
 *   neuron('C', {
 *     size: 100,
 *     equations: 'dv/dt = (ge * (0 - v) + (-60 - v)) / 20\ndge/dt = -ge / 5',
 *     threshold: 'v > -50', reset: 'v = -60', initial: { v: -60 },
 *   }),
 *   delta('E2C', { pre: 'E', post: 'C', connectivity: fixedProb(0.1), w: 0.5, target: 'ge' }),
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
  /** The jump per spike. */
  readonly w: number;
  /** The state variable that jumps, by its name in the target's model; default: its potential. */
  readonly target?: string;
}

/**
 * @param name - the projection's name, unique in the network
 * @param params - endpoints, connectivity, jump and delay
 * @returns an operator that adds the projection to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function delta(name: string, params: DeltaParams): (source: Observable<Frame>) => Network {
  return (source) => addProjection(source, name, params, params.target === undefined ? { kind: 'delta', w: params.w } : { kind: 'delta', w: params.w, target: params.target });
}
