import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, lif, network, poissonInput, recordSpikes, uniform } from '../../src/index.js';

describe('poissonInput', () => {
  it('adds weight × Poisson(count·rate·T) to each potential: mean and variance within 5 standard errors', async () => {
    // No leak to speak of (tau 1e12 ms) and no spike: V is the sum of the jumps.
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 7 }),
      lif('N', { size: 2000, tau: 1e12, threshold: 1e9, reset: 0, v0: 0 }),
      poissonInput('N', { count: 50, rate: 40, weight: 0.5 }),
    );
    const sim = build(net$);
    const kernel = sim.kernel();
    for (let done = 0; done < 1000; ) done += kernel.run(100);
    const V = Array.from(kernel.groups[0]!.V);
    const lambda = (50 * 40 * 100) / 1000; // spikes per neuron in 100 ms: 200
    const mean = V.reduce((a, b) => a + b) / V.length;
    const variance = V.reduce((a, x) => a + (x - mean) ** 2, 0) / (V.length - 1);
    // Mean 0.5 λ, variance 0.25 λ; standard errors over 2,000 neurons.
    expect(Math.abs(mean - 0.5 * lambda)).toBeLessThan((5 * Math.sqrt(0.25 * lambda)) / Math.sqrt(2000));
    expect(Math.abs(variance / (0.25 * lambda) - 1)).toBeLessThan(5 * Math.sqrt(2 / 1999));
  });

  it('drives a network to spike, with the same spikes on two threads', async () => {
    const net$ = clock({ dt: 0.1, duration: 200 }).pipe(
      network({ seed: 2 }),
      lif('E', { size: 500, tau: 20, threshold: 20, reset: 10, refractory: 2, v0: uniform(0, 20) }),
      poissonInput('E', { count: 1000, rate: 25, weight: 0.1 }),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(200);
    expect(two).toEqual(one);
  });
});
