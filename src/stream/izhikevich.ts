/**
 * Adds a group of Izhikevich (2003) neurons to a network, in mV and ms (forward Euler):
 *
 * ```text
 * dv/dt = 0.04 v² + 5 v + 140 − u + I      du/dt = a (b v − u)
 * v ≥ peak (30)  →  spike, v = c, u += d
 * ```
 *
 * `u` starts at `b · v0`. The classic parameter sets: regular spiking a 0.02, b 0.2, c −65, d 8;
 * fast spiking a 0.1, b 0.2, c −65, d 2; chattering a 0.02, b 0.2, c −50, d 2.
 *
 * @example
 * ```ts
 * import { clock, network, izhikevich, input } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 1000 }).pipe(
 *   network({ seed: 1 }),
 *   izhikevich('RS', { size: 100, a: 0.02, b: 0.2, c: -65, d: 8, v0: -65 }),
 *   input('RS', 10),
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

/** Parameters of an Izhikevich group. */
export interface IzhikevichParams extends Placed {
  readonly size: number;
  /** Time scale of the recovery variable u. */
  readonly a: number;
  /** Sensitivity of u to v. */
  readonly b: number;
  /** Reset of v after a spike, mV. */
  readonly c: number;
  /** Increment of u after a spike. */
  readonly d: number;
  /** Initial v: a number or an initializer. Default `c`. */
  readonly v0?: number | Initializer;
  /** Spike cut-off, mV. Default 30. */
  readonly peak?: number;
}

/**
 * @param name - the group's name, unique in the network
 * @param params - size, a, b, c, d, initial v and peak
 * @returns an operator that adds the group to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function izhikevich(name: string, params: IzhikevichParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const { v0 = params.c, ...rest } = params;
    const group = { kind: 'izhikevich', name, ...rest, v0: asInitializer(v0) };
    return asNetwork(source, `izhikevich("${name}")`).extend(`group "${name}" (izhikevich)`, (spec) => ({ ...spec, groups: [...spec.groups, group] }));
  };
}
