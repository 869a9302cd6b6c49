import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, expCurrent, fixedProb, input, lif, network, recordSamples, recordSpikes, sampleState, uniform } from '../../src/index.js';

/** P fires once at step 0 (V 0.99 → over 1); its spike reaches Q's trace `delay` ms later. */
async function traceAfterOneSpike(delay: number, threads = 1): Promise<number[]> {
  const net$ = clock({ dt: 0.1, duration: 3 }).pipe(
    network({ seed: 1 }),
    lif('P', { size: 1, tau: 10, threshold: 1, reset: -1000, v0: 0.99 }),
    lif('Q', { size: 1, tau: 10, threshold: 100, reset: 0, v0: 0 }),
    expCurrent('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), tau: 1e9, g: 1, delay }),
    input('P', 2),
    sampleState('s', { target: 'PQ', variable: 's', indices: [0] }),
  );
  return Array.from((await lastValueFrom(build(net$, { threads }).pipe(recordSamples('s')))).values);
}

describe('synaptic delays', () => {
  it.each([0, 0.1, 1, 2.5])('a spike at step 0 reaches the trace at step 1 + delay/dt (delay %f ms)', async (delay) => {
    const s = await traceAfterOneSpike(delay);
    const arrival = 1 + Math.round(delay / 0.1);
    // The trace decays with tau = 1e9 ms: it reads 0 before the arrival and (almost) 1 after.
    s.forEach((x, k) => (k < arrival ? expect(x).toBe(0) : expect(x).toBeCloseTo(1, 6)));
  });

  it('gives the same arrival on two threads, and the same spikes in a recurrent network with mixed delays', async () => {
    expect(await traceAfterOneSpike(1.2, 2)).toEqual(await traceAfterOneSpike(1.2, 1));
    const net$ = clock({ dt: 0.1, duration: 80, block: 13 }).pipe(
      network({ seed: 4 }),
      lif('E', { size: 400, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      lif('I', { size: 100, tau: 5, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 3, g: 0.02, delay: 1.5 }),
      expCurrent('EI', { pre: 'E', post: 'I', connectivity: fixedProb(0.1), tau: 3, g: 0.05 }),
      expCurrent('IE', { pre: 'I', post: 'E', connectivity: fixedProb(0.2), tau: 4, g: -0.05, delay: 0.7 }),
      input('E', 1.2),
      input('I', 0.9),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(500);
    expect(two).toEqual(one);
  });

  it('refuses a delay that is not a whole number of steps', () => {
    const r = decodeSimulationSpec({
      seed: 0,
      run: { dt: 0.1, duration: 10 },
      groups: [{ kind: 'lif', name: 'N', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } }],
      projections: [{ name: 'NN', pre: 'N', post: 'N', delay: 0.25, connectivity: { kind: 'fixedProbability', p: 1 }, synapse: { kind: 'expCurrent', tau: 5, g: 1 } }],
      inputs: [],
    });
    expect(E.isLeft(r) && r.left).toEqual([{ path: 'projections[0].delay', message: '0.25 ms is not a whole number of steps of dt = 0.1 ms' }]);
  });
});
