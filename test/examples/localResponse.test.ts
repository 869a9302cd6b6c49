import { describe, expect, it } from 'vitest';
import { spotTrial, summarize, torusDistance } from '../../examples/tian2020-local/localResponse.js';

/**
 * The locally connected network of Tian et al. 2020 (examples/tian2020-local), one trial, N =
 * 10,000: a spot of drive on part of the E sheet. Numbers of `npm run local-response` (three
 * trials): local inside 6.1 -> 27.2 Hz, outside 5.9 -> 4.7 Hz, latency 0.5 ms, centre 0.006 from
 * the spot's from 20 ms on.
 */
describe('examples/tian2020-local: a spot on the locally connected network', () => {
  it('answers inside the spot within 2 ms (τ = 15 ms), not outside it, and centred on it', async () => {
    const o = { neurons: 10_000, seed: 1, sigma: 0.2, stepAt: 300, duration: 400, center: [0.3, 0.6] as const, radius: 0.15, amplitude: 6 };
    const trial = await spotTrial(o);
    const s = summarize(trial, o);
    // The spot covers π·0.15² of the unit sheet: about 7% of the E neurons.
    const covered = trial.inside.reduce((a, v) => a + v, 0) / trial.inside.length;
    expect(Math.abs(covered - Math.PI * 0.15 * 0.15)).toBeLessThan(0.005);
    expect(s.inside.after).toBeGreaterThan(3 * s.inside.before);
    expect(s.outside.after).toBeLessThan(s.outside.before);
    expect(s.latencyMs).toBeLessThanOrEqual(2);
    expect(s.centreErrorLate).toBeLessThan(0.03);
  }, 60_000);

  it('measures distance on the torus', () => {
    expect(torusDistance(0.05, 0.5, 0.95, 0.5)).toBeCloseTo(0.1, 12);
    expect(torusDistance(0.1, 0.1, 0.9, 0.9)).toBeCloseTo(Math.hypot(0.2, 0.2), 12);
  });
});
