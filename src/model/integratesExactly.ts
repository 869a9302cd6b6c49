/**
 * Whether a group is integrated by exponential Euler, and so are the traces of the projections
 * into it (they decay by e^(−dt/τ) each step, stable for any dt): a group whose model's method is
 * `exponential_euler` (LIF groups with `integrator: 'exponential'`, Hodgkin–Huxley groups,
 * `neuron` groups that say so: each kind's definition says it, see `modelGroupOf`). Both the
 * kernel's code generation and the time-step checks ask this one question.
 *
 * @example
 * ```ts
 * integratesExactly({ kind: 'lif', integrator: 'exponential', ... }); // true
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';
import { modelGroupOf } from './library/modelGroupOf.js';

/**
 * @param g - a group spec
 * @returns true when the group and its incoming traces step exactly
 */
export function integratesExactly(g: GroupSpec): boolean {
  return modelGroupOf(g).method === 'exponential_euler';
}
