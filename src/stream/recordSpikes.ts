/**
 * Collects every spike of a run: a monitor that emits one {@link SpikeRecord} when the run
 * completes, like Brian2's `SpikeMonitor`.
 *
 * The record's arrays are fresh and owned by the receiver (views of the buffers they were
 * collected in, which the recorder then lets go of; a buffer may be longer than its view).
 * Spikes are stored compactly (one step number and one index per spike), so a run of 10,000
 * neurons for 1 s at 10 Hz costs about 1 MB.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { recordSpikes } from 'spikestream';
 * const record = await lastValueFrom(sim.pipe(recordSpikes()));
 * const { steps, indices } = record.groups.E!;   // spike k: neuron indices[k] at steps[k] * dt ms
 * ```
 * @module
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** All spikes of one group. */
export interface SpikeTrain {
  readonly group: string;
  readonly size: number;
  /** Step of each spike (time `steps[k] * dt` ms), non-decreasing. */
  readonly steps: Float64Array;
  /** Neuron of each spike, ascending within a step. */
  readonly indices: Int32Array;
}

/** The spikes of a run, per group. */
export interface SpikeRecord {
  readonly dt: number;
  /** First step recorded. */
  readonly startStep: number;
  /** Number of steps recorded. */
  readonly steps: number;
  readonly groups: Readonly<Record<string, SpikeTrain>>;
}

interface Growing {
  size: number;
  steps: Float64Array;
  indices: Int32Array;
  count: number;
}

/**
 * Spikes a group's buffers hold before they first grow: 16 per neuron (a second at 16 Hz), at
 * least 1,024 and at most 65,536 (768 KB). Each time the buffers grow, what they hold is copied
 * into fresh memory, whose pages the system then supplies one by one as they are first
 * written, which is slow next to a step. For the seed network (47,000 E and 28,000 I spikes per
 * second) buffers that start at this size never grow. A record that ends is handed over as
 * views of these buffers rather than copied into exact ones, for the same reason.
 */
function firstCapacity(size: number): number {
  return Math.min(1 << 16, Math.max(1024, 16 * size));
}

/**
 * @param groups - the groups to record (default: all)
 * @returns an operator that emits one record when the source completes
 */
export function recordSpikes(groups?: readonly string[]): OperatorFunction<Frame, SpikeRecord> {
  return (source) =>
    new Observable<SpikeRecord>((subscriber) => {
      const trains = new Map<string, Growing>();
      let dt = NaN;
      let startStep = 0;
      let steps = 0;
      return source.subscribe({
        next: (frame) => {
          if (steps === 0) {
            dt = frame.dt;
            startStep = frame.step;
          }
          steps += frame.steps;
          for (const name of groups ?? Object.keys(frame.spikes)) {
            const block = frame.spikes[name];
            if (block === undefined) {
              subscriber.error(new RangeError(`recordSpikes: no group named "${name}" (groups: ${Object.keys(frame.spikes).join(', ')})`));
              return;
            }
            let train = trains.get(name);
            if (train === undefined) {
              const capacity = firstCapacity(block.size);
              train = { size: block.size, steps: new Float64Array(capacity), indices: new Int32Array(capacity), count: 0 };
              trains.set(name, train);
            }
            const n = block.indices.length;
            if (train.count + n > train.indices.length) {
              const capacity = Math.max(train.count + n, train.indices.length * 2);
              const s = new Float64Array(capacity);
              s.set(train.steps.subarray(0, train.count));
              const i = new Int32Array(capacity);
              i.set(train.indices.subarray(0, train.count));
              train.steps = s;
              train.indices = i;
            }
            train.indices.set(block.indices, train.count);
            stepOfEach(train.steps, train.count, block.stepPtr, frame.step, frame.steps);
            train.count += n;
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          const out: Record<string, SpikeTrain> = Object.create(null) as Record<string, SpikeTrain>;
          for (const [name, t] of trains) {
            out[name] = { group: name, size: t.size, steps: t.steps.subarray(0, t.count), indices: t.indices.subarray(0, t.count) };
          }
          subscriber.next({ dt, startStep, steps, groups: out });
          subscriber.complete();
        },
      });
    });
}

/**
 * Writes each spike's step, from a block's step pointers: a function of its own, so that what
 * V8 optimizes as a run goes on (on a background thread, which takes a core from a kernel's
 * threads) is this small loop, quickly, not the whole recorder around it, which took V8 many
 * times longer when the loop was inline.
 */
export function stepOfEach(out: Float64Array, at: number, stepPtr: Int32Array, first: number, steps: number): void {
  for (let j = 0; j < steps; j++) out.fill(first + j, at + stepPtr[j]!, at + stepPtr[j + 1]!);
}
