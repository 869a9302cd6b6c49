/**
 * Sets a Poisson group's rate at run time: each value of `rate$` (Hz) holds from the next step
 * on; the group's own `rate` holds until the first. For a stimulus whose strength follows a
 * closed loop or a client over the wire (`spikestream serve`).
 *
 * @example
 * ```ts
 * import { BehaviorSubject } from 'rxjs';
 * import { clock, network, poissonGroup, rateInput } from 'spikestream';
 * const rate$ = new BehaviorSubject(5);
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   poissonGroup('P', { size: 100, rate: 5 }),
 *   rateInput('P', rate$),
 * );
 * rate$.next(40); // 40 Hz from the next step
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/**
 * @param group - a Poisson group
 * @param rate$ - its rate, Hz (from 0 to one spike per step, 1000/dt)
 * @returns an operator that adds the input (`{kind: "rate", group}`) to a {@link Network}
 */
export function rateInput(group: string, rate$: Observable<number>): (source: Observable<Frame>) => Network {
  return (source) => asNetwork(source, `rateInput("${group}")`).extend(`rate input into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, { kind: 'rate', group }] }), rate$);
}
