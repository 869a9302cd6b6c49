import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expCurrent, fixedProb, input, lif, network, recordSamples, sampleState, SpecError, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

/** V over 200 steps of a neuron that never spikes, from V0 = 0 under a constant input I = 10. */
async function trace(integrator: 'euler' | 'exponential', dt: number): Promise<number[]> {
  const net$ = clock({ dt, duration: 200 * dt }).pipe(
    network({ seed: 1 }),
    lif('N', { size: 1, tau: 10, threshold: 100, reset: 0, v0: 0, integrator }),
    input('N', 10),
    sampleState('v', { target: 'N', variable: 'V', indices: [0] }),
  );
  return Array.from((await lastValueFrom(build(net$).pipe(recordSamples('v')))).values);
}

describe('integrators', () => {
  it('exponential Euler is exact for a constant input: V(t) = I (1 − e^(−t/τ)), even with dt = 3τ', async () => {
    for (const dt of [0.1, 30]) {
      const v = await trace('exponential', dt);
      v.forEach((x, n) => expect(x).toBeCloseTo(10 * (1 - Math.exp((-n * dt) / 10)), 12));
    }
  });

  it('relaxes towards the resting potential: V_n = rest + I + (V0 − rest − I)(1 − dt/τ)^n', async () => {
    const net$ = clock({ dt: 0.1, duration: 20 }).pipe(
      network({ seed: 1 }),
      lif('N', { size: 1, tau: 10, rest: -60, threshold: 100, reset: 0, v0: -70 }),
      input('N', 4),
      sampleState('v', { target: 'N', variable: 'V', indices: [0] }),
    );
    const v = Array.from((await lastValueFrom(build(net$).pipe(recordSamples('v')))).values);
    expect(v.length).toBe(200);
    v.forEach((x, n) => expect(x).toBeCloseTo(-56 - 14 * (1 - 0.01) ** n, 11));
  });

  it('forward Euler follows its own closed form, V_n = I (1 − (1 − dt/τ)^n), which differs', async () => {
    const v = await trace('euler', 1);
    v.forEach((x, n) => expect(x).toBeCloseTo(10 * (1 - (1 - 0.1) ** n), 12));
    const exact = await trace('exponential', 1);
    expect(Math.abs(v[10]! - exact[10]!)).toBeGreaterThan(0.05);
  });

  it('decays the traces into an exponential group exactly: s_n = e^(−n dt/τ_s) after one spike', async () => {
    const net$ = clock({ dt: 0.5, duration: 20 }).pipe(
      network({ seed: 1 }),
      lif('P', { size: 1, tau: 10, threshold: 1, reset: -1000, v0: 0.99 }),
      lif('Q', { size: 1, tau: 10, threshold: 100, reset: 0, v0: 0, integrator: 'exponential' }),
      expCurrent('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), tau: 4, g: 1 }),
      input('P', 2),
      sampleState('s', { target: 'PQ', variable: 's', indices: [0] }),
    );
    const s = Array.from((await lastValueFrom(build(net$).pipe(recordSamples('s')))).values);
    // P spikes once at step 0 (V 0.99 → 1.04); the trace reads 1 at step 1, then decays.
    expect(s[0]).toBe(0);
    s.slice(1).forEach((x, n) => expect(x).toBeCloseTo(Math.exp((-n * 0.5) / 4), 12));
  });

  it('lets dt exceed 2τ only for exponential groups and the traces into them', () => {
    const spec = (integrator: 'euler' | 'exponential'): NetworkSpec =>
      ({
        seed: 1,
        groups: [{ kind: 'lif', name: 'N', size: 2, tau: 1, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 }, integrator }],
        projections: [{ name: 'NN', pre: 'N', post: 'N', connectivity: { kind: 'fixedProbability', p: 1 }, synapse: { kind: 'expCurrent', tau: 1, g: 0.1 } }],
        inputs: [],
      }) as unknown as NetworkSpec;
    expect(() => createKernel(buildNetwork(spec('exponential')), { dt: 5 })).not.toThrow();
    expect(() => createKernel(buildNetwork(spec('euler')), { dt: 5 })).toThrow(SpecError);
    expect(() => createKernel(buildNetwork(spec('euler')), { dt: 5 })).toThrow('groups[0].tau: dt = 5 ms >= 2 tau = 2 ms makes forward Euler unstable (or use integrator: "exponential")');
  });
});
