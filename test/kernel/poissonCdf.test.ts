import { describe, expect, it } from 'vitest';
import { POISSON_MAX_COUNT, poissonCdf } from '../../src/kernel/poissonCdf.js';

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

function tableDraw(u: number, F: Float64Array): number {
  let n = 0;
  while (n < F.length && u >= F[n]!) n++;
  return n;
}

describe('poissonCdf', () => {
  it('gives the count the plain draw gives, for every kind of uniform, small and large means', () => {
    for (const lambda of [1e-6, 0.05, 0.4, 1.6, 2, 7.5, 40, 300, 900]) {
      const F = poissonCdf(lambda);
      const us = [0, 1 / 4294967296, 0.1, 0.5, 0.9, 0.999999, 4294967295 / 4294967296, ...Array.from({ length: 2000 }, (_, i) => Math.floor(((i * 2654435761) % 4294967296)) / 4294967296)];
      for (const u of us) expect(tableDraw(u, F)).toBe(plainDraw(u, lambda));
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
