/**
 * Python source text for the PyNN export: numbers, strings and initializers as Python
 * expressions. Nothing from a spec reaches the script but through these: names are quoted
 * (they are checked names, and quoted again here), numbers are written from their values, and
 * free text goes only into comments, folded to one safe line.
 *
 * @example
 * ```ts
 * pyNumber(15);                                           // '15.0'
 * valuesExpr({ kind: 'uniform', low: 0, high: 15 }, 2);   // "draw('uniform', (0.0, 30.0), n)"
 * ```
 * @module
 */
import { bounds } from '../../model/bounds.js';
import type { Initializer } from '../../model/initializer.js';

/**
 * A finite number as a Python float literal that reads back as the same double.
 *
 * @param x - a finite number
 * @returns its literal (`15.0`, `-0.25`, `1e-07`)
 */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`pyNumber: ${x} has no Python literal here`);
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * A string as a Python string literal (JSON's escapes are Python's).
 *
 * @param s - any text
 * @returns the quoted literal
 */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Free text as one comment line: control characters and line breaks become spaces.
 *
 * @param text - a description
 * @returns the text, safe after `# `
 */
export function pyComment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/**
 * A list of numbers as a NumPy array expression.
 *
 * @param values - the numbers
 * @returns `np.array([...])`
 */
export function pyArray(values: ArrayLike<number>): string {
  return `np.array([${Array.from(values, pyNumber).join(', ')}])`;
}

/**
 * The values of an initializer times `k` for each of the `n` neurons in the script's
 * variable `n`, drawn with the script's `draw` (a PyNN `RandomDistribution` on the script's
 * parallel-safe generator): a number, or an array. Null where a scaled draw has no PyNN form (a
 * lognormal times a negative number).
 *
 * @param init - the initializer
 * @param k - the factor (a unit conversion or a synaptic weight)
 * @returns a Python expression, or null
 */
export function valuesExpr(init: Initializer, k: number): string | null {
  const d = distribution(init, k);
  if (d === null) return null;
  if (typeof d === 'string') return d;
  return `draw(${pyString(d.name)}, (${d.params.map(pyNumber).join(', ')}), n)`;
}

/**
 * An initializer times `k` as a value PyNN takes for a synapse's weight or delay: a number, or a
 * `RandomDistribution` drawn per synapse from the script's generator. Null for `values` (one per
 * synapse in spikestream's row order, which only an exact export keeps) and where a scaled
 * draw has no PyNN form.
 *
 * @param init - the initializer
 * @param k - the factor
 * @returns a Python expression, or null
 */
export function synapseValueExpr(init: Initializer, k: number): string | null {
  if (init.kind === 'values') return null;
  if (init.kind === 'normal' && init.sd > 0 && Math.abs(init.mean) >= SIGNED_SDS * init.sd) {
    // One sign, as a receptor's weights must have: the far tail is drawn again (normal_clipped).
    const [mu, sigma] = [init.mean * k, init.sd * Math.abs(k)];
    return `RandomDistribution("normal_clipped", (${pyNumber(mu)}, ${pyNumber(sigma)}, ${mu > 0 ? '0.0, np.inf' : '-np.inf, 0.0'}), rng=rng)`;
  }
  const d = distribution(init, k);
  if (d === null || typeof d === 'string') return d;
  return `RandomDistribution(${pyString(d.name)}, (${d.params.map(pyNumber).join(', ')}), rng=rng)`;
}

/**
 * How many standard deviations a normal weight's mean must lie from 0 for its weights to count
 * as of one sign: PyNN draws the rest of the tail again (a fraction Φ(−3) ≈ 0.13% at most).
 */
export const SIGNED_SDS = 3;

/**
 * The support of weights drawn from an initializer times `k`, as {@link synapseValueExpr}
 * writes them: {@link supportOf}, but a normal whose mean lies {@link SIGNED_SDS} standard
 * deviations or more from 0 keeps the mean's sign.
 *
 * @param init - the initializer
 * @param k - the factor
 * @returns [least, greatest]
 */
export function weightSupport(init: Initializer, k: number): readonly [number, number] {
  if (init.kind !== 'normal' || init.sd === 0 || Math.abs(init.mean) < SIGNED_SDS * init.sd || k === 0) return supportOf(init, k);
  return init.mean * k > 0 ? [0, Infinity] : [-Infinity, 0];
}

/**
 * The support of an initializer times `k`: the least and greatest values it can give.
 *
 * @param init - the initializer
 * @param k - the factor
 * @returns [least, greatest], infinite where the distribution is unbounded
 */
export function supportOf(init: Initializer, k: number): readonly [number, number] {
  const scale = (a: number, b: number): [number, number] => [Math.min(a * k, b * k), Math.max(a * k, b * k)];
  switch (init.kind) {
    case 'constant':
      return scale(init.value, init.value);
    case 'uniform':
      return scale(init.low, init.high);
    case 'values':
      return scale(...bounds(init.values));
    case 'normal':
      return init.sd === 0 ? scale(init.mean, init.mean) : [-Infinity, Infinity];
    case 'lognormal':
      return k === 0 ? [0, 0] : k > 0 ? [0, Infinity] : [-Infinity, 0];
  }
}

type Distribution = { readonly name: string; readonly params: readonly number[] };

/** A PyNN distribution (or a literal) for an initializer scaled by k. */
function distribution(init: Initializer, k: number): Distribution | string | null {
  switch (init.kind) {
    case 'constant':
      return pyNumber(init.value * k);
    case 'values':
      return pyArray(init.values.map((v) => v * k));
    case 'uniform': {
      const [low, high] = supportOf(init, k);
      return low === high ? pyNumber(low) : { name: 'uniform', params: [low, high] };
    }
    case 'normal':
      return init.sd === 0 ? pyNumber(init.mean * k) : { name: 'normal', params: [init.mean * k, init.sd * Math.abs(k)] };
    case 'lognormal':
      // k·exp(mu + sigma·n) = exp(mu + ln k + sigma·n) for k > 0; PyNN has no negated lognormal.
      if (k === 0) return '0.0';
      return k > 0 ? { name: 'lognormal', params: [init.mu + Math.log(k), init.sigma] } : null;
  }
}
