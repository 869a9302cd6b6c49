/**
 * Which projections the WebAssembly module scatters itself: all but those with a learning rule,
 * which the step's JavaScript scatters beside it on one thread, with the JavaScript kernel's
 * code (their `onPre` and `onPost` run there). The layout places no synapses for those, and the
 * module writes no scatter for them.
 *
 * @example
 * ```ts
 * import { moduleScatterIneligibility } from 'spikestream/kernel';
 * moduleScatterIneligibility(spec.projections[0]); // 'projection "EE" has a learning rule', or null
 * ```
 * @module
 */
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { perSynapseField } from '../../model/ruleOf.js';
import type { BuiltProjection } from '../network/builtNetwork.js';

/**
 * Why the module cannot scatter a projection's spikes, or null when it can. Such a projection
 * (one with a learning rule) is scattered by the step's JavaScript, the JavaScript kernel's
 * code, beside the module on one thread.
 *
 * @param p - a projection spec
 * @returns the reason, or null
 * @example
 * ```ts
 * moduleScatterIneligibility(spec.projections[0]); // 'projection "EE" has a learning rule', or null
 * ```
 */
export function moduleScatterIneligibility(p: ProjectionSpec): string | null {
  return perSynapseField(p) === 'plasticity' ? `projection "${p.name}" has a learning rule` : null;
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

/**
 * Whether a projection's delayed sums (per-synapse delays, stored or drawn with procedural rows)
 * live in the module's memory, where the module adds them into the traces (see `wasmArrivals`).
 *
 * @param p - a built projection
 * @returns true for a projection the module scatters that has delays of its own per synapse
 */
export function sumsInModule(p: BuiltProjection): boolean {
  return scatteredByModule(p) && (p.delays !== null || p.rowDelays !== null);
}
