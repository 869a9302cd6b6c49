/**
 * Writes a stream input's value into its slot, as every kernel does for `setInput`: one value
 * for all neurons, or one per neuron; a spike input's neurons; a rate input's rate, Hz.
 *
 * @example
 * ```ts
 * writeInput(slots[k], k, 30);            // every neuron of the group gets 30
 * writeInput(slots[k], k, perNeuronDrive); // one value each
 * ```
 * @module
 */
import type { InputSpec } from '../../model/inputSpec.js';

/**
 * @param slot - the input's array in the kernel, or null when input `k` is not a stream input
 * @param k - the input's index in `spec.inputs`, for the message
 * @param value - a number, or one number per neuron; a spike input's neurons; a rate input's Hz
 * @param input - the input's spec (a rate input's value is checked against one spike per step)
 * @param dt - the time step, ms, for a rate input
 * @throws RangeError when input `k` is not a stream input, or its value does not fit it
 */
export function writeInput(slot: Float64Array | Int32Array | null | undefined, k: number, value: number | ArrayLike<number>, input?: InputSpec, dt = 0.1): void {
  if (slot == null) throw new RangeError(`Kernel.setInput: inputs[${k}] is not a stream input`);
  if (input?.kind === 'rate') {
    if (typeof value !== 'number' || !(value >= 0 && (value * dt) / 1000 <= 1)) {
      throw new RangeError(`Kernel.setInput: inputs[${k}] takes a rate in Hz from 0 to ${1000 / dt} (one spike per step), got ${String(value)}`);
    }
    slot[0] = value;
    return;
  }
  if (slot instanceof Int32Array) {
    writeSpikes(slot, k, value);
    return;
  }
  if (typeof value === 'number') slot.fill(value);
  else slot.set(value);
}

/**
 * Adds the neurons of a spike input (`{kind: "spikes"}`) to its slot for the next step, with
 * those set before since the last run: `slot[0]` is their count, then the neurons, ascending,
 * each once (the kernel merges them with the group's own spikes of that step, and empties the
 * slot after the run).
 *
 * @param slot - the input's slot: 1 + the group's size
 * @param k - the input's index, for errors
 * @param value - the neurons (any order; repeats count once), or a single neuron
 * @throws RangeError naming a neuron that is not a whole number in [0, size)
 */
export function writeSpikes(slot: Int32Array, k: number, value: number | ArrayLike<number>): void {
  const size = slot.length - 1;
  const neurons = typeof value === 'number' ? [value] : Array.from(value);
  for (const i of neurons) {
    if (!(Number.isInteger(i) && i >= 0 && i < size)) throw new RangeError(`Kernel.setInput: inputs[${k}] takes neurons in [0, ${size}), got ${i}`);
  }
  const pending = Array.from(slot.subarray(1, 1 + slot[0]!));
  const sorted = [...new Set([...pending, ...neurons])].sort((a, b) => a - b);
  slot.set(sorted, 1);
  slot[0] = sorted.length;
}
