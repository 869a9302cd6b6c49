/**
 * Fixed-probability connectivity: every (pre, post) pair is connected independently with
 * probability `p`, self-pairs included unless `selfConnections: false`.
 *
 * @example
 * ```ts
 * import { fixedProb } from 'spikestream';
 * fixedProb(0.25);                              // as BrainPy's FixedProb(prob=0.25)
 * fixedProb(0.1, { selfConnections: false });   // no (i, i) synapse within a group
 * fixedProb(0.25, { procedural: true });        // nothing stored: rows drawn again per spike
 * ```
 * @module
 */
import type { FixedProbabilitySpec } from '../model/projectionSpec.js';

/**
 * @param p - connection probability in [0, 1]
 * @param options - `selfConnections` (default true); `procedural` (default false): store no
 *   synapse and draw each spiking neuron's row again, the same synapses as stored
 * @returns a connectivity spec for a projection
 */
export function fixedProb(p: number, options: { readonly selfConnections?: boolean; readonly procedural?: boolean } = {}): FixedProbabilitySpec {
  return { kind: 'fixedProbability', p, ...options } as FixedProbabilitySpec;
}
