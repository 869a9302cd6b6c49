/**
 * A check made once per spec object: the checked model of a `neuron` group, the checked rule of a
 * projection. Specs are immutable data, so a result kept by the object itself (in a WeakMap,
 * which lets it go with the object) holds for as long as the object lives.
 *
 * @example
 * ```ts
 * const modelOnce = checkedOnce((g: NeuronGroupSpec) => neuronModel({ ... }));
 * modelOnce(group) === modelOnce(group); // the same result, checked once
 * ```
 * @module
 */

/**
 * @param check - the check, of an object
 * @returns the same check, made once per object
 */
export function checkedOnce<K extends object, R>(check: (key: K) => R): (key: K) => R {
  const results = new WeakMap<K, R>();
  return (key) => {
    if (results.has(key)) return results.get(key)!;
    const result = check(key);
    results.set(key, result);
    return result;
  };
}
