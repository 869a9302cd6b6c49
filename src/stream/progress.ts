/**
 * Reports how far a bounded run has come, each time it passes another fraction `every` of its
 * steps, with the wall time since the subscription, as BrainPy's `report=0.1` does.
 *
 * @example
 * ```ts
 * import { progress } from 'spikestream';
 * frames$.pipe(progress(0.1)).subscribe((p) =>
 *   console.error(`Run ${(p.fraction * 100).toFixed(1)}% used ${p.seconds.toFixed(3)} s.`));
 * ```
 * @module
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** A progress report. */
export interface Progress {
  /** Fraction of the run's steps done: a multiple of `every`, or 1. */
  readonly fraction: number;
  /** Steps done. */
  readonly step: number;
  /** Wall-clock seconds since the subscription. */
  readonly seconds: number;
}

/**
 * @param every - report each time this fraction of the run is passed (0 < every ≤ 1)
 * @param now - wall clock in ms (default `performance.now`)
 * @returns an operator from frames to progress reports; silent for unbounded runs
 */
export function progress(every = 0.1, now: () => number = () => performance.now()): OperatorFunction<Frame, Progress> {
  if (!(every > 0 && every <= 1)) throw new RangeError(`progress: every must be in (0, 1], got ${every}`);
  return (source) =>
    new Observable<Progress>((subscriber) => {
      const start = now();
      let reported = 0;
      return source.subscribe({
        next: (frame) => {
          if (!Number.isFinite(frame.totalSteps)) return;
          const done = frame.step + frame.steps;
          // Report the last multiple of `every` passed (one report per frame at most).
          const k = done >= frame.totalSteps ? Math.round(1 / every) : Math.floor((done / frame.totalSteps) / every + 1e-9);
          if (k > reported) {
            reported = k;
            subscriber.next({ fraction: Math.min(1, k * every), step: done, seconds: (now() - start) / 1000 });
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    });
}
