/**
 * The values a stream input accepts.
 *
 * @example
 * ```ts
 * import type { InputValue } from 'spikestream';
 * const same: InputValue = 30;                       // every neuron of the group
 * const each: InputValue = new Float64Array(8000);   // one value per neuron
 * ```
 * @module
 */

/** One current for every neuron of the group, or one per neuron (length = group size). */
export type InputValue = number | ArrayLike<number>;
