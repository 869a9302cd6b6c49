import { describe, expect, it } from 'vitest';
import { Xoshiro128, randomStream, streamKey } from '../../src/kernel.js';

describe('Xoshiro128', () => {
  it('uint32 gives the reference xoshiro128** outputs for state (1, 2, 3, 4)', () => {
    // Worked by hand from the published algorithm: rotl(s1 * 5, 7) * 9, then the state update.
    const g = Xoshiro128.fromState(1, 2, 3, 4);
    expect([g.uint32(), g.uint32(), g.uint32()]).toEqual([11520, 0, 5927040]);
  });

  it('float is uniform on [0, 1): mean 1/2 and variance 1/12 within 5 standard errors', () => {
    const g = randomStream(7, 'test');
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = g.float();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});

describe('streamKey', () => {
  it('gives different streams for different names and seeds, the same for the same', () => {
    expect(streamKey(1, 'proj:E2E')).toBe(streamKey(1, 'proj:E2E'));
    expect(streamKey(1, 'proj:E2E')).not.toBe(streamKey(1, 'proj:E2I'));
    expect(streamKey(1, 'proj:E2E')).not.toBe(streamKey(2, 'proj:E2E'));
  });
});
