/**
 * Adds a group of adaptive exponential integrate-and-fire neurons (Brette & Gerstner 2005), in
 * mV, ms, pF, nS and pA (forward Euler):
 *
 * ```text
 * C dV/dt = −gL (V − EL) + gL ΔT exp((V − VT)/ΔT) − w + I      τw dw/dt = a (V − EL) − w
 * V ≥ peak  →  spike, V = reset, w += b
 * ```
 *
 * Synaptic weights and inputs into the group are currents, in pA. Naud et al. 2008 list
 * parameter sets for its firing patterns (tonic, adapting, bursting, ...).
 *
 * @example
 * ```ts
 * import { adex, clock, input, network } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 500 }).pipe(
 *   network({ seed: 1 }),
 *   adex('A', { size: 10, C: 200, gL: 12, EL: -70, VT: -50, deltaT: 2, tauw: 300, a: 2, b: 60, reset: -58, peak: 0 }),
 *   input('A', 500), // pA: an adapting neuron
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

/** Parameters of an AdEx group. */
export interface AdexParams extends Placed {
  readonly size: number;
  /** Membrane capacitance, pF. */
  readonly C: number;
  /** Leak conductance, nS. */
  readonly gL: number;
  /** Leak reversal potential, mV. */
  readonly EL: number;
  /** Threshold of the exponential term, mV. */
  readonly VT: number;
  /** Slope factor, mV. */
  readonly deltaT: number;
  /** Adaptation time constant, ms. */
  readonly tauw: number;
  /** Subthreshold adaptation, nS. */
  readonly a: number;
  /** Spike-triggered adaptation, pA. */
  readonly b: number;
  /** Potential after a spike, mV. */
  readonly reset: number;
  /** Spike cut-off, mV. */
  readonly peak: number;
  /** Initial potential: a number or an initializer. Default `EL`. */
  readonly v0?: number | Initializer;
}

/**
 * @param name - the group's name, unique in the network
 * @param params - the model's parameters and initial potential
 * @returns an operator that adds the group to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function adex(name: string, params: AdexParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const { v0 = params.EL, ...rest } = params;
    const group = { kind: 'adex', name, ...rest, v0: asInitializer(v0) };
    return asNetwork(source, `adex("${name}")`).extend(`group "${name}" (adex)`, (spec) => ({ ...spec, groups: [...spec.groups, group] }));
  };
}
