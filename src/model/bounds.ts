/**
 * The least and greatest of a list of numbers, in one pass: `Math.min(...values)` passes every
 * value as an argument and overflows the stack for lists of a few hundred thousand (a weight per
 * synapse, a coordinate per neuron).
 *
 * @example
 * ```ts
 * bounds([3, -1, 2]); // [-1, 3]
 * ```
 * @module
 */

/**
 * @param values - the numbers
 * @returns [least, greatest]; [0, 0] for none
 */
export function bounds(values: ArrayLike<number>): readonly [number, number] {
  if (values.length === 0) return [0, 0];
  let low = Infinity;
  let high = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}
