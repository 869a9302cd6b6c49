/**
 * Adds a projection of exponentially decaying current synapses.
 *
 * One trace `s` per postsynaptic neuron; each presynaptic spike adds 1 to the trace of each of
 * its targets; the projection adds `g·s` to its target group's input:
 *
 * ```text
 * τ_s ds/dt = −s        s[post] += 1 per presynaptic spike        I_post += g·s
 * ```
 *
 * Synapses are drawn, when the network is built, from the stream `proj:<name>` of the
 * network's seed: another projection, group or monitor does not change them.
 *
 * @example
 * ```ts
 * import { expCurrent, fixedProb } from 'spikestream';
 * // ... after lif('E', ...) and lif('I', ...) in the pipe:
 * expCurrent('E2I', { pre: 'E', post: 'I', connectivity: fixedProb(0.25), tau: 6, g: 0.4 });
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { addProjection, type ProjectionParams } from './addProjection.js';
import type { Network } from './network.js';

/** Parameters of an exponential-current projection. */
export interface ExpCurrentParams extends ProjectionParams {
  /** Trace time constant, ms. */
  readonly tau: number;
  /** Weight: the trace's contribution to the target's input. Negative for inhibition. */
  readonly g: number;
}

/**
 * @param name - the projection's name, unique in the network (it keys its random stream)
 * @param params - endpoints, connectivity, time constant and weight
 * @returns an operator that adds the projection to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong, e.g. a group that does not exist
 */
export function expCurrent(name: string, params: ExpCurrentParams): (source: Observable<Frame>) => Network {
  return (source) => addProjection(source, name, params, { kind: 'expCurrent', tau: params.tau, g: params.g });
}
