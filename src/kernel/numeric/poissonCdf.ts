/**
 * The table by which a Poisson input draws its counts: the cumulative probabilities of a
 * Poisson(λ) count, computed once, term by term exactly as the draw used to compute them at
 * every neuron and step (`p₀ = e^−λ`, `pₙ = pₙ₋₁·λ/n`, `Fₙ = Fₙ₋₁ + pₙ`), so that a draw is a
 * scan of the table and finds the same count, bit for bit, without a division per term (Brunel's
 * network: 10,000 draws per step).
 *
 * @example
 * ```ts
 * const F = poissonCdf(2);
 * const u = 0.5;
 * let n = 0;
 * while (n < F.length && u >= F[n]) n++; // n = 2: F = [0.135…, 0.406…, 0.676…, …]
 * ```
 * @module
 */

/** The largest uniform a draw uses, (2³² − 1)/2³²: past a value above it, no draw goes on. */
const MAX_UNIFORM = 4294967295 / 4294967296;

/** Draws stop at this count, as they always have. */
export const POISSON_MAX_COUNT = 1000;

/**
 * `F₀ … F_L` of Poisson(`lambda`): up to the first above every uniform a draw uses, or
 * {@link POISSON_MAX_COUNT} values. A draw from `u` is the first `n` with `u < Fₙ`, or the
 * table's length when there is none.
 *
 * @param lambda - the mean count per step
 * @returns the cumulative probabilities
 */
export function poissonCdf(lambda: number): Float64Array {
  const values: number[] = [];
  let p = Math.exp(-lambda);
  let F = p;
  for (let n = 0; n < POISSON_MAX_COUNT; ) {
    values.push(F);
    if (F > MAX_UNIFORM) break;
    n++;
    p = (p * lambda) / n;
    F = F + p;
  }
  return Float64Array.from(values);
}

/** Buckets of the uniform by its top bits, for {@link poissonStarts}. */
export const POISSON_BUCKET_BITS = 10;

/**
 * Where a draw's scan of `cdf` may start, per bucket of the uniform's top
 * {@link POISSON_BUCKET_BITS} bits: the first count whose cumulative probability is above the
 * bucket's lowest uniform. Every value before it is at or below any uniform of the bucket, so
 * the scan from there finds the same count, and it rarely moves: the scan's exit, a branch the
 * processor mispredicted about once per draw, is then almost always taken at once.
 *
 * @param cdf - from {@link poissonCdf}
 * @returns one start per bucket
 * @example
 * ```ts
 * const F = poissonCdf(2), S = poissonStarts(F);
 * const r = 0x80000000, u = r / 4294967296; // 0.5
 * let n = S[r >>> (32 - POISSON_BUCKET_BITS)];
 * while (n < F.length && u >= F[n]) n++; // 2, as from 0
 * ```
 */
export function poissonStarts(cdf: Float64Array): Uint16Array {
  const buckets = 1 << POISSON_BUCKET_BITS;
  const starts = new Uint16Array(buckets);
  let n = 0;
  for (let b = 0; b < buckets; b++) {
    const low = b / buckets;
    while (n < cdf.length && cdf[n]! <= low) n++;
    starts[b] = n;
  }
  return starts;
}
