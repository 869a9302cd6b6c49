/**
 * The population firing rate of a group, in Hz, over consecutive windows.
 *
 * Each emission covers one full window: the spikes of the group in it divided by the group
 * size and the window length. A partial window at the end of a run is not emitted.
 *
 * @example
 * ```ts
 * import { populationRate } from 'spikestream';
 * sim.pipe(populationRate('E', { window: 5 })).subscribe(({ t, rate }) => console.log(t, rate));
 * ```
 * @module
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** One window of a population rate. */
export interface RateSample {
  /** Start of the window, ms. */
  readonly t: number;
  /** First step of the window. */
  readonly step: number;
  /** Spikes per neuron per second in the window. */
  readonly rate: number;
}

/** Options of {@link populationRate}. */
export interface PopulationRateOptions {
  /** Window length, ms: a whole number of steps. Default: one step. */
  readonly window?: number;
}

/**
 * @param group - the group to measure
 * @param options - the window length
 * @returns an operator from frames to one {@link RateSample} per window
 */
export function populationRate(group: string, options: PopulationRateOptions = {}): OperatorFunction<Frame, RateSample> {
  return (source) =>
    new Observable<RateSample>((subscriber) => {
      let windowSteps = 0;
      let count = 0;
      let filled = 0;
      let start = 0;
      return source.subscribe({
        next: (frame) => {
          const block = frame.spikes[group];
          if (block === undefined) {
            subscriber.error(new RangeError(`populationRate: no group named "${group}" (groups: ${Object.keys(frame.spikes).join(', ')})`));
            return;
          }
          if (windowSteps === 0) {
            const exact = (options.window ?? frame.dt) / frame.dt;
            windowSteps = Math.round(exact);
            if (!(windowSteps >= 1) || Math.abs(exact - windowSteps) > 1e-9 * exact) {
              subscriber.error(new RangeError(`populationRate: window ${options.window} ms is not a whole number of steps of dt = ${frame.dt} ms`));
              return;
            }
            start = frame.step;
          }
          const perSecond = 1000 / (block.size * windowSteps * frame.dt);
          for (let j = 0; j < frame.steps; j++) {
            count += block.stepPtr[j + 1]! - block.stepPtr[j]!;
            if (++filled === windowSteps) {
              subscriber.next({ t: start * frame.dt, step: start, rate: count * perSecond });
              start += windowSteps;
              count = 0;
              filled = 0;
            }
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
