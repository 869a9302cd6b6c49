/**
 * Writes a stream input's value into its slot, as every kernel does for `setInput`: one value
 * for all neurons, or one per neuron.
 *
 * @example
 * ```ts
 * writeInput(slots[k], k, 30);            // every neuron of the group gets 30
 * writeInput(slots[k], k, perNeuronDrive); // one value each
 * ```
 * @module
 */

/**
 * @param slot - the input's array in the kernel, or null when input `k` is not a stream input
 * @param k - the input's index in `spec.inputs`, for the message
 * @param value - a number, or one number per neuron
 * @throws RangeError when input `k` is not a stream input
 */
export function writeInput(slot: Float64Array | null | undefined, k: number, value: number | ArrayLike<number>): void {
  if (slot == null) throw new RangeError(`Kernel.setInput: inputs[${k}] is not a stream input`);
  if (typeof value === 'number') slot.fill(value);
  else slot.set(value);
}
