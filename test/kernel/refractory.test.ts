import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, input, lif, network, recordSpikes, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

/**
 * A neuron from reset under a constant input I crosses threshold after n steps of forward
 * Euler, v_n = I (1 − (1 − a)^n) with a = dt/τ: n = ceil(ln(1 − θ/I) / ln(1 − a)). Spiking at
 * step k, it is held at steps k + 1 … k + R − 1 and integrated from k + R (Brian2's rule), so it
 * spikes at steps n − 1, then every n + R − 1 steps (steps counted from 0).
 */
function expectedSpikeSteps(I: number, theta: number, a: number, R: number, steps: number): number[] {
  const n = Math.ceil(Math.log(1 - theta / I) / Math.log(1 - a));
  const out: number[] = [];
  for (let k = n - 1; k < steps; k += n + Math.max(R, 1) - 1) out.push(k);
  return out;
}

/**
 * Brian2 2.5.1 (numpy target), `dv/dt = (40 - v)/(10*ms) : 1 (unless refractory)`, threshold
 * `v >= 15`, reset `v = 0`, `refractory=5*ms`, method `euler`, 100 ms: the spike steps
 * (t / dt), run 2026-11-26.
 */
const brian2Steps = [46, 142, 238, 334, 430, 526, 622, 718, 814, 910];

describe('LIF refractory period', () => {
  it.each([
    [16, 2],
    [20, 2],
    [40, 5],
    [40, 0],
  ])('spikes at the closed-form steps for input %d and %d ms refractory', async (I, refractory) => {
    const net$ = clock({ dt: 0.1, duration: 300 }).pipe(
      network({ seed: 1 }),
      lif('N', { size: 1, tau: 10, threshold: 15, reset: 0, v0: 0, refractory }),
      input('N', I),
    );
    const record = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const expected = expectedSpikeSteps(I, 15, 0.01, Math.round(refractory / 0.1), 3000);
    expect(expected.length).toBeGreaterThan(3);
    expect(Array.from(record.groups.N!.steps)).toEqual(expected);
    if (I === 40 && refractory === 5) expect(expected.slice(0, 10)).toEqual(brian2Steps);
  });

  it('holds the potential at reset while refractory, and the threaded kernel does the same', () => {
    const spec = {
      seed: 2,
      groups: [{ kind: 'lif', name: 'N', size: 50, tau: 10, threshold: 15, reset: -2, v0: { kind: 'uniform', low: 0, high: 15 }, refractory: 1.5 }],
      projections: [{ name: 'NN', pre: 'N', post: 'N', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 3, g: 0.5 } }],
      inputs: [{ kind: 'constant', group: 'N', value: 30 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    const one = createKernel(built, { dt: 0.1, maxBlock: 1 });
    const two = createKernel(built, { dt: 0.1, maxBlock: 1, threads: 2 });
    try {
      const lastSpike = new Array<number>(50).fill(-1000);
      for (let k = 0; k < 400; k++) {
        one.run(1);
        two.run(1);
        const { indices } = one.spikes(0);
        expect(Array.from(two.spikes(0).indices)).toEqual(Array.from(indices));
        for (const i of indices) {
          // Held at steps k + 1 … k + 14 after a spike at step k: no spike there.
          expect(k - lastSpike[i]!).toBeGreaterThanOrEqual(15);
          lastSpike[i] = k;
        }
        for (let i = 0; i < 50; i++) {
          if (k - lastSpike[i]! < 15) expect(one.groups[0]!.V[i]).toBe(-2);
        }
      }
      expect(Array.from(two.groups[0]!.V)).toEqual(Array.from(one.groups[0]!.V));
    } finally {
      two.close();
    }
  });

  it('refuses a refractory period that is negative or not a whole number of steps, naming the group', () => {
    const file = {
      seed: 0,
      run: { dt: 0.1, duration: 10 },
      groups: [{ kind: 'lif', name: 'N', size: 1, tau: 10, threshold: 15, reset: 0, v0: { kind: 'constant', value: 0 }, refractory: 0.25 }],
      projections: [],
      inputs: [],
    };
    const result = decodeSimulationSpec(file);
    expect(E.isLeft(result) && result.left).toEqual([{ path: 'groups[0].refractory', message: '0.25 ms is not a whole number of steps of dt = 0.1 ms' }]);
    const negative = decodeSimulationSpec({ ...file, groups: [{ ...file.groups[0], refractory: -1 }] });
    expect(E.isLeft(negative) && negative.left).toEqual([{ path: 'groups[0].refractory', message: 'expected a finite number >= 0, got -1' }]);
    const { run: _run, ...network } = file;
    expect(() => createKernel(buildNetwork(network as unknown as NetworkSpec), { dt: 0.1 })).toThrow(
      'invalid network at dt = 0.1 ms:\ngroups[0].refractory: 0.25 ms is not a whole number of steps of dt = 0.1 ms',
    );
  });
});
