/**
 * A group's refractory period, ms: its model's `refractory` when that is a number (a LIF's, a
 * Hodgkin–Huxley group's, a `neuron` group's), 0 for every other kind and when none is given:
 * the definition of each kind says it (see `modelGroupOf`). The one place the time-step checks,
 * the counters' allocation and both kernels' code generation ask.
 *
 * @example
 * ```ts
 * refractoryPeriod({ kind: 'lif', refractory: 2, ... }); // 2
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';
import { modelOf } from './modelOf.js';
import { modelGroupOf } from './library/modelGroupOf.js';

/**
 * @param g - a group spec
 * @returns its refractory period, ms (0: none)
 */
export function refractoryPeriod(g: GroupSpec): number {
  // A refractory condition (a string) has no period: see its model's `refractory`.
  const refractory = modelGroupOf(g).refractory;
  return typeof refractory === 'number' ? refractory : 0;
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
  const model = modelGroupOf(g);
  return refractoryPeriod(g) > 0 || (typeof model.refractory === 'string' && modelOf(model).period !== null);
}
