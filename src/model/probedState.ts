/**
 * Which state variable of a group or projection a probe reads: both kernels ask this one
 * question, so that a probe of Izhikevich's `u`, of a Hodgkin–Huxley gate, of a user's `w` or of
 * a synapse's second variable reads the same array on every back end and thread count.
 *
 * @example
 * ```ts
 * import { probedState } from './probedState.js';
 * probedState(izhikevichGroup, 'u'); // 1
 * probedState(izhikevichGroup, 'V'); // 0
 * projectionVariables(dualExpProjection, group).get('h'); // 1
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';
import { modelGroupOf } from './library/modelGroupOf.js';
import { checkedTracesOf } from './library/synapseTraces.js';
import { modelOf } from './modelOf.js';
import type { ProjectionSpec } from './projectionSpec.js';

/**
 * @param g - the probed group
 * @param variable - the probe's variable (checked by `checkNetworkSpec`)
 * @returns the index of the model's state variable (its arrays after V are 1, 2, …), of a
 *   Hodgkin–Huxley group's gate (m 1, h 2, n 3: its definition's), or 0 for V
 */
export function probedState(g: GroupSpec, variable: string): number {
  return Math.max(0, modelOf(modelGroupOf(g)).states.indexOf(variable));
}

/**
 * The variables a probe of a projection may name: `s`, its trace, and the names its synapse's
 * definition gives its variables (a user's first variable under its own name, then a second
 * one such as a dual exponential's `h`), in the order of the kernels' arrays `s`, `h`.
 *
 * @param p - the projection
 * @param post - its target group (undefined in a spec whose checks have not passed)
 * @returns the names, each with its array's index (0: s, 1: h)
 */
export function projectionVariables(p: ProjectionSpec, post: GroupSpec | undefined): ReadonlyMap<string, number> {
  const variables = checkedTracesOf(p.synapse, post)?.variables ?? ['s'];
  return new Map([['s', 0], ...variables.map((name, k) => [name, k] as const)]);
}
