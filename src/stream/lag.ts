/**
 * The real-time lag of a run: for each frame, how many wall-clock ms the simulation trails the
 * clock it is paced to. Zero in virtual time; rising when the machine cannot keep up (the
 * steps are never dropped, they are run late).
 *
 * @example
 * ```ts
 * import { lag } from 'spikestream';
 * sim.pipe(lag()).subscribe((ms) => { if (ms > 100) console.warn(`${ms.toFixed(0)} ms behind`); });
 * ```
 * @module
 */
import { distinctUntilChanged, map, type OperatorFunction } from 'rxjs';
import type { Frame } from './frame.js';

/** @returns an operator from frames to lag in ms (repeats suppressed) */
export function lag(): OperatorFunction<Frame, number> {
  return (source) =>
    source.pipe(
      map((frame) => frame.lagMs),
      distinctUntilChanged(),
    );
}
