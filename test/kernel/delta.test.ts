import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, delta, fixedProb, input, lif, network, recordSamples, recordSpikes, sampleState, uniform } from '../../src/index.js';

describe('delta synapses', () => {
  it('make the target jump by w at the step after the spike (plus the delay), then relax as the plain loop says', async () => {
    for (const delay of [0, 0.5]) {
      const net$ = clock({ dt: 0.1, duration: 3 }).pipe(
        network({ seed: 1 }),
        lif('P', { size: 1, tau: 10, threshold: 1, reset: -1000, v0: 0.99 }),
        lif('Q', { size: 1, tau: 10, threshold: 100, reset: 0, v0: 0 }),
        delta('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), w: 2, delay }),
        input('P', 2),
        sampleState('v', { target: 'Q', variable: 'V', indices: [0] }),
      );
      const v = Array.from((await lastValueFrom(build(net$).pipe(recordSamples('v')))).values);
      // P spikes at step 0; Q jumps at step 1 + delay/dt (sampled at the start of the next step).
      const jump = 1 + Math.round(delay / 0.1);
      let x = 0;
      const expected: number[] = [];
      for (let k = 0; k < 30; k++) {
        expected.push(x);
        if (k === jump) x = x + 2;
        x = x + (0 - x) * (0.1 / 10);
      }
      expect(v).toEqual(expected);
    }
  });

  it('gives the same spikes on two threads in a recurrent network with delays and refractoriness', async () => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 3 }),
      lif('E', { size: 400, tau: 20, threshold: 20, reset: 10, refractory: 2, v0: uniform(0, 20) }),
      delta('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), w: 0.4, delay: 1.5 }),
      input('E', 21),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(300);
    expect(two).toEqual(one);
  });
});
