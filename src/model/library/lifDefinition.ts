/**
 * The built-in LIF kind as a definition in the equation language.
 *
 * @example
 * ```ts
 * import { lifDefinition } from './lifDefinition.js';
 * lifDefinition({ kind: 'lif', name: 'E', size: 10, tau: 15, threshold: 15, reset: 0, v0: { kind: 'constant', value: 0 } }).equations;
 * // 'dv/dt = (I - v) / tau : 1 (unless refractory)'
 * ```
 * @module
 */
import type { LifGroupSpec } from '../groupSpec.js';
import type { ModelGroup } from './modelGroup.js';

/**
 * `τ dv/dt = (rest + I) − v`; at `v ≥ threshold` a spike and `v = reset`, then `refractory` ms
 * held at reset (`(unless refractory)`). Euler's step is `v + (I − v)·(dt/τ)` and exponential Euler's `I + (v − I)·e^(−dt/τ)`,
 * each with one literal (see neuronSource), the arithmetic the LIF has always had.
 *
 * @param g - a LIF group
 * @returns its definition
 */
export function lifDefinition(g: LifGroupSpec): ModelGroup {
  return {
    kind: 'neuron',
    name: g.name,
    size: g.size,
    equations: 'dv/dt = (I - v) / tau : 1 (unless refractory)',
    threshold: 'v >= vth',
    reset: 'v = vreset',
    method: g.integrator === 'exponential' ? 'exponential_euler' : 'euler',
    parameters: { tau: g.tau, vth: g.threshold, vreset: g.reset },
    ...(g.refractory === undefined ? {} : { refractory: g.refractory }),
    ...(g.rest === undefined || g.rest === 0 ? {} : { baseline: g.rest }),
  };
}
