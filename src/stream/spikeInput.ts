/**
 * Injects spikes into a group at run time: each value of `spikes$` lists neurons that spike at
 * the next step, as well as those that spike by themselves (each neuron once), and reaches the
 * group's targets as its own spikes do. For event cameras, threshold crossings computed outside,
 * or a client over the wire (`spikestream serve`). The neurons' state is left as it is.
 *
 * Values that arrive between two steps are gathered for the next one; in a closed loop, neurons
 * computed from the frame of step k spike at step k + 1. A neuron outside the group ends the
 * run with a `SimulationError` naming the input.
 *
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import { clock, network, lif, spikeInput } from 'spikestream';
 * const events$ = new Subject<number[]>();
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('retina', { size: 1024, tau: 10, threshold: 1, reset: 0 }),
 *   spikeInput('retina', events$),
 * );
 * events$.next([3, 17, 512]); // these three spike at the next step
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import type { InputValue } from './inputValue.js';
import { asNetwork, type Network } from './network.js';

/**
 * @param group - the group the spikes are injected into
 * @param spikes$ - neurons that spike at the next step: an array (or one neuron) per value
 * @returns an operator that adds the input (`{kind: "spikes", group}`) to a {@link Network}
 */
export function spikeInput(group: string, spikes$: Observable<InputValue>): (source: Observable<Frame>) => Network {
  return (source) =>
    asNetwork(source, `spikeInput("${group}")`).extend(`spike input into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, { kind: 'spikes', group }] }), spikes$);
}
