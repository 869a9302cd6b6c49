/**
 * Which projections the WebAssembly module scatters itself. The step's JavaScript scatters the
 * others beside it on one thread, with the JavaScript kernel's code: learning rules, and
 * procedural rows drawn by distance. The layout places no
 * synapses for those, and the module writes no scatter for them.
 *
 * @example
 * ```ts
 * import { moduleScatterIneligibility } from 'spikestream/kernel';
 * moduleScatterIneligibility(spec.projections[0]); // 'projection "EE" draws its rows by distance procedurally'
 * ```
 * @module
 */
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { perSynapseField } from '../../model/ruleOf.js';
import type { BuiltProjection } from '../buildNetwork.js';
import { isProcedural } from '../synapses/fixedProbability.js';

/**
 * Why the module cannot scatter a projection's spikes, or null when it can. Such a projection
 * (a learning rule; rows drawn procedurally by distance) is
 * scattered by the step's JavaScript, the JavaScript kernel's code, beside the module on one
 * thread.
 *
 * @param p - a projection spec
 * @returns the reason, or null
 * @example
 * ```ts
 * moduleScatterIneligibility(spec.projections[0]); // 'projection "EE" draws its rows by distance procedurally'
 * ```
 */
export function moduleScatterIneligibility(p: ProjectionSpec): string | null {
  if (perSynapseField(p) === 'plasticity') return `projection "${p.name}" has a learning rule`;
  const c = p.connectivity;
  if (!isProcedural(c)) return null;
  if (c.kind === 'distance') return `projection "${p.name}" draws its rows by distance procedurally`;
  return null;
}

/**
 * Whether the module scatters a projection's spikes (see {@link moduleScatterIneligibility}).
 *
 * @param p - a built projection
 * @returns true when the module's `x` functions take it
 */
export function scatteredByModule(p: BuiltProjection): boolean {
  return moduleScatterIneligibility(p.spec) === null;
}
