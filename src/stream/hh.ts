/**
 * Adds a group of Hodgkin–Huxley neurons with Traub & Miles (1991) channels, as in Brette et
 * al. 2007's COBAHH benchmark, in mV, ms, pF, nS and pA, integrated by exponential Euler:
 *
 * ```text
 * C dV/dt = gL (EL − V) + gNa m³h (ENa − V) + gK n⁴ (EK − V) + Σ g_syn (E_syn − V) + I
 * dx/dt = αx(V) (1 − x) − βx(V) x      (x = m, h, n; Traub–Miles rates offset by VT)
 * V crosses threshold (−20 mV) upwards  →  spike (no reset)
 * ```
 *
 * Conductance synapses (`expConductance`) into the group enter V's exponential Euler step as
 * conductances; current synapses and inputs are currents, in pA. With `refractory` (ms), a
 * neuron cannot spike again within that time. The gates start at their steady state for V0
 * unless `m0`, `h0`, `n0` are given.
 *
 * @example
 * ```ts
 * import { clock, hh, input, network, normal } from 'spikestream';
 * // COBAHH's neurons: 20,000 µm² of membrane.
 * const net$ = clock({ dt: 0.1, duration: 200 }).pipe(
 *   network({ seed: 1 }),
 *   hh('P', { size: 10, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, refractory: 3, v0: normal(-65, 5) }),
 *   input('P', 500), // pA: tonic firing
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Initializer } from '../model/groupSpec.js';
import type { Frame } from './frame.js';
import { asInitializer } from '../model/initializer.js';
import { asNetwork, type Network } from './network.js';
import type { Placed } from './positions.js';

/** Parameters of a Hodgkin–Huxley group. */
export interface HhParams extends Placed {
  readonly size: number;
  /** Membrane capacitance, pF. */
  readonly C: number;
  /** Leak conductance, nS. */
  readonly gL: number;
  /** Leak reversal potential, mV. */
  readonly EL: number;
  /** Peak sodium conductance, nS. */
  readonly gNa: number;
  /** Sodium reversal potential, mV. */
  readonly ENa: number;
  /** Peak potassium (delayed rectifier) conductance, nS. */
  readonly gK: number;
  /** Potassium reversal potential, mV. */
  readonly EK: number;
  /** Offset of the rate functions, mV (−63 in COBAHH). */
  readonly VT: number;
  /** Spike detection level, crossed upwards, mV. Default −20. */
  readonly threshold?: number;
  /** Refractory period, ms (a whole number of steps): no second spike within it. Default 0. */
  readonly refractory?: number;
  /** Initial potential: a number or an initializer. Default `EL`. */
  readonly v0?: number | Initializer;
  /** Initial gates: numbers or initializers. Default: their steady state at V0. */
  readonly m0?: number | Initializer;
  readonly h0?: number | Initializer;
  readonly n0?: number | Initializer;
}

/**
 * @param name - the group's name, unique in the network
 * @param params - the model's parameters and initial state
 * @returns an operator that adds the group to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function hh(name: string, params: HhParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const { v0 = params.EL, m0, h0, n0, ...rest } = params;
    const group = {
      kind: 'hh',
      name,
      ...rest,
      v0: asInitializer(v0),
      ...(m0 === undefined ? {} : { m0: asInitializer(m0) }),
      ...(h0 === undefined ? {} : { h0: asInitializer(h0) }),
      ...(n0 === undefined ? {} : { n0: asInitializer(n0) }),
    };
    return asNetwork(source, `hh("${name}")`).extend(`group "${name}" (hh)`, (spec) => ({ ...spec, groups: [...spec.groups, group] }));
  };
}
