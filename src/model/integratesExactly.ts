/**
 * Whether a group is integrated by exponential Euler, and so are the traces of the projections
 * into it (they decay by e^(−dt/τ) each step, stable for any dt): LIF groups with
 * `integrator: 'exponential'`, Hodgkin–Huxley groups and `neuron` groups with method
 * `exponential_euler`. Both the kernel's code generation and the
 * time-step checks ask this one question.
 *
 * @example
 * ```ts
 * integratesExactly({ kind: 'lif', integrator: 'exponential', ... }); // true
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';

/**
 * @param g - a group spec
 * @returns true when the group and its incoming traces step exactly
 */
export function integratesExactly(g: GroupSpec): boolean {
  return (g.kind === 'lif' && g.integrator === 'exponential') || g.kind === 'hh' || (g.kind === 'neuron' && g.method === 'exponential_euler');
}
