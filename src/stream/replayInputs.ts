/**
 * Replays a closed-loop session offline: the values its inputs received, each at the step it
 * acted at, applied to the same network again, so that the run gives the same spikes, bit for
 * bit, in virtual time (as fast as the machine goes), whatever the timing of the original.
 * `spikestream serve` records its sessions (`SpikeServer.recording()`, `--record FILE`).
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { fromSpec, recordSpikes, replayInputs, type SessionRecording } from 'spikestream';
 * const session: SessionRecording = { inputs: [{ step: 120, input: 0, value: 32 }] };
 * const record = await lastValueFrom(replayInputs(fromSpec(json, { duration: 20 }), session).pipe(recordSpikes()));
 * ```
 * @module
 */
import { defer, ReplaySubject, tap, type Observable } from 'rxjs';
import type { Frame } from './frame.js';
import type { InputValue } from './inputValue.js';
import { Network } from './network.js';
import { takesValues } from '../model/inputSpec.js';

/** The inputs a session received: each value, the input it went to, and the step it acted at. */
export interface SessionRecording {
  readonly inputs: readonly { readonly step: number; readonly input: number; readonly value: InputValue }[];
}

/**
 * @param net - the network of the session (its stream, spike and rate inputs take the values)
 * @param recording - the session's inputs
 * @returns the frames of one run with the recorded values applied at their steps (a cold
 *   observable: each subscription replays the session again)
 * @throws RangeError naming a recorded value for an input the network does not take values for
 */
export function replayInputs(net: Network, recording: SessionRecording): Observable<Frame> {
  recording.inputs.forEach(({ input, step }, j) => {
    const spec = net.spec.inputs[input];
    if (spec === undefined || !takesValues(spec)) throw new RangeError(`replayInputs: recording.inputs[${j}].input: inputs[${input}] of the network takes no values`);
    if (!(Number.isInteger(step) && step >= 0)) throw new RangeError(`replayInputs: recording.inputs[${j}].step: expected a whole number >= 0, got ${step}`);
  });
  return defer(() => {
    // The values for each input; those for step 0 are there before the run subscribes.
    const slots = new Map<number, ReplaySubject<InputValue>>();
    net.spec.inputs.forEach((input, k) => {
      if (takesValues(input)) slots.set(k, new ReplaySubject<InputValue>());
    });
    const byStep = new Map<number, { input: number; value: InputValue }[]>();
    for (const { step, input, value } of recording.inputs) {
      if (step === 0) slots.get(input)!.next(value);
      else byStep.set(step, [...(byStep.get(step) ?? []), { input, value }]);
    }
    const streams = new Map(net.streams);
    for (const [k, slot] of slots) streams.set(k, slot);
    // A value recorded at step S is given after the frame that ends at S, before step S runs:
    // with stream inputs the simulation runs one step per frame.
    return new Network(net.clock, net.spec, streams).build().pipe(
      tap((frame) => {
        for (const { input, value } of byStep.get(frame.step + frame.steps) ?? []) slots.get(input)!.next(value);
      }),
    );
  });
}
