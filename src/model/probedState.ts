/**
 * Which state variable of a group a probe reads: both kernels ask this one question, so that a
 * probe of Izhikevich's `u`, of a Hodgkin–Huxley gate or of a user's `w` reads the same array on
 * every back end and thread count.
 *
 * @example
 * ```ts
 * import { probedState } from './probedState.js';
 * probedState(izhikevichGroup, 'u'); // 1
 * probedState(izhikevichGroup, 'V'); // 0
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';
import { modelGroupOf } from './library/modelGroupOf.js';
import { modelOf } from './modelOf.js';

/**
 * @param g - the probed group
 * @param variable - the probe's variable (checked by `checkNetworkSpec`)
 * @returns the index of the model's state variable (its arrays after V are 1, 2, …), of a
 *   Hodgkin–Huxley group's gate (m 1, h 2, n 3: its definition's), or 0 for V
 */
export function probedState(g: GroupSpec, variable: string): number {
  return Math.max(0, modelOf(modelGroupOf(g)).states.indexOf(variable));
}
