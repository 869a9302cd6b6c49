/**
 * The built-in AdEx kind as a definition in the equation language.
 *
 * @example
 * ```ts
 * import { adexDefinition } from './adexDefinition.js';
 * adexDefinition(group).equations.split('\n')[1]; // 'dw/dt = (a*(v - EL) - w) / tauw'
 * ```
 * @module
 */
import type { AdexGroupSpec } from '../groupSpec.js';
import type { ModelGroup } from './modelGroup.js';

/**
 * The exponent at which AdEx's exponential is capped: e^700 is finite, so the divergence of `v`
 * at a spike stays a (huge) number over `peak` — a spike — instead of +∞, which every model
 * treats as a blow-up. Below the cap `min` changes nothing, bit for bit: only a step from
 * `v > VT + 700·ΔT` is affected, and it spikes either way.
 */
export const ADEX_EXPONENT_CAP = 700;

/**
 * Brette & Gerstner (2005), forward Euler from the values at the start of the step:
 * `C dv/dt = −gL (v − EL) + gL ΔT exp((v − VT)/ΔT) − w + I`, `τw dw/dt = a (v − EL) − w`; at
 * `v ≥ peak` a spike, `v = reset`, `w += b`. `w` starts at 0.
 *
 * @param g - an AdEx group
 * @returns its definition
 */
export function adexDefinition(g: AdexGroupSpec): ModelGroup {
  return {
    kind: 'neuron',
    name: g.name,
    size: g.size,
    equations: `dv/dt = (-gL*(v - EL) + gL*deltaT*exp(min((v - VT)/deltaT, ${ADEX_EXPONENT_CAP})) - w + I) / C\ndw/dt = (a*(v - EL) - w) / tauw`,
    threshold: 'v >= peak',
    reset: 'v = vreset; w += b',
    method: 'euler',
    parameters: { C: g.C, gL: g.gL, EL: g.EL, VT: g.VT, deltaT: g.deltaT, tauw: g.tauw, a: g.a, b: g.b, vreset: g.reset, peak: g.peak },
  };
}
