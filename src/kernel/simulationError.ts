/**
 * The error a run stops with when a state variable stops being a finite number.
 *
 * @example
 * ```ts
 * import { SimulationError } from 'spikestream';
 * frames$.subscribe({ error: (e) => { if (e instanceof SimulationError) console.error(e.group, e.step); } });
 * ```
 * @module
 */

/** A numerical blow-up (NaN or ±Infinity) or bad run-time value, with where and when. */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
  /**
   * @param message - what happened, in words
   * @param group - the group (or input) concerned
   * @param variable - the state variable concerned
   * @param step - the step at which it was found
   * @param index - the neuron concerned, if one
   */
  constructor(
    message: string,
    readonly group: string,
    readonly variable: string,
    readonly step: number,
    readonly index?: number,
  ) {
    super(message);
  }
}
