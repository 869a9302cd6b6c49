/**
 * A group's refractory period, ms: `refractory` of LIF and Hodgkin–Huxley groups, 0 for every
 * other kind and when none is given. The one place that knows which kinds have one, for the
 * time-step checks, the counters' allocation and both kernels' code generation.
 *
 * @example
 * ```ts
 * refractoryPeriod({ kind: 'lif', refractory: 2, ... }); // 2
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';
import { modelOf } from './modelOf.js';

/**
 * @param g - a group spec
 * @returns its refractory period, ms (0: none)
 */
export function refractoryPeriod(g: GroupSpec): number {
  // A `neuron` group's refractory condition (a string) has no period: see its model's `refractory`.
  return g.kind === 'lif' || g.kind === 'hh' || g.kind === 'neuron' ? (typeof g.refractory === 'number' ? g.refractory : 0) : 0;
}

/**
 * Whether a group keeps refractory counters: a period given as a number above 0, or a `neuron`
 * group's period written as an expression (each neuron's evaluated at its spikes). A refractory
 * condition needs none.
 *
 * @param g - a group spec
 * @returns true when the kernels keep a counter per neuron
 * @example
 * ```ts
 * countsRefractory({ kind: 'neuron', refractory: 'tref', ... }); // true
 * ```
 */
export function countsRefractory(g: GroupSpec): boolean {
  return refractoryPeriod(g) > 0 || (g.kind === 'neuron' && typeof g.refractory === 'string' && modelOf(g).period !== null);
}
