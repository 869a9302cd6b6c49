/**
 * The built-in Izhikevich kind as a definition in the equation language.
 *
 * @example
 * ```ts
 * import { izhikevichDefinition } from './izhikevichDefinition.js';
 * izhikevichDefinition({ kind: 'izhikevich', name: 'Z', size: 10, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'constant', value: -65 } }).reset;
 * // 'v = c; u += d'
 * ```
 * @module
 */
import type { IzhikevichGroupSpec } from '../groupSpec.js';
import type { ModelGroup } from './modelGroup.js';

/**
 * Izhikevich (2003), forward Euler from the values at the start of the step:
 * `dv/dt = 0.04 v² + 5 v + 140 − u + I`, `du/dt = a (b v − u)` (stepped as `u + (dt·a)·(b v − u)`,
 * the constant factor folded into the step, see neuronSource); at `v ≥ peak` (default 30) a
 * spike, `v = c`, `u += d`. `u` starts at `b · v0`. A `v` that overflows to +∞ is a blow-up.
 *
 * @param g - an Izhikevich group
 * @returns its definition
 */
export function izhikevichDefinition(g: IzhikevichGroupSpec): ModelGroup {
  return {
    kind: 'neuron',
    name: g.name,
    size: g.size,
    equations: 'dv/dt = 0.04*v*v + 5*v + 140 - u + I\ndu/dt = a*(b*v - u)',
    threshold: 'v >= peak',
    reset: 'v = c; u += d',
    method: 'euler',
    parameters: { a: g.a, b: g.b, c: g.c, d: g.d, peak: g.peak ?? 30 },
    startOf: (_, v0) => g.b * v0,
  };
}
