/**
 * Collects a weight probe's samples over a run: emits one {@link WeightRecord} when the run
 * completes.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { recordWeights } from 'spikestream';
 * const w = await lastValueFrom(sim.pipe(recordWeights('wIn')));
 * w.values.subarray(k * w.width, (k + 1) * w.width); // the weights at step w.steps[k]
 * ```
 * @module
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** A weight probe's samples over a run; arrays are fresh and owned by the receiver. */
export interface WeightRecord {
  readonly name: string;
  readonly projection: string;
  readonly dt: number;
  /** The sampled synapses (indices in row order), or null for all. */
  readonly synapses: readonly number[] | null;
  /** Synapses per sample. */
  readonly width: number;
  /** The step of each sample. */
  readonly steps: readonly number[];
  /** `steps.length × width`, row-major. */
  readonly values: Float64Array;
}

/**
 * @param name - the weight probe's name (see `sampleWeights`)
 * @returns an operator that emits the whole record when the source completes
 */
export function recordWeights(name: string): OperatorFunction<Frame, WeightRecord> {
  return (source) =>
    new Observable<WeightRecord>((subscriber) => {
      const steps: number[] = [];
      const chunks: Float64Array[] = [];
      let projection = '';
      let synapses: readonly number[] | null = null;
      let dt = NaN;
      return source.subscribe({
        next: (frame) => {
          const block = frame.weights[name];
          if (block === undefined) {
            subscriber.error(new RangeError(`recordWeights: no weight probe named "${name}" (weight probes: ${Object.keys(frame.weights).join(', ') || 'none'})`));
            return;
          }
          dt = frame.dt;
          projection = block.projection;
          synapses = block.synapses;
          steps.push(...block.steps);
          if (block.values.length > 0) chunks.push(block.values);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => {
          const values = new Float64Array(chunks.reduce((n, c) => n + c.length, 0));
          chunks.reduce((offset, c) => (values.set(c, offset), offset + c.length), 0);
          const width = steps.length === 0 ? 0 : values.length / steps.length;
          subscriber.next({ name, projection, dt, synapses, width, steps, values });
          subscriber.complete();
        },
      });
    });
}
