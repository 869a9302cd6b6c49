import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, network, pairStdp, poissonGroup, recordSpikes, spikeTimes, toPyNN, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';
import { kernelSpikes } from './kernelSpikes.js';

/** Every spike of group g over `steps` steps, as [step, neuron], and the kernel's backend. */
function spikesOf(spec: NetworkSpec, options: { backend?: 'js' | 'wasm'; threads?: number }, steps: number, g = 0): { spikes: [number, number][]; backend: string } {
  const kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 64, ...options });
  try {
    return { spikes: kernelSpikes(kernel, steps, g), backend: kernel.backend };
  } finally {
    kernel.close();
  }
}

describe('spikes at given times (Brian2 SpikeGeneratorGroup)', () => {
  // Unsorted, two neurons in one step, a time on a block's edge (64 steps), times that are whole
  // steps only up to rounding (0.3 ms is 2.9999999999999996 steps of 0.1 ms), one between steps.
  const indices = [2, 0, 3, 0, 1, 2, 4];
  const times = [25.55, 0.3, 6.4, 1.05, 6.4, 0, 99.9];
  // Brian2's timestep, ⌊(t + 0.001·dt)/dt⌋, written out: 255, 3, 64, 10, 64, 0, 999.
  const expected: [number, number][] = [
    [0, 2],
    [3, 0],
    [10, 0],
    [64, 1],
    [64, 3],
    [255, 2],
    [999, 4],
  ];
  const generator = {
    seed: 1,
    groups: [{ kind: 'poisson', name: 'G', size: 5, rate: 0 }],
    projections: [],
    inputs: [{ kind: 'spikeTimes', group: 'G', indices, times }],
  } as unknown as NetworkSpec;

  it('makes a Poisson group of rate 0 spike at exactly those steps, in both back ends and on two threads', () => {
    expect(spikesOf(generator, { backend: 'js' }, 1000)).toEqual({ spikes: expected, backend: 'js' });
    expect(spikesOf(generator, { backend: 'wasm' }, 1000)).toEqual({ spikes: expected, backend: 'wasm' });
    // Threads merge them in JavaScript.
    expect(spikesOf(generator, { threads: 2 }, 1000)).toEqual({ spikes: expected, backend: 'js' });
  });

  it('repeats a pattern with its period, as Brian2 does', () => {
    // A 10 ms period at dt = 0.1 ms: 100 steps, against blocks of 64.
    const periodic = { ...generator, inputs: [{ kind: 'spikeTimes', group: 'G', indices: [1, 4, 1], times: [0.3, 5, 9.95], period: 10 }] } as unknown as NetworkSpec;
    const expected: [number, number][] = [];
    for (let m = 0; m < 10; m++) expected.push([100 * m + 3, 1], [100 * m + 50, 4], [100 * m + 99, 1]);
    for (const options of [{ backend: 'js' }, { backend: 'wasm' }, { threads: 2 }] as const) expect(spikesOf(periodic, options, 1000).spikes).toEqual(expected);
  });

  it('is the same from code: spikeTimes(group, { indices, times })', async () => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(network({ seed: 1 }), poissonGroup('G', { size: 5, rate: 0 }), spikeTimes('G', { indices, times }));
    const record = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const { steps, indices: got } = record.groups.G!;
    expect(Array.from(steps, (s, q) => [s, got[q]!])).toEqual(expected);
  });

  it('adds to the spikes a group makes by itself, and its targets take them as its own', () => {
    // A LIF group that fires by itself, and a target that counts every spike of it (delta, w = 1,
    // threshold out of reach): the target's potential is the number of spikes that reached it.
    const spec = {
      seed: 3,
      groups: [
        { kind: 'lif', name: 'A', size: 20, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
        { kind: 'neuron', name: 'C', size: 1, equations: 'dv/dt = 0', threshold: 'v > 1e9' },
      ],
      projections: [{ name: 'AC', pre: 'A', post: 'C', connectivity: { kind: 'fixedProbability', p: 1 }, synapse: { kind: 'delta', w: 1 } }],
      inputs: [
        { kind: 'constant', group: 'A', value: 1.2 },
        { kind: 'spikeTimes', group: 'A', indices: [3, 3, 7, 19], times: [5, 12.5, 5, 30] },
      ],
    } as unknown as NetworkSpec;
    const without = { ...spec, inputs: [spec.inputs[0]] } as unknown as NetworkSpec;
    for (const options of [{ backend: 'js' }, { backend: 'wasm' }, { threads: 2 }] as const) {
      const own = spikesOf(without, options, 400).spikes;
      const both = spikesOf(spec, options, 400).spikes;
      // The union, each (step, neuron) once: a given spike where the neuron fired anyway is one spike.
      const union = [...new Map([...own, [50, 3], [125, 3], [50, 7], [300, 19]].map((s) => [`${s[0]}:${s[1]}`, s as [number, number]])).values()];
      union.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(both).toEqual(union);
    }
    const kernel = createKernel(buildNetwork(spec), { dt: 0.1, backend: 'wasm' });
    kernel.run(399);
    const counted = kernel.groups[1]!.V[0]!;
    kernel.close();
    const fired = spikesOf(spec, { backend: 'wasm' }, 398).spikes.length;
    expect(counted).toBe(fired);
  });

  it.each([
    [10, 'pre before post: Apre·exp(−Δ/taupre)'],
    [-7.5, 'post before pre: Apost·exp(Δ/taupost)'],
  ])('drive pair STDP to the closed form of one pair, Δ = %d ms (%s), to 1e-12', (delta) => {
    const [Apre, Apost, taupre, taupost, w0] = [0.01, -0.012, 20, 25, 0.5];
    const tPre = 20;
    const spec = {
      seed: 2,
      groups: [
        { kind: 'poisson', name: 'Pre', size: 1, rate: 0 },
        { kind: 'lif', name: 'Post', size: 1, tau: 10, threshold: 1e9, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [
        {
          name: 'S',
          pre: 'Pre',
          post: 'Post',
          connectivity: { kind: 'fixedProbability', p: 1 },
          synapse: { kind: 'expCurrent', tau: 5, g: 0.001 },
          weight: { kind: 'constant', value: w0 },
          plasticity: pairStdp({ Apre, Apost, taupre, taupost, wmax: 1 }),
        },
      ],
      inputs: [
        { kind: 'spikeTimes', group: 'Pre', indices: [0], times: [tPre] },
        { kind: 'spikeTimes', group: 'Post', indices: [0], times: [tPre + delta] },
      ],
    } as unknown as NetworkSpec;
    const expected = w0 + (delta > 0 ? Apre * Math.exp(-delta / taupre) : Apost * Math.exp(delta / taupost));
    for (const options of [{ backend: 'js' }, { backend: 'wasm' }, { threads: 2 }] as const) {
      const kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 1000, ...options });
      kernel.run(600);
      const w = kernel.weights(0)![0]!;
      kernel.close();
      expect(Math.abs(w - expected) / Math.abs(expected - w0)).toBeLessThan(1e-12);
    }
  });

  it('refuses lengths that differ, a neuron not in the group, and two times of one neuron in one step, with their paths', () => {
    const file = (input: Record<string, unknown>): unknown => ({ seed: 0, run: { dt: 0.1, duration: 10 }, groups: [{ kind: 'poisson', name: 'G', size: 3, rate: 0 }], projections: [], inputs: [{ kind: 'spikeTimes', group: 'G', ...input }] });
    const issues = (input: Record<string, unknown>): unknown => {
      const result = decodeSimulationSpec(file(input));
      return E.isLeft(result) ? result.left : [];
    };
    expect(issues({ indices: [0, 1], times: [1] })).toEqual([{ path: 'inputs[0]', message: '2 indices and 1 times: each spike needs its neuron and its time' }]);
    expect(issues({ indices: [0, 3], times: [1, 2] })).toEqual([{ path: 'inputs[0].indices[1]', message: 'neuron 3 is not in group "G" of 3 neurons' }]);
    expect(issues({ indices: [1, 0, 1], times: [0.1, 0.1, 0.14] })).toEqual([
      { path: 'inputs[0].times[2]', message: 'neuron 1 would spike twice in step 1 at dt = 0.1 ms (times[0] = 0.1 ms and times[2] = 0.14 ms)' },
    ]);
    expect(issues({ indices: [0], times: [-1] })).toEqual([{ path: 'inputs[0].times[0]', message: 'expected a finite number >= 0, got -1' }]);
    expect(issues({ indices: [0, 1], times: [0.1, 0.14] })).toEqual([]);
    expect(issues({ indices: [0, 1], times: [1, 10], period: 10 })).toEqual([{ path: 'inputs[0].times[1]', message: '10 ms is not below the period, 10 ms: a repeating pattern\'s times lie within one period' }]);
    expect(issues({ indices: [0], times: [9.9999], period: 10 })).toEqual([{ path: 'inputs[0].times[0]', message: '9.9999 ms falls in step 100, not below the period\'s 100 steps at dt = 0.1 ms' }]);
    expect(issues({ indices: [0], times: [1], period: 10.05 })).toEqual([{ path: 'inputs[0].period', message: '10.05 ms is not a whole number of steps of dt = 0.1 ms' }]);
    // Into a source of rate 0 they export as its SpikeSourceArray; into a neuron group, not.
    expect(toPyNN({ ...generator, run: { dt: 0.1, duration: 100 } } as Parameters<typeof toPyNN>[0]).script).toContain('sim.SpikeSourceArray(spike_times=[Sequence(');
    const intoNeurons = { ...generator, run: { dt: 0.1, duration: 100 }, groups: [{ kind: 'lif', name: 'G', size: 5, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } }] };
    expect(() => toPyNN(intoNeurons as unknown as Parameters<typeof toPyNN>[0])).toThrow(/inputs\[0\]: the spikes at given times into group "G" are added to its own spikes/);
  });
});
