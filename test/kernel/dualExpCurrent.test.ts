import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, dualExpCurrent, fixedProb, input, lif, network, recordSamples, recordSpikes, sampleState, uniform } from '../../src/index.js';

async function traceAfterOneSpike(tauRise: number, tauDecay: number): Promise<number[]> {
  const net$ = clock({ dt: 0.1, duration: 20 }).pipe(
    network({ seed: 1 }),
    lif('P', { size: 1, tau: 10, threshold: 1, reset: -1000, v0: 0.99 }),
    lif('Q', { size: 1, tau: 10, threshold: 100, reset: 0, v0: 0 }),
    dualExpCurrent('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), tauRise, tauDecay, g: 1 }),
    input('P', 2),
    sampleState('s', { target: 'PQ', variable: 's', indices: [0] }),
  );
  return Array.from((await lastValueFrom(build(net$).pipe(recordSamples('s')))).values);
}

/** The plain step: s and h advance from their values at the step's start; then the spike lands in h. */
function plain(tauRise: number, tauDecay: number, steps: number): number[] {
  let s = 0;
  let h = 0;
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    out.push(s);
    const [s0, h0] = [s, h];
    s = s0 * (1 - 0.1 / tauDecay) + 0.1 * h0;
    h = h0 * (1 - 0.1 / tauRise);
    if (k === 0) h = h + 1; // P spikes at step 0
  }
  return out;
}

describe('dualExpCurrent', () => {
  it.each([
    [1, 5],
    [3, 3], // an alpha function
  ])('rises and decays as the plain step says (tauRise %d, tauDecay %d), peaking near the continuous solution', async (r, d) => {
    const s = await traceAfterOneSpike(r, d);
    expect(s).toEqual(plain(r, d, 200));
    // Continuous peak time: tr·td/(td − tr)·ln(td/tr), or τ for the alpha function.
    const peak = r === d ? r : ((r * d) / (d - r)) * Math.log(d / r);
    const at = s.indexOf(Math.max(...s)) * 0.1;
    expect(Math.abs(at - 0.1 - peak)).toBeLessThan(0.3); // one step of delivery, Euler error
  });

  it('gives the same spikes on two threads', async () => {
    const net$ = clock({ dt: 0.1, duration: 60 }).pipe(
      network({ seed: 2 }),
      lif('E', { size: 300, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      dualExpCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tauRise: 1, tauDecay: 4, g: 0.01, delay: 0.5 }),
      input('E', 1.2),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(100);
    expect(two).toEqual(one);
  });
});
