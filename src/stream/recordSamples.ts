/**
 * Collects a probe's samples over a run: emits one {@link SampleRecord} when the run completes.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { recordSamples } from 'spikestream';
 * const vE = await lastValueFrom(sim.pipe(recordSamples('vE')));
 * vE.values[step * vE.indices.length + column]; // V of neuron indices[column] at step
 * ```
 * @module
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** The samples of one probe over a run; arrays are fresh and owned by the receiver. */
export interface SampleRecord {
  readonly name: string;
  readonly dt: number;
  readonly startStep: number;
  readonly steps: number;
  readonly indices: readonly number[];
  /** `steps × indices.length`, row-major. */
  readonly values: Float64Array;
}

/**
 * @param name - the probe's name (see `sampleState`)
 * @returns an operator that emits the whole record when the source completes
 */
export function recordSamples(name: string): OperatorFunction<Frame, SampleRecord> {
  return (source) =>
    new Observable<SampleRecord>((subscriber) => {
      let values = new Float64Array(0);
      let used = 0;
      let steps = 0;
      let startStep = 0;
      let dt = NaN;
      let indices: readonly number[] = [];
      return source.subscribe({
        next: (frame) => {
          const block = frame.samples[name];
          if (block === undefined) {
            subscriber.error(new RangeError(`recordSamples: no probe named "${name}" (probes: ${Object.keys(frame.samples).join(', ') || 'none'})`));
            return;
          }
          if (steps === 0) {
            startStep = frame.step;
            dt = frame.dt;
            indices = block.indices;
          }
          if (used + block.values.length > values.length) {
            const grown = new Float64Array(Math.max(used + block.values.length, values.length * 2, 1024));
            grown.set(values.subarray(0, used));
            values = grown;
          }
          values.set(block.values, used);
          used += block.values.length;
          steps += frame.steps;
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          subscriber.next({ name, dt, startStep, steps, indices, values: values.slice(0, used) });
          subscriber.complete();
        },
      });
    });
}
