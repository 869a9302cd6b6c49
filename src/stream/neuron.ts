/**
 * Adds a group of neurons whose model is written as equations: the user's own dynamics,
 * compiled into the kernel like the built-in kinds (docs/models.md, "Writing your own model").
 *
 * ```text
 * equations   dx/dt = expr          one per line or separated by ";"  (a trailing ": unit" is ignored)
 *             y = expr              a named sub-expression
 * threshold   a condition           spike where it holds, after the step's update
 * reset       x = expr; y += expr   statements applied, in order, to a neuron that spiked
 * ```
 *
 * `I` is the summed input of the group's projections and inputs, as for `lif`. The first state
 * variable is the group's `V`: delta synapses jump it, conductance synapses drive it, probes
 * sample it as `V` (or by its name). `xi` is white noise (Euler–Maruyama, from the network's
 * seeded streams); `rand()` and `randn()` draw from the same streams in the threshold and reset
 * (`threshold: 'rand() < rate * dt / 1000'` is a Poisson source). Every expression is checked when the operator is applied: a mistake throws a
 * `SpecError` naming the field, the line and the column.
 *
 * @example
 * ```ts
 * import { clock, network, neuron, input, uniform } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 1000 }).pipe(
 *   network({ seed: 1 }),
 *   neuron('Q', {
 *     size: 1000,
 *     equations: 'dv/dt = (v*v/10 + drive + I) / tau',
 *     threshold: 'v >= 10',
 *     reset: 'v = -10',
 *     parameters: { tau: 10, drive: uniform(0.5, 5) },
 *     initial: { v: -10 },
 *   }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Method } from '../model/expr/neuronModel.js';
import type { Initializer } from '../model/groupSpec.js';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';
import type { Placed } from './positions.js';

/** A neuron model written as equations, and its group's size. */
export interface NeuronParams extends Placed {
  /** Number of neurons. */
  readonly size: number;
  /** `dx/dt = expr` lines and `y = expr` sub-expressions. */
  readonly equations: string;
  /** The spike condition, such as `v >= 10`. */
  readonly threshold: string;
  /** Statements applied after a spike, such as `v = 0; vt += 2`. Default: none. */
  readonly reset?: string;
  /**
   * Refractory period, ms (a whole number of steps): no spike, and the `(unless refractory)`
   * equations not integrated. Or a condition, Brian2's `refractory='v > -20*mV'`: refractory at
   * each step where it holds on the values at the step's start (`threshold: 'v > -20',
   * refractory: 'v > -20'` spikes once per upward crossing). Or a period in ms written as an
   * expression of the parameters, such as `'tref'` with `tref` one value per neuron, counted in
   * steps as Brian2 counts them, ⌊(x + 0.001·dt)/dt⌋. Default 0.
   */
  readonly refractory?: number | string;
  /** `'euler'` (default), `'exponential_euler'`, `'rk2'` or `'rk4'`. */
  readonly method?: Method;
  /** Each parameter: one number, or an initializer (one value per neuron, such as `uniform(0.5, 5)`). */
  readonly parameters?: Readonly<Record<string, number | Initializer>>;
  /** Each state variable's start: a number or an initializer. Default 0. */
  readonly initial?: Readonly<Record<string, number | Initializer>>;
}

/**
 * @param name - the group's name, unique in the network
 * @param params - size, equations, threshold, reset, method, parameters, initial values
 * @returns an operator that adds the group to a {@link Network}
 * @throws SpecError (when applied) naming the field, line and column that are wrong
 */
export function neuron(name: string, params: NeuronParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const group = { kind: 'neuron', name, ...params };
    return asNetwork(source, `neuron("${name}")`).extend(`group "${name}" (neuron)`, (spec) => ({ ...spec, groups: [...spec.groups, group] }));
  };
}
