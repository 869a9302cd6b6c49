import { describe, expect, it } from 'vitest';
import { pairingChange } from '../../examples/stdp-pairing/pairing.js';

describe('examples/stdp-pairing: the pairing protocol under triplet STDP, from spike times with a period', () => {
  it('gives the closed form of the rule for 60 pairs at 1 to 50 Hz, and its frequency dependence', () => {
    const change = (rate: number, shift: number) => {
      const c = pairingChange({ rate, shift, pairs: 60 });
      expect(c.pre.length).toBe(60);
      expect(c.post.length).toBe(60);
      expect(Math.abs(c.measured - c.closedForm)).toBeLessThan(1e-9);
      return c.measured;
    };
    const plus = [1, 10, 20, 50].map((rate) => change(rate, 10));
    const minus = [1, 10, 20, 50].map((rate) => change(rate, -10));
    // Pre before post potentiates more the faster the pairs come; post before pre depresses at
    // low rates and potentiates at high ones (Sjöström et al. 2001, Pfister & Gerstner 2006).
    for (let k = 1; k < plus.length; k++) expect(plus[k]!).toBeGreaterThan(plus[k - 1]!);
    expect(minus[0]!).toBeLessThan(-0.1);
    expect(minus[1]!).toBeLessThan(-0.1);
    expect(minus[3]!).toBeGreaterThan(0.1);
  });
});
