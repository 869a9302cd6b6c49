/**
 * Adds a piecewise-constant input to a group, as Brian2's TimedArray: `values[j]` from time
 * `times[j]` until the next time, 0 before the first. One time makes a step input; a time per
 * step replays a recorded current. It is compiled into the kernel: no RxJS work per step.
 *
 * @example
 * ```ts
 * import { clock, network, lif, timedInput } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 500 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 100, tau: 15, threshold: 15, reset: 0 }),
 *   timedInput('E', { times: [0, 300], values: [30, 36] }),   // a step at 300 ms
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/** The changes of a timed input. */
export interface TimedInputParams {
  /** Times of the changes, ms: increasing, whole steps. */
  readonly times: readonly number[];
  /** The value from each time on. */
  readonly values: readonly number[];
}

/**
 * @param group - the group it feeds
 * @param params - the times and values
 * @returns an operator that adds the input to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong
 */
export function timedInput(group: string, params: TimedInputParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const spec = { kind: 'timed', group, times: [...params.times], values: [...params.values] };
    return asNetwork(source, `timedInput("${group}")`).extend(`timed input into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, spec] }));
  };
}
