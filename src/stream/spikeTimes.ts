/**
 * Adds spikes at given times to a group, as Brian2's SpikeGeneratorGroup and PyNN's
 * SpikeSourceArray: neuron `indices[j]` spikes at `times[j]` ms, in the step the time falls in
 * (Brian2's `timestep`, ⌊(t + 0.001·dt)/dt⌋), besides the spikes it makes by itself, and its
 * targets take them as its own. On a Poisson group of rate 0 they are its only spikes: replayed
 * recordings, a pairing protocol, a precise pattern. It is compiled into the kernel: no RxJS work
 * per step. A neuron given two times in one step is refused, as Brian2 refuses it.
 *
 * @example
 * ```ts
 * import { clock, network, poissonGroup, spikeTimes } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   poissonGroup('In', { size: 3, rate: 0 }),
 *   spikeTimes('In', { indices: [0, 2, 0], times: [10, 10, 25.5] }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/** The spikes of a {@link spikeTimes} input, one neuron and one time each. */
export interface SpikeTimesParams {
  /** The neuron of each spike, an index into the group. */
  readonly indices: readonly number[];
  /** The time of each spike, ms (any order). */
  readonly times: readonly number[];
  /** ms, a whole number of steps: the pattern repeats with it, every time below it (Brian2's `period`). */
  readonly period?: number;
}

/**
 * @param group - the group whose neurons spike
 * @param params - each spike's neuron and time
 * @returns an operator that adds the input to a {@link Network}
 * @throws SpecError (when applied) naming the field that is wrong (lengths that differ, a
 *   neuron not in the group)
 */
export function spikeTimes(group: string, params: SpikeTimesParams): (source: Observable<Frame>) => Network {
  return (source) => {
    const spec = { kind: 'spikeTimes', group, indices: [...params.indices], times: [...params.times], ...(params.period === undefined ? {} : { period: params.period }) };
    return asNetwork(source, `spikeTimes("${group}")`).extend(`spike times into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, spec] }));
  };
}
