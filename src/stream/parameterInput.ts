/**
 * Sets a parameter of a model written as equations at run time: each value of `value$` holds
 * for every neuron of the group from the next step on; the parameter's own number holds until
 * the first. A closed loop on a model's dynamics itself (a gain, a threshold offset, an injected
 * conductance that an experiment switches), from code or a client over the wire (`spikestream
 * serve`). The kernel reads the parameter from the input's slot where it would write a literal;
 * a parameter that is the exponent of a power cannot be set so.
 *
 * @example
 * ```ts
 * import { BehaviorSubject } from 'rxjs';
 * import { clock, network, neuron, parameterInput } from 'spikestream';
 * const gain$ = new BehaviorSubject(1);
 * const net$ = clock({ dt: 0.1, duration: 500 }).pipe(
 *   network({ seed: 1 }),
 *   neuron('Q', { size: 100, equations: 'dv/dt = (gain * I - v) / 10', threshold: 'v > 1', reset: 'v = 0', parameters: { gain: 1 } }),
 *   parameterInput('Q', 'gain', gain$),
 * );
 * gain$.next(2); // from the next step
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/**
 * @param group - a `neuron` group
 * @param parameter - one of its parameters given as a number
 * @param value$ - the parameter's values
 * @returns an operator that adds the input (`{kind: "parameter", group, parameter}`) to a {@link Network}
 * @throws SpecError (when applied) naming what is wrong: not a `neuron` group, not such a
 *   parameter, a second input for it
 */
export function parameterInput(group: string, parameter: string, value$: Observable<number>): (source: Observable<Frame>) => Network {
  return (source) =>
    asNetwork(source, `parameterInput("${group}", "${parameter}")`).extend(
      `parameter "${parameter}" of "${group}"`,
      (s) => ({ ...s, inputs: [...s.inputs, { kind: 'parameter', group, parameter }] }),
      value$,
    );
}
