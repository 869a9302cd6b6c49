import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { tian2020 } from '../../examples/tian2020/network.js';
import { clock, recordSpikes, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel, estimateMemory } from '../../src/kernel.js';

function spec(procedural: boolean, p: number): NetworkSpec {
  const v0 = { kind: 'uniform', low: 0, high: 1 } as const;
  const connectivity = (self?: boolean) => ({ kind: 'fixedProbability', p, ...(self === undefined ? {} : { selfConnections: self }), ...(procedural ? { procedural } : {}) });
  return {
    seed: 11,
    groups: [
      { kind: 'lif', name: 'E', size: 400, tau: 10, threshold: 1, reset: 0, v0 },
      { kind: 'lif', name: 'I', size: 100, tau: 5, threshold: 1, reset: 0, v0 },
    ],
    projections: [
      { name: 'E2E', pre: 'E', post: 'E', connectivity: connectivity(false), synapse: { kind: 'expCurrent', tau: 3, g: 0.4 / (400 * p) } },
      { name: 'E2I', pre: 'E', post: 'I', connectivity: connectivity(), synapse: { kind: 'expCurrent', tau: 3, g: 0.4 / (400 * p) } },
      { name: 'I2E', pre: 'I', post: 'E', connectivity: connectivity(), synapse: { kind: 'expCurrent', tau: 4, g: -0.8 / (100 * p) } },
    ],
    inputs: [
      { kind: 'constant', group: 'E', value: 1.4 },
      { kind: 'constant', group: 'I', value: 1.1 },
    ],
    probes: [{ name: 's', target: 'E2E', variable: 's', indices: [0, 7, 399] }],
  } as unknown as NetworkSpec;
}

/** Both groups' spikes and the probe's samples of `steps` steps, and the back end they ran on. */
function run(s: NetworkSpec, steps: number, threads = 1): { backend: string; spikes: number[]; samples: number[] } {
  const kernel = createKernel(buildNetwork(s), { dt: 0.1, maxBlock: 100, threads });
  try {
    const spikes: number[] = [];
    const samples: number[] = [];
    for (let done = 0; done < steps; done += kernel.run(100)) {
      spikes.push(...kernel.spikes(0).indices, -1, ...kernel.spikes(1).indices, -2);
      samples.push(...kernel.samples(0));
    }
    return { backend: kernel.backend, spikes, samples };
  } finally {
    kernel.close();
  }
}

describe('procedural connectivity', () => {
  // p = 0.25 draws every pair (Bernoulli); p = 0.02 draws the gaps (geometric): both generators;
  // p = 0.001 leaves most rows empty.
  it.each([0.25, 0.02, 0.001])('draws the synapses it would store: the same spikes and traces as stored (p = %f)', (p) => {
    const stored = run(spec(false, p), 1000);
    const procedural = run(spec(true, p), 1000);
    expect(stored.spikes.filter((x) => x >= 0).length).toBeGreaterThan(1000);
    expect(procedural).toEqual(stored);
  });

  it('stores no synapse and says so in its memory estimate, while counting the expected synapses', () => {
    const built = buildNetwork(spec(true, 0.25));
    expect(built.projections.map((p) => p.synapses.nnz)).toEqual([0, 0, 0]);
    expect(built.synapseCount).toBe(Math.round(0.25 * (400 * 400 - 400)) + 0.25 * 400 * 100 + 0.25 * 100 * 400);
    const estimate = estimateMemory(built.spec);
    expect(estimate.projections.map((p) => p.bytesPerSynapse)).toEqual([0, 0, 0]);
    expect(estimate.bytes).toBeLessThan(estimateMemory(spec(false, 0.25)).bytes / 5);
  });

  it('gives the seed network the same rates as stored connectivity (N = 4,000, 100 ms)', async () => {
    const rates = async (connectivity: 'stored' | 'procedural') => {
      const record = await lastValueFrom(tian2020(clock({ dt: 0.1, duration: 100 }), { neurons: 4000, seed: 2, muF: 10 / Math.sqrt(4000), connectivity }).pipe(recordSpikes()));
      return [record.groups.E!.indices.length, record.groups.I!.indices.length];
    };
    const [stored, procedural] = [await rates('stored'), await rates('procedural')];
    expect(stored[0]).toBeGreaterThan(500);
    expect(procedural).toEqual(stored);
  });

  // Both generators on threads: p = 0.02's gaps drawn with the imported Math.log, as bits.
  it.each([0.25, 0.02, 0.001])('runs on threads in WebAssembly with the spikes and traces of one thread (p = %f)', (p) => {
    const one = run(spec(true, p), 500);
    expect(one.backend).toBe('wasm');
    for (const threads of [2, 3]) expect(run(spec(true, p), 500, threads)).toEqual(one);
  });

  it('draws the rows of p = 0.02 in WebAssembly as the JavaScript kernel draws them', () => {
    const js = createKernel(buildNetwork(spec(true, 0.02)), { dt: 0.1, maxBlock: 100, backend: 'js' });
    const steps = (k: typeof js): number[] => {
      const spikes: number[] = [];
      for (let done = 0; done < 500; done += k.run(100)) spikes.push(...k.spikes(0).indices, -1, ...k.samples(0));
      return spikes;
    };
    expect(steps(createKernel(buildNetwork(spec(true, 0.02)), { dt: 0.1, maxBlock: 100, backend: 'wasm' }))).toEqual(steps(js));
  });

  // Weights drawn with each row: every initializer (Box–Muller through the imported Math
  // functions), both generators, against the stored rows' weights (drawn in JavaScript at the
  // build), on one thread and on two and three.
  const inits = [
    { kind: 'constant', value: 0.75 },
    { kind: 'uniform', low: 0.2, high: 1.8 },
    { kind: 'normal', mean: 1, sd: 0.4 },
    { kind: 'lognormal', mu: -0.1, sigma: 0.5 },
  ] as const;
  const weighted = (procedural: boolean, p: number, init: (typeof inits)[number]): NetworkSpec => {
    const base = spec(procedural, p);
    return { ...base, projections: base.projections.map((x) => ({ ...x, weight: init })) } as unknown as NetworkSpec;
  };
  it.each(inits.flatMap((init) => [0.25, 0.02].map((p) => [init.kind, p, init] as const)))('draws %s weights with the rows (p = %f): the stored weights\' spikes and traces, on 1 to 3 threads', (_, p, init) => {
    const stored = run(weighted(false, p, init), 500);
    expect(stored.spikes.filter((x) => x >= 0).length).toBeGreaterThan(500);
    // And the weights matter: the same rows with every weight 1 give other spikes.
    expect(run(spec(false, p), 500).spikes).not.toEqual(stored.spikes);
    expect(stored.backend).toBe('wasm');
    for (const threads of [1, 2, 3]) expect(run(weighted(true, p, init), 500, threads)).toEqual(stored);
  });

  // Delays drawn with each row (bounded initializers only), with and without weights: their sums
  // in the ring the module shares between threads, against the stored rows' delays.
  const delays = [{ kind: 'uniform', low: 0.5, high: 3 }, { kind: 'constant', value: 1.25 }] as const;
  it.each(delays.flatMap((d) => [0.25, 0.02].flatMap((p) => [false, true].map((w) => [d.kind, p, w, d] as const))))('draws %s delays with the rows (p = %f, weights %s): the stored delays\' spikes and traces, on 1 to 3 threads', (_, p, w, d) => {
    const delayed = (procedural: boolean): NetworkSpec => {
      const base = w ? weighted(procedural, p, inits[1]) : spec(procedural, p);
      return { ...base, projections: base.projections.map((x) => ({ ...x, delays: d })) } as unknown as NetworkSpec;
    };
    const stored = run(delayed(false), 500);
    expect(stored.backend).toBe('wasm');
    expect(run(w ? weighted(false, p, inits[1]) : spec(false, p), 500).spikes).not.toEqual(stored.spikes);
    for (const threads of [1, 2, 3]) expect(run(delayed(true), 500, threads)).toEqual(stored);
  });

  // Rows by distance on a sheet (with edges, and periodic), with and without weights: each pair's
  // probability through the imported Math.exp, against the stored rows, on 1 to 3 threads.
  it.each([false, true].flatMap((periodic) => [false, true].map((w) => [periodic, w] as const)))('draws rows by distance (periodic %s, weights %s): the stored rows\' spikes and traces, on 1 to 3 threads', (periodic, w) => {
    const placed = (procedural: boolean): NetworkSpec => {
      const base = w ? weighted(procedural, 0.25, inits[2]) : spec(procedural, 0.25);
      const sheet = { kind: 'random', width: 1, height: 1 };
      return {
        ...base,
        groups: base.groups.map((g) => ({ ...g, positions: sheet })),
        projections: base.projections.map((x) => ({ ...x, connectivity: { kind: 'distance', p0: 0.8, sigma: 0.15, periodic, ...(x.pre === x.post ? { selfConnections: false } : {}), ...(procedural ? { procedural } : {}) } })),
      } as unknown as NetworkSpec;
    };
    const stored = run(placed(false), 500);
    expect(stored.backend).toBe('wasm');
    expect(stored.spikes.filter((x) => x >= 0).length).toBeGreaterThan(500);
    for (const threads of [1, 2, 3]) expect(run(placed(true), 500, threads)).toEqual(stored);
  });

  it('refuses threads in JavaScript, naming the projection and why', () => {
    expect(() => createKernel(buildNetwork(spec(true, 0.25)), { dt: 0.1, threads: 2, backend: 'js' })).toThrow(
      'createKernel: projection "E2E" has procedural connectivity, which runs on one thread in JavaScript (backend "js"); use threads: 1',
    );
  });
});
