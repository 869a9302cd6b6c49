/**
 * Adds a group of leaky integrate-and-fire neurons to a network.
 *
 * The model (forward Euler):
 *
 * ```text
 * τ dV/dt = −(V − rest) + I        V ≥ threshold  →  spike, V = reset
 * ```
 *
 * With `refractory` (ms), a neuron is then held at `reset`, neither integrated nor able to
 * spike, for that many ms (Tian et al. 2020 has none; Brette et al. 2007's CUBA has 5 ms).
 *
 * `I` is the sum of the group's synaptic traces (`g·s`) and inputs, rebuilt every step.
 *
 * @example
 * ```ts
 * import { clock, network, lif, uniform } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 8000, tau: 15, threshold: 15, reset: 0, v0: uniform(0, 15) }),
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

/** Parameters of a LIF group. */
export interface LifParams extends Placed {
  /** Number of neurons. */
  readonly size: number;
  /** Membrane time constant, ms. */
  readonly tau: number;
  /** Resting (leak reversal) potential: τ dV/dt = −(V − rest) + I. Default 0. */
  readonly rest?: number;
  /** Spike threshold. */
  readonly threshold: number;
  /** Potential after a spike. */
  readonly reset: number;
  /** Initial potential: a number, or an initializer such as `uniform(0, 15)`. Default `reset`. */
  readonly v0?: number | Initializer;
  /** Refractory period, ms (a whole number of steps): held at `reset`, no spike. Default 0. */
  readonly refractory?: number;
  /**
   * `'euler'` (default, forward Euler) or `'exponential'` (exact for an input constant over the
   * step, stable for any dt; the traces into the group decay exactly too).
   */
  readonly integrator?: 'euler' | 'exponential';
}

/**
 * @param name - the group's name, unique in the network
 * @param params - size, time constant, threshold, reset and initial potential
 * @returns an operator that adds the group to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function lif(name: string, params: LifParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const { v0 = params.reset, ...rest } = params;
    const group = { kind: 'lif', name, ...rest, v0: asInitializer(v0) };
    return asNetwork(source, `lif("${name}")`).extend(`group "${name}" (lif)`, (spec) => ({
      ...spec,
      groups: [...spec.groups, group],
    }));
  };
}
