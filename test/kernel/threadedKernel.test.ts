import { lastValueFrom, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expCurrent, fixedProb, input, lif, network, recordSpikes, sampleState, uniform, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel, prestartWorkers, workersReady, workersStarted, warmThreads, type Kernel } from '../../src/kernel.js';

const v0 = { kind: 'uniform', low: 0, high: 1 } as const;

/**
 * Sizes that do not divide by the thread counts, a group of 1 (an empty range), p small and large,
 * a timed input and probes of a group and of a projection.
 */
function spec(seed: number, drive = 1.3): NetworkSpec {
  return {
    seed,
    groups: [
      { kind: 'lif', name: 'E', size: 301, tau: 10, threshold: 1, reset: 0, v0 },
      { kind: 'lif', name: 'I', size: 77, tau: 5, threshold: 1, reset: 0.1, v0 },
      { kind: 'lif', name: 'One', size: 1, tau: 8, threshold: 1, reset: 0, v0 },
    ],
    projections: [
      { name: 'E2E', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.3, selfConnections: false }, synapse: { kind: 'expCurrent', tau: 3, g: 0.02 } },
      { name: 'E2I', pre: 'E', post: 'I', connectivity: { kind: 'fixedProbability', p: 0.02 }, synapse: { kind: 'expCurrent', tau: 3, g: 0.1 } },
      { name: 'I2E', pre: 'I', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'expCurrent', tau: 4, g: -0.05 } },
      { name: 'E2One', pre: 'E', post: 'One', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'expCurrent', tau: 4, g: 0.01 } },
      { name: 'One2I', pre: 'One', post: 'I', connectivity: { kind: 'fixedProbability', p: 1 }, synapse: { kind: 'expCurrent', tau: 4, g: 0.3 } },
    ],
    inputs: [
      { kind: 'constant', group: 'E', value: drive },
      { kind: 'constant', group: 'I', value: 0.9 },
      { kind: 'constant', group: 'One', value: 1.05 },
      { kind: 'timed', group: 'I', times: [5, 12.3, 30], values: [0.2, -0.3, 0.05] },
    ],
    probes: [
      { name: 'v', target: 'E', variable: 'V', indices: [0, 150, 151, 300] },
      { name: 's', target: 'I2E', variable: 's', indices: [300, 0, 149] },
    ],
  } as unknown as NetworkSpec;
}

interface Trace {
  steps: number[];
  spikes: number[][][];
  samples: number[][];
}

/** Runs `steps` steps in blocks of `block`, collecting every step's spikes and samples. */
function trace(kernel: Kernel, steps: number, block: number): Trace {
  const out: Trace = { steps: [], spikes: [], samples: [] };
  for (let done = 0; done < steps; ) {
    const n = kernel.run(Math.min(block, steps - done));
    out.steps.push(n);
    for (let k = 0; k < n; k++) {
      out.spikes.push(kernel.groups.map((_, g) => {
        const { stepPtr, indices } = kernel.spikes(g);
        return Array.from(indices.subarray(stepPtr[k]!, stepPtr[k + 1]!));
      }));
    }
    out.samples.push(Array.from(kernel.samples(0)), Array.from(kernel.samples(1)));
    if (kernel.failure !== null) break;
    done += n;
  }
  return out;
}

describe('createKernel with threads', () => {
  // JavaScript threads run the generated step; WebAssembly threads the module's own step loop
  // (see wasmDriver). Both must match one thread.
  const backends = [{ backend: 'js' as const }, { backend: 'wasm' as const }];

  it.each([2, 3, 4].flatMap((threads) => backends.map((b) => ({ threads, ...b }))))('gives the spikes, samples and final state of one thread, bit for bit ($threads threads, $backend)', ({ threads, backend }) => {
    for (const seed of [1, 2]) {
      const built = buildNetwork(spec(seed));
      const one = createKernel(built, { dt: 0.1, maxBlock: 50 });
      const many = createKernel(built, { dt: 0.1, maxBlock: 50, threads, backend });
      try {
        expect(many.source.includes('W.r(')).toBe(backend === 'wasm');
        const a = trace(one, 600, 50);
        const b = trace(many, 600, 50);
        expect(a.spikes.flat(2).length).toBeGreaterThan(500);
        expect(b.spikes).toEqual(a.spikes);
        expect(b.samples).toEqual(a.samples);
        expect(many.groups.map((g) => Array.from(g.V))).toEqual(one.groups.map((g) => Array.from(g.V)));
        expect(many.projections.map((p) => Array.from(p.s))).toEqual(one.projections.map((p) => Array.from(p.s)));
        expect(many.step).toBe(600);
      } finally {
        many.close();
      }
    }
  });

  it.each(backends)('is left at step 0 with its state as it was by warmThreads, then gives the spikes, samples and state of one thread ($backend)', ({ backend }) => {
    const built = buildNetwork(spec(3));
    const one = createKernel(built, { dt: 0.1, maxBlock: 50 });
    const two = createKernel(built, { dt: 0.1, maxBlock: 50, threads: 2, backend });
    try {
      const state = (k: Kernel): number[][] => [...k.groups.map((g) => Array.from(g.V)), ...k.projections.map((p) => Array.from(p.s))];
      const before = state(two);
      warmThreads(two);
      expect(two.step).toBe(0);
      expect(state(two)).toEqual(before);
      const a = trace(one, 400, 50);
      expect(a.spikes.flat(2).length).toBeGreaterThan(300);
      expect(trace(two, 400, 50)).toEqual(a);
      expect(state(two)).toEqual(state(one));
    } finally {
      two.close();
    }
  });

  it.each(backends)('ends a block early when every neuron spikes every step (shared buffers are fixed), and loses no step ($backend)', ({ backend }) => {
    // A drive far above threshold: each E neuron fires at every step (V = 1000 dt/tau = 10 > 1).
    const built = buildNetwork(spec(3, 1000));
    const one = createKernel(built, { dt: 0.1, maxBlock: 100 });
    const two = createKernel(built, { dt: 0.1, maxBlock: 100, threads: 2, backend });
    try {
      const a = trace(one, 300, 100);
      const b = trace(two, 300, 100);
      expect(a.steps).toEqual([100, 100, 100]);
      expect(Math.max(...b.steps)).toBeLessThan(100);
      expect(b.steps.reduce((x, y) => x + y)).toBe(300);
      expect(b.spikes).toEqual(a.spikes);
      expect(a.spikes[299]![0]!.length).toBe(301);
    } finally {
      two.close();
    }
  });

  it.each(backends)('reports a blow-up as one thread does: same group, neuron and step ($backend)', ({ backend }) => {
    // E fires; its traces into I, weighted 1e308, overflow I's input to Infinity.
    const base = spec(4, 3);
    const blowing = { ...base, projections: base.projections.map((p) => (p.name === 'E2I' ? { ...p, synapse: { kind: 'expCurrent', tau: 3, g: 1e308 } } : p)) } as unknown as NetworkSpec;
    const built = buildNetwork(blowing);
    const one = createKernel(built, { dt: 0.1 });
    const two = createKernel(built, { dt: 0.1, threads: 2, backend });
    try {
      const [a, b] = [trace(one, 300, 100), trace(two, 300, 100)];
      expect(b.spikes).toEqual(a.spikes);
      expect(a.spikes.length).toBeLessThan(300);
      expect(one.failure).not.toBeNull();
      expect(two.failure?.message).toBe(one.failure?.message);
      expect([two.failure?.group, two.failure?.index, two.failure?.step]).toEqual([one.failure?.group, one.failure?.index, one.failure?.step]);
      expect(() => two.run(1)).toThrow(one.failure!.message);
    } finally {
      two.close();
    }
  });

  it('reports a blow-up of a neuron that only another thread owns, with its value', () => {
    // Source neuron 0 fires every few steps; its one synapse, weighted 1e308, goes to the
    // last neuron of T (its input overflows at the third spike), which on two threads is the
    // worker's (thread 0's share of T is [0, 2)): the value reported is read from the worker's
    // copy of the state (see threadStateStride).
    const blowing = {
      seed: 3,
      groups: [
        { kind: 'lif', name: 'S', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'values', values: [0.99, 0] } },
        { kind: 'lif', name: 'T', size: 6, tau: 10, threshold: 1e300, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [{ name: 'S2T', pre: 'S', post: 'T', connectivity: { kind: 'pairs', pre: [0], post: [5] }, synapse: { kind: 'expCurrent', tau: 3, g: 1e308 } }],
      inputs: [{ kind: 'constant', group: 'S', value: 15 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(blowing);
    const js = createKernel(built, { dt: 0.1, backend: 'js' });
    js.run(100);
    expect([js.failure?.group, js.failure?.index]).toEqual(['T', 5]);
    const two = createKernel(built, { dt: 0.1, threads: 2, backend: 'wasm' });
    try {
      two.run(100);
      expect(two.failure?.message).toBe(js.failure?.message);
    } finally {
      two.close();
    }
  });

  it('refuses to run once closed', () => {
    const kernel = createKernel(buildNetwork(spec(5)), { dt: 0.1, threads: 2 });
    kernel.run(10);
    kernel.close();
    kernel.close();
    expect(() => kernel.run(1)).toThrow('Kernel.run: the kernel is closed');
  });

  it('refuses a thread count that is not a whole number in [1, 64]', () => {
    expect(() => createKernel(buildNetwork(spec(5)), { dt: 0.1, threads: 0 })).toThrow('createKernel: threads must be a whole number in [1, 64], got 0');
  });
});

describe('the worker pool', () => {
  it('gives a closed kernel\'s workers to the next kernel, which gets the same spikes', () => {
    const net = buildNetwork(spec(3));
    const run = (): number[] => {
      const kernel = createKernel(net, { dt: 0.1, maxBlock: 50, threads: 3 });
      try {
        kernel.run(50);
        return Array.from(kernel.spikes(0).indices);
      } finally {
        kernel.close();
      }
    };
    const first = run();
    // Its two workers are idle in the pool now: asking for two starts none.
    expect(prestartWorkers(2)).toBe(0);
    expect(run()).toEqual(first);
    expect(run()).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });

  it('says when its workers have started, and waits for them (workersReady)', async () => {
    await workersReady(3);
    expect(workersStarted(3)).toBe(true);
    // Nothing else started them: three idle workers that started, and none more needed.
    expect(prestartWorkers(3)).toBe(0);
  });

  it('refuses a count that is not a whole number in [0, 64]', () => {
    expect(() => prestartWorkers(-1)).toThrow('prestartWorkers: count must be a whole number in [0, 64], got -1');
    expect(() => prestartWorkers(1.5)).toThrow('got 1.5');
  });
});

describe('build(net$, { threads })', () => {
  it('runs the pipeline on two threads with the spikes of one, with a closed-loop stream input', async () => {
    const net$ = (drive$: import('rxjs').Observable<number> | number) =>
      clock({ dt: 0.1, duration: 30 }).pipe(
        network({ seed: 9 }),
        lif('E', { size: 500, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
        expCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 3, g: 0.01 }),
        input('E', typeof drive$ === 'number' ? drive$ : drive$, { initial: 1.2 }),
        sampleState('v', { target: 'E', variable: 'V', indices: [0, 499] }),
      );
    const one = await lastValueFrom(build(net$(1.2)).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$(1.2), { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(100);
    expect(two).toEqual(one);
    const steps = await lastValueFrom(build(net$(1.2), { threads: 2 }).pipe(map((f) => f.steps), toArray()));
    expect(steps.reduce((a, b) => a + b)).toBe(300);
  });
});
