import { describe, expect, it } from 'vitest';
import { POISSON_BUCKET_BITS, POISSON_MAX_COUNT, poissonCdf, poissonStarts } from '../../src/kernel/numeric/poissonCdf.js';

/** The draw as it was written before the table: the terms computed at every draw. */
function plainDraw(u: number, lambda: number): number {
  let n = 0;
  let p = Math.exp(-lambda);
  let F = p;
  while (u >= F && n < 1000) {
    n++;
    p = (p * lambda) / n;
    F = F + p;
  }
  return n;
}

/** The kernel's draw from the 32 random bits r: the table scanned from the bucket's start. */
function tableDraw(r: number, F: Float64Array, S: Uint16Array): number {
  const u = r / 4294967296;
  let n = S[r >>> (32 - POISSON_BUCKET_BITS)]!;
  while (n < F.length && u >= F[n]!) n++;
  return n;
}

describe('poissonCdf', () => {
  it('gives the count the plain draw gives, for every kind of uniform, small and large means', () => {
    for (const lambda of [1e-6, 0.05, 0.4, 1.6, 2, 7.5, 40, 300, 900]) {
      const F = poissonCdf(lambda);
      const S = poissonStarts(F);
      // Bucket edges and their neighbours, and a spread of others.
      const edges = Array.from({ length: 1 << POISSON_BUCKET_BITS }, (_, b) => b * 2 ** (32 - POISSON_BUCKET_BITS)).flatMap((r) => [r, r + 1, Math.max(0, r - 1)]);
      const rs = [0, 1, 2147483648, 4294967295, ...edges, ...Array.from({ length: 5000 }, (_, i) => (i * 2654435761) % 4294967296)];
      for (const r of rs) expect(tableDraw(r, F, S)).toBe(plainDraw(r / 4294967296, lambda));
    }
  });

  it('ends at the first value above every uniform a draw uses, or at the cap', () => {
    const F = poissonCdf(2);
    expect(F[F.length - 1]).toBeGreaterThan(4294967295 / 4294967296);
    expect(F[F.length - 2]).toBeLessThanOrEqual(4294967295 / 4294967296);
    // P(N ≤ 2) for λ = 2 is 5e^−2 (closed form).
    expect(F[2]).toBeCloseTo(5 * Math.exp(-2), 15);
    expect(poissonCdf(2000).length).toBe(POISSON_MAX_COUNT);
  });
});
