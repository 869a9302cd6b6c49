/**
 * Why a value cannot go to an input at run time, or null when it can: one check for the values a
 * `Simulation` takes from its input observables and those a client of `spikestream serve` sends,
 * so that a value the server accepts never ends the run.
 *
 * @example
 * ```ts
 * inputValueProblem({ kind: 'spikes', group: 'A' }, [3, 12], 10, 0.1); // 'neuron 12 at index 1 is not a whole number in [0, 10)'
 * ```
 * @module
 */
import type { InputSpec } from '../model/inputSpec.js';
import type { InputValue } from './inputValue.js';

/**
 * @param input - the input's spec: a stream input takes currents, a spike input neurons, a rate input Hz
 * @param value - the value
 * @param size - the size of the input's group
 * @param dt - the time step, ms (a rate is at most one spike per step)
 * @returns what is wrong, or null
 */
export function inputValueProblem(input: InputSpec, value: InputValue, size: number, dt: number): string | null {
  if (input.kind === 'rate') {
    return typeof value === 'number' && value >= 0 && (value * dt) / 1000 <= 1 ? null : `rate ${String(value)} is not a number of Hz from 0 to ${1000 / dt} (one spike per step)`;
  }
  if (input.kind === 'parameter') {
    return typeof value === 'number' && Number.isFinite(value) ? null : `value ${String(value)} is not a finite number (a parameter is one value for the group)`;
  }
  if (input.kind === 'spikes') {
    const neurons = typeof value === 'number' ? [value] : value;
    if (neurons == null || typeof neurons.length !== 'number') return `value ${String(value)} is neither a neuron nor an array of neurons`;
    for (let k = 0; k < neurons.length; k++) {
      const i = neurons[k]!;
      if (!(Number.isInteger(i) && i >= 0 && i < size)) return `neuron ${i} at index ${k} is not a whole number in [0, ${size})`;
    }
    return null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? null : `value ${value} is not a finite number`;
  if (value == null || typeof value.length !== 'number') return `value ${String(value)} is neither a number nor an array`;
  if (value.length !== size) return `array of length ${value.length} does not match the group size ${size}`;
  for (let i = 0; i < value.length; i++) {
    if (!Number.isFinite(value[i])) return `value ${value[i]} at index ${i} is not a finite number`;
  }
  return null;
}
