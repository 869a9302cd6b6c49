/**
 * The spikes of one group, one emission per step (also for steps without spikes).
 *
 * This does RxJS work per step; for throughput, read `frame.spikes[group]` per frame instead.
 * `indices` is a view valid until the next emission.
 *
 * @example
 * ```ts
 * import { spikeEvents } from 'spikestream';
 * sim.pipe(spikeEvents('E')).subscribe(({ t, indices }) => draw(t, indices));
 * ```
 * @module
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** The spikes of one group at one step. */
export interface SpikeEvent {
  readonly group: string;
  readonly step: number;
  /** `step * dt`, ms. */
  readonly t: number;
  /** Neurons that spiked, ascending; a view valid until the next emission. */
  readonly indices: Int32Array;
}

/**
 * @param group - the group to follow
 * @returns an operator from frames to one event per step
 */
export function spikeEvents(group: string): OperatorFunction<Frame, SpikeEvent> {
  return (source) =>
    new Observable<SpikeEvent>((subscriber) =>
      source.subscribe({
        next: (frame) => {
          const block = frame.spikes[group];
          if (block === undefined) {
            subscriber.error(new RangeError(`spikeEvents: no group named "${group}" (groups: ${Object.keys(frame.spikes).join(', ')})`));
            return;
          }
          for (let j = 0; j < frame.steps && !subscriber.closed; j++) {
            const step = frame.step + j;
            subscriber.next({ group, step, t: step * frame.dt, indices: block.indices.subarray(block.stepPtr[j], block.stepPtr[j + 1]) });
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      }),
    );
}
