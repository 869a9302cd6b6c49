/**
 * The most steps anything in a run may count: the run's length, a refractory period, a delay, the
 * time of a timed input's change. The kernels count steps in 32-bit integers (refractory
 * counters, timed inputs' tables, the WebAssembly step loop), so a count above 2³¹ − 1 would
 * wrap; it is refused instead, with its path. At dt = 0.1 ms that is about 59.6 hours of
 * biological time. (The `.spikes` format's u32 step counts hold every such run.)
 *
 * @example
 * ```ts
 * import { MAX_STEPS, stepsIssue } from 'spikestream';
 * stepsIssue('run.duration', 1e12, 0.1); // "1000000000000 ms at dt = 0.1 ms is 1.000e+13 steps; …"
 * ```
 * @module
 */
import type { SpecIssue } from './specIssue.js';

/** 2³¹ − 1: the most steps a count may hold. */
export const MAX_STEPS = 2 ** 31 - 1;

/**
 * The issue with a span of `ms` at `dt`, when it is more steps than {@link MAX_STEPS} (or not a
 * finite number of them: a `dt` of 5e-324 makes any span infinitely many).
 *
 * @param path - where the span is in the spec
 * @param ms - the span, ms
 * @param dt - the time step, ms
 * @returns the issue, or null when the span fits
 */
export function stepsIssue(path: string, ms: number, dt: number): SpecIssue | null {
  const steps = ms / dt;
  if (steps <= MAX_STEPS) return null;
  const count = Number.isFinite(steps) ? `${steps.toPrecision(4)} steps` : 'too many steps to count';
  return { path, message: `${ms} ms at dt = ${dt} ms is ${count}; a run counts at most ${MAX_STEPS} (2^31 - 1) steps` };
}
