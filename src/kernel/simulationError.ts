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

/**
 * The error of a membrane potential that blew up, as every kernel reports it.
 *
 * @param group - the group's name
 * @param index - the neuron
 * @param step - the step
 * @param value - the value it took (NaN or ±Infinity)
 * @param dt - the time step, ms, to give the time too
 * @param variable - the state variable that blew up (default `V`)
 * @returns the error
 */
export function blowUp(group: string, index: number, step: number, value: number, dt: number, variable = 'V'): SimulationError {
  return stopped(`group "${group}": ${variable} of neuron ${index}`, { owner: group, variable, index }, value, step, dt, 'time constants, weights and inputs');
}

/** The one message of every blow-up: what, its value, the step and time, and what to check. */
function stopped(what: string, where: { owner: string; variable: string; index: number }, value: number, step: number, dt: number, check: string): SimulationError {
  return new SimulationError(
    `${what} became ${value} at step ${step} (t = ${+(step * dt).toFixed(6)} ms); the run was stopped (check ${check})`,
    where.owner,
    where.variable,
    step,
    where.index,
  );
}

/**
 * The error of a learning rule's variable that blew up: a synapse's (`w`, or a variable per
 * synapse; index: the synapse, in row order) or a neuron's trace (index: the neuron).
 *
 * @param projection - the projection's name
 * @param index - the synapse or neuron
 * @param step - the step
 * @param value - the value it took
 * @param dt - the time step, ms
 * @param variable - the variable's name
 * @param perSynapse - whether it is one per synapse (else one per neuron, a trace)
 * @returns the error
 */
export function ruleBlowUp(projection: string, index: number, step: number, value: number, dt: number, variable: string, perSynapse: boolean): SimulationError {
  const what = perSynapse ? `${variable} of synapse ${index}` : `trace ${variable} of neuron ${index}`;
  return stopped(`projection "${projection}": ${what}`, { owner: projection, variable, index }, value, step, dt, "the learning rule's parameters and bounds");
}
