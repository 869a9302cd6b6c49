import { describe, expect, it } from 'vitest';
import { movingSharesSpec } from './movingSharesSpec.js';
import { coba } from '../../../examples/coba/network.js';
import { cobahh } from '../../../examples/cobahh/network.js';
import { brunel2000 } from '../../../examples/brunel2000/network.js';
import { cuba } from '../../../examples/cuba/network.js';
import { tian2020 } from '../../../examples/tian2020/network.js';
import { vreeswijk1996 } from '../../../examples/vreeswijk1996/network.js';
import { clock, type NetworkSpec } from '../../../src/index.js';
import { buildNetwork, createKernel, csrOf, wasmIneligibility, type BuiltNetwork, type Kernel } from '../../../src/kernel.js';

/**
 * Runs both back ends block by block (WebAssembly on `threads` threads, JavaScript on one) and
 * requires the same spikes, potentials and traces, bit for bit; `between` may set inputs before
 * each block. Unlike {@link sameOnThreads}, every block must run whole.
 */
function sameAsJs(built: BuiltNetwork, steps: number, block: number, between?: (k: Kernel, done: number) => void, threads = 1): number {
  const wasm = createKernel(built, { dt: 0.1, maxBlock: block, backend: 'wasm', threads });
  const js = createKernel(built, { dt: 0.1, maxBlock: block, backend: 'js' });
  expect([wasm.backend, js.backend]).toEqual(['wasm', 'js']);
  let spikes = 0;
  try {
    for (let done = 0; done < steps; done += block) {
      between?.(wasm, done);
      between?.(js, done);
      expect(wasm.run(block)).toBe(js.run(block));
      built.groups.forEach((_, g) => {
        const [a, b] = [wasm.spikes(g), js.spikes(g)];
        expect(Array.from(a.stepPtr)).toEqual(Array.from(b.stepPtr));
        expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
        spikes += a.indices.length;
        expect(Array.from(wasm.groups[g]!.V)).toEqual(Array.from(js.groups[g]!.V));
      });
      built.projections.forEach((_, p) => expect(Array.from(wasm.projections[p]!.s)).toEqual(Array.from(js.projections[p]!.s)));
    }
  } finally {
    wasm.close();
  }
  return spikes;
}

/**
 * Every spike of `steps` steps of kernel `k`, as `step:group:neuron` strings, running blocks of
 * at most `block` steps (a threaded kernel may end a block early when its spike buffers fill).
 */
function spikeTrace(k: Kernel, groups: number, steps: number, block: number): string[] {
  const out: string[] = [];
  for (let done = 0; done < steps; ) {
    const ran = k.run(Math.min(block, steps - done));
    expect(ran).toBeGreaterThan(0);
    for (let g = 0; g < groups; g++) {
      const { stepPtr, indices } = k.spikes(g);
      for (let s = 0; s < ran; s++) for (let q = stepPtr[s]!; q < stepPtr[s + 1]!; q++) out.push(`${done + s}:${g}:${indices[q]}`);
    }
    done += ran;
  }
  return out.sort();
}

/** `threads` threads of WebAssembly against one of JavaScript: the same spikes, step by step; returns their number. */
function sameOnThreads(built: BuiltNetwork, threads: number, steps: number): number {
  const js = createKernel(built, { dt: 0.1, maxBlock: 100, backend: 'js' });
  const wasm = createKernel(built, { dt: 0.1, maxBlock: 100, threads, backend: 'wasm' });
  try {
    const want = spikeTrace(js, built.groups.length, steps, 100);
    expect(spikeTrace(wasm, built.groups.length, steps, 100)).toEqual(want);
    return want.length;
  } finally {
    wasm.close();
  }
}

/** Runs 100 steps of `built` on both back ends, which must fail at the same step with the same report; returns the WebAssembly kernel. */
function sameBlowUp(built: BuiltNetwork): Kernel {
  const [wasm, js] = (['wasm', 'js'] as const).map((backend) => createKernel(built, { dt: 0.1, maxBlock: 100, backend }));
  const [a, b] = [wasm!.run(100), js!.run(100)];
  expect(a).toBe(b);
  expect(a).toBeLessThan(100);
  expect(js!.failure).not.toBeNull();
  expect(wasm!.failure?.message).toBe(js!.failure?.message);
  return wasm!;
}

describe('the WebAssembly kernel', () => {
  it('gives the JavaScript kernel\'s spikes and state, bit for bit: the seed network', () => {
    const built = buildNetwork(tian2020(clock({ dt: 0.1, duration: 1 }), { neurons: 4001, seed: 3 }).spec);
    expect(wasmIneligibility(built)).toBeNull();
    expect(sameAsJs(built, 1000, 100)).toBeGreaterThan(1000);
  });

  it.each([
    ['CUBA (refractory periods, resting potential)', () => buildNetwork(cuba(clock({ dt: 0.1, duration: 1 }), 2).spec)],
    ['COBA (conductances)', () => buildNetwork(coba(clock({ dt: 0.1, duration: 1 }), 2).spec)],
    ['van Vreeswijk 1996 (exponential integrator)', () => buildNetwork(vreeswijk1996(clock({ dt: 0.1, duration: 1 }), 2).spec)],
    ['COBAHH (Hodgkin–Huxley neurons, conductances)', () => buildNetwork(cobahh(clock({ dt: 0.1, duration: 1 }), 2).spec)],
  ])('and for %s', (_, make) => {
    expect(sameAsJs(make(), 2000, 250)).toBeGreaterThan(1000);
  });

  it('with odd sizes, 1-byte targets, timed and stream inputs and probes', () => {
    const spec = {
      seed: 9,
      groups: [
        { kind: 'lif', name: 'A', size: 201, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 }, refractory: 0.3 },
        { kind: 'lif', name: 'B', size: 3, tau: 5, threshold: 1, reset: -0.5, v0: { kind: 'constant', value: 0 }, integrator: 'exponential' },
      ],
      projections: [
        { name: 'AA', pre: 'A', post: 'A', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 2, g: 0.05 }, s0: { kind: 'uniform', low: 0, high: 2 } },
        { name: 'AB', pre: 'A', post: 'B', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 3, g: 0.01, E: 2 } },
        { name: 'BA', pre: 'B', post: 'A', connectivity: { kind: 'oneToOne' } as never, synapse: { kind: 'expCurrent', tau: 4, g: -0.2 } },
      ],
      inputs: [
        { kind: 'timed', group: 'A', times: [0, 20, 40], values: [1.2, 0.5, 1.5] },
        { kind: 'stream', group: 'A', initial: 0.1 },
        { kind: 'constant', group: 'B', value: 0.3 },
      ],
      probes: [{ name: 'vA', target: 'A', variable: 'V', indices: [0, 200] }],
    } as unknown as NetworkSpec;
    // oneToOne needs equal sizes: B → A through explicit pairs instead.
    const fixed = { ...spec, projections: spec.projections.map((p) => (p.name === 'BA' ? { ...p, connectivity: { kind: 'pairs', pre: [0, 1, 2], post: [0, 100, 200] } } : p)) } as unknown as NetworkSpec;
    const built = buildNetwork(fixed);
    expect(csrOf(built.projections[0]!.synapses).col.BYTES_PER_ELEMENT).toBe(1);
    // On two threads too: the stream input's new values reach the worker's copy of the state.
    for (const threads of [1, 2]) {
      const spikes = sameAsJs(built, 600, 50, (k, done) => {
        if (done === 200) k.setInput(1, Array.from({ length: 201 }, (_, i) => (i % 7) * 0.1));
        if (done > 0) expect(k.samples(0).length).toBe(100);
      }, threads);
      expect(spikes).toBeGreaterThan(200);
    }
  });

  it('runs Hodgkin–Huxley groups of odd sizes, with and without refractory periods, current and conductance synapses, timed and stream inputs and probes', () => {
    const hh = { kind: 'hh', C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: { kind: 'uniform', low: -70, high: -55 } };
    const spec = {
      seed: 4,
      groups: [
        { ...hh, name: 'A', size: 51, refractory: 3 },
        { ...hh, name: 'B', size: 7, threshold: -10, m0: { kind: 'constant', value: 0 }, h0: { kind: 'constant', value: 0 }, n0: { kind: 'constant', value: 0.1 } },
        { kind: 'lif', name: 'L', size: 9, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
      ],
      projections: [
        { name: 'AA', pre: 'A', post: 'A', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expConductance', tau: 5, g: 6, E: 0 } },
        { name: 'BA', pre: 'B', post: 'A', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 10, g: 5, E: -80 } },
        { name: 'LA', pre: 'L', post: 'A', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 2, g: 30 } },
        { name: 'AB', pre: 'A', post: 'B', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 5, g: 3, E: 0 } },
        { name: 'AL', pre: 'A', post: 'L', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 5, g: 0.05 } },
      ],
      inputs: [
        { kind: 'timed', group: 'A', times: [0, 30, 60], values: [100, 0, 300] },
        { kind: 'stream', group: 'A', initial: 300 },
        { kind: 'constant', group: 'B', value: 150 },
        { kind: 'constant', group: 'L', value: 1.05 },
      ],
      probes: [{ name: 'vA', target: 'A', variable: 'V', indices: [0, 50] }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    expect(wasmIneligibility(built)).toBeNull();
    for (const threads of [1, 2]) {
      const spikes = sameAsJs(built, 1000, 100, (k, done) => {
        if (done === 300) k.setInput(1, Array.from({ length: 51 }, (_, i) => (i % 5) * 40));
        if (done > 0) expect(k.samples(0).length).toBe(200);
      }, threads);
      expect(spikes).toBeGreaterThan(200);
    }
  });

  it('runs Izhikevich and AdEx groups (odd sizes, synapses, inputs), and reports their blow-ups, as the JavaScript kernel does', () => {
    const spec = {
      seed: 8,
      groups: [
        { kind: 'izhikevich', name: 'Z', size: 41, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'uniform', low: -70, high: -50 } },
        { kind: 'adex', name: 'A', size: 13, C: 200, gL: 12, EL: -70, VT: -50, deltaT: 2, tauw: 300, a: 2, b: 60, reset: -58, peak: 0, v0: { kind: 'uniform', low: -70, high: -55 } },
      ],
      projections: [
        { name: 'ZZ', pre: 'Z', post: 'Z', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 5, g: 2 } },
        { name: 'ZA', pre: 'Z', post: 'A', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 5, g: 1, E: 0 } },
        { name: 'AZ', pre: 'A', post: 'Z', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 10, g: -3 } },
      ],
      inputs: [
        { kind: 'timed', group: 'Z', times: [0, 40], values: [25, 12] },
        { kind: 'stream', group: 'A', initial: 500 },
      ],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    expect(wasmIneligibility(built)).toBeNull();
    expect(sameAsJs(built, 1000, 100)).toBeGreaterThan(200);
    // On two threads too.
    expect(sameOnThreads(built, 2, 500)).toBeGreaterThan(100);
    // A current of −1e308 pA, twice: V becomes −∞ (for AdEx, +∞ would be a spike), at the same
    // neuron and step in both.
    for (const kind of ['izhikevich', 'adex'] as const) {
      const group = spec.groups.find((g) => g.kind === kind)!;
      const blowUp = { seed: 1, groups: [group], projections: [], inputs: [0, 1].map(() => ({ kind: 'timed', group: group.name, times: [0, 5], values: [0, -1e308] })) } as unknown as NetworkSpec;
      sameBlowUp(buildNetwork(blowUp));
    }
  });

  it('runs delta synapses (jumps lost while refractory) and dual-exponential ones into LIF and Hodgkin–Huxley groups with the spikes of the JavaScript kernel, on one thread and on two', () => {
    const hh = { kind: 'hh', C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: { kind: 'uniform', low: -70, high: -55 } };
    const spec = {
      seed: 13,
      groups: [
        { kind: 'poisson', name: 'P', size: 200, rate: 50 },
        { kind: 'lif', name: 'L', size: 101, tau: 20, threshold: 20, reset: 10, refractory: 2, v0: { kind: 'uniform', low: 0, high: 20 } },
        { ...hh, name: 'H', size: 9, refractory: 3 },
      ],
      projections: [
        { name: 'PL', pre: 'P', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'delta', w: 0.8 } },
        { name: 'LL', pre: 'L', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'delta', w: -0.5 } },
        { name: 'PH', pre: 'P', post: 'H', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0.3 } },
        { name: 'LH', pre: 'L', post: 'H', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 5, g: 5, E: 0 } },
        { name: 'HL', pre: 'H', post: 'L', connectivity: { kind: 'allToAll' }, synapse: { kind: 'dualExpCurrent', tauRise: 1, tauDecay: 4, g: 3 } },
        { name: 'PH2', pre: 'P', post: 'H', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'dualExpCurrent', tauRise: 2, tauDecay: 2, g: 40 } },
      ],
      inputs: [{ kind: 'constant', group: 'L', value: 12 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    expect(wasmIneligibility(built)).toBeNull();
    expect(sameAsJs(built, 1000, 100)).toBeGreaterThan(2000);
    expect(sameOnThreads(built, 2, 500)).toBeGreaterThan(1000);
  });

  it('runs Poisson inputs (Brunel 2000 without its delay: delta synapses, Poisson input, refractory neurons) with the spikes of the JavaScript kernel, on one thread and on two', () => {
    const spec = {
      seed: 14,
      groups: [
        { kind: 'lif', name: 'E', size: 401, tau: 20, threshold: 20, reset: 10, refractory: 2, v0: { kind: 'uniform', low: 0, high: 20 } },
        { kind: 'lif', name: 'I', size: 99, tau: 20, threshold: 20, reset: 10, refractory: 2, v0: { kind: 'uniform', low: 0, high: 20 } },
      ],
      projections: [
        { name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'fixedInDegree', k: 40 }, synapse: { kind: 'delta', w: 0.1 } },
        { name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'fixedInDegree', k: 40 }, synapse: { kind: 'delta', w: 0.1 } },
        { name: 'IE', pre: 'I', post: 'E', connectivity: { kind: 'fixedInDegree', k: 10 }, synapse: { kind: 'delta', w: -0.5 } },
        { name: 'II', pre: 'I', post: 'I', connectivity: { kind: 'fixedInDegree', k: 10 }, synapse: { kind: 'delta', w: -0.5 } },
      ],
      // λ = 2 per step, one with λ = 95 (a long table), and one that never spikes.
      inputs: [
        { kind: 'poisson', group: 'E', count: 800, rate: 25, weight: 0.1 },
        { kind: 'poisson', group: 'I', count: 800, rate: 25, weight: 0.1 },
        { kind: 'poisson', group: 'I', count: 950, rate: 1000, weight: 0.001 },
        { kind: 'poisson', group: 'E', count: 10, rate: 0, weight: 5 },
      ],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    expect(wasmIneligibility(built)).toBeNull();
    expect(sameAsJs(built, 1000, 100)).toBeGreaterThan(2000);
    expect(sameOnThreads(built, 2, 500)).toBeGreaterThan(1000);
  });

  it('runs delays (Brunel 2000, and projections of one group with delays 0, 0.3 and 1.5 ms) with the spikes of the JavaScript kernel, on one thread and on two', () => {
    const brunel = buildNetwork(brunel2000(clock({ dt: 0.1, duration: 1 }), { seed: 2 }).spec);
    expect(wasmIneligibility(brunel)).toBeNull();
    expect(sameAsJs(brunel, 600, 100)).toBeGreaterThan(5000);
    expect(sameOnThreads(brunel, 2, 600)).toBeGreaterThan(5000);
    const spec = {
      seed: 15,
      groups: [
        { kind: 'poisson', name: 'P', size: 150, rate: 80 },
        { kind: 'lif', name: 'L', size: 77, tau: 10, threshold: 1, reset: 0, refractory: 1, v0: { kind: 'uniform', low: 0, high: 1 } },
      ],
      projections: [
        { name: 'PL0', pre: 'P', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 3, g: 0.4 } },
        { name: 'PL3', pre: 'P', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'delta', w: 0.05 }, delay: 0.3 },
        { name: 'PL15', pre: 'P', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'dualExpCurrent', tauRise: 1, tauDecay: 3, g: 0.3 }, delay: 1.5 },
        { name: 'LL15', pre: 'L', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 3, g: -0.2 }, delay: 1.5 },
      ],
      inputs: [],
    } as unknown as NetworkSpec;
    const mixed = buildNetwork(spec);
    expect(sameAsJs(mixed, 1000, 100)).toBeGreaterThan(2000);
    expect(sameOnThreads(mixed, 2, 600)).toBeGreaterThan(1000);
    expect(sameOnThreads(mixed, 3, 300)).toBeGreaterThan(500);
  });

  it('draws procedural rows (p ≥ 1/16) four spikes at a time with the spikes and traces of the JavaScript kernel, and of stored synapses', () => {
    // Odd sizes (the last pair of columns reaches the padding), no self-connections, p = 1,
    // delays, every kind of synapse, and a stored projection in the same scatter as a procedural one.
    const spec = (procedural: boolean) =>
      ({
        seed: 21,
        groups: [
          { kind: 'lif', name: 'E', size: 401, tau: 10, threshold: 1, reset: 0, refractory: 0.5, v0: { kind: 'uniform', low: 0, high: 1 } },
          { kind: 'lif', name: 'I', size: 99, tau: 5, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
        ],
        projections: [
          { name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.25, selfConnections: false, procedural }, synapse: { kind: 'expCurrent', tau: 3, g: 0.004 } },
          { name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'fixedProbability', p: 1, procedural }, synapse: { kind: 'dualExpCurrent', tauRise: 1, tauDecay: 3, g: 0.001 } },
          { name: 'IE', pre: 'I', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.5, procedural }, synapse: { kind: 'delta', w: -0.01 }, delay: 0.3 },
          { name: 'II', pre: 'I', post: 'I', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 3, g: -0.05 }, delay: 0.3 },
        ],
        inputs: [
          { kind: 'constant', group: 'E', value: 1.6 },
          { kind: 'constant', group: 'I', value: 1.3 },
        ],
      }) as unknown as NetworkSpec;
    const built = buildNetwork(spec(true));
    expect(wasmIneligibility(built)).toBeNull();
    expect(built.projections.map((p) => p.synapses.nnz)).toEqual([0, 0, 0, expect.any(Number)]);
    expect(sameAsJs(built, 1000, 100)).toBeGreaterThan(2000);
    const trace = (b: BuiltNetwork): string[] => spikeTrace(createKernel(b, { dt: 0.1, maxBlock: 100, backend: 'wasm' }), 2, 1000, 100);
    expect(trace(built)).toEqual(trace(buildNetwork(spec(false))));
    // Threads split the drawing by spikes and the adding by targets, and meet in between.
    expect(sameOnThreads(built, 2, 600)).toBeGreaterThan(1000);
    expect(sameOnThreads(built, 3, 300)).toBeGreaterThan(500);
  });

  it('draws procedural rows on threads in chunks, when a step has more spikes than one chunk holds', () => {
    // 20,000 targets (10,000 bytes a group of four spikes), so a chunk holds 52 groups: 1,200
    // sources spiking at every step make 300 groups, six chunks a step.
    const spec = {
      seed: 4,
      groups: [
        { kind: 'lif', name: 'P', size: 1200, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
        { kind: 'lif', name: 'L', size: 20000, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
      ],
      projections: [{ name: 'PL', pre: 'P', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.25, procedural: true }, synapse: { kind: 'expCurrent', tau: 3, g: 0.002 } }],
      inputs: [{ kind: 'constant', group: 'P', value: 400 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    const [js, wasm] = [createKernel(built, { dt: 0.1, maxBlock: 15, backend: 'js' }), createKernel(built, { dt: 0.1, maxBlock: 15, threads: 2, backend: 'wasm' })];
    try {
      expect([js.run(15), wasm.run(15)]).toEqual([15, 15]);
      expect(js.spikes(0).indices.length).toBe(15 * 1200);
      expect(js.spikes(1).indices.length).toBeGreaterThan(1000);
      for (const g of [0, 1]) expect(Array.from(wasm.spikes(g).indices)).toEqual(Array.from(js.spikes(g).indices));
      expect(Array.from(wasm.projections[0]!.s)).toEqual(Array.from(js.projections[0]!.s));
    } finally {
      wasm.close();
    }
  });

  it('runs Poisson groups (odd sizes, every rate up to certain spikes) with the spikes of the JavaScript kernel, on one thread and on two', () => {
    const spec = {
      seed: 12,
      groups: [
        { kind: 'poisson', name: 'P', size: 301, rate: 40 },
        { kind: 'poisson', name: 'Q', size: 5, rate: 10000 },
        { kind: 'lif', name: 'L', size: 99, tau: 10, threshold: 1, reset: 0, refractory: 2, v0: { kind: 'uniform', low: 0, high: 1 } },
      ],
      projections: [
        { name: 'PL', pre: 'P', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 5, g: 0.6 } },
        { name: 'QL', pre: 'Q', post: 'L', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 5, g: 0.01 } },
      ],
      inputs: [],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    expect(wasmIneligibility(built)).toBeNull();
    expect(sameAsJs(built, 1000, 100)).toBeGreaterThan(1000);
    expect(sameOnThreads(built, 2, 500)).toBeGreaterThan(2500);
    // Q's rate·dt is 1: every neuron spikes at every step.
    const js = createKernel(built, { dt: 0.1, maxBlock: 100, backend: 'js' });
    js.run(100);
    expect(js.spikes(1).indices.length).toBe(5 * 100);
  });

  it.each([2, 3])('runs Hodgkin–Huxley groups on %d threads with the spikes and potentials of one JavaScript thread', (threads) => {
    const net = buildNetwork(cobahh(clock({ dt: 0.1, duration: 1 }), 3).spec);
    const js = createKernel(net, { dt: 0.1, maxBlock: 250, backend: 'js' });
    const wasm = createKernel(net, { dt: 0.1, maxBlock: 250, threads, backend: 'wasm' });
    try {
      let spikes = 0;
      for (let b = 0; b < 4; b++) {
        for (const k of [js, wasm]) expect(k.run(250)).toBe(250);
        net.groups.forEach((_, g) => {
          const want = Array.from(js.spikes(g).indices);
          expect(Array.from(wasm.spikes(g).indices)).toEqual(want);
          expect(Array.from(wasm.groups[g]!.V)).toEqual(Array.from(js.groups[g]!.V));
          spikes += want.length;
        });
      }
      expect(spikes).toBeGreaterThan(1000);
    } finally {
      wasm.close();
    }
  });

  it('reports a Hodgkin–Huxley blow-up as the JavaScript kernel does: same group, neuron and step', () => {
    const spec = {
      seed: 1,
      groups: [{ kind: 'hh', name: 'H', size: 5, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: { kind: 'constant', value: -65 } }],
      projections: [],
      // Each finite, their sum not: V becomes NaN at step 100 (10 ms).
      inputs: [
        { kind: 'timed', group: 'H', times: [0, 5], values: [0, 1e308] },
        { kind: 'timed', group: 'H', times: [0, 5], values: [0, 1e308] },
      ],
    } as unknown as NetworkSpec;
    sameBlowUp(buildNetwork(spec));
  });

  it('keeps the synapses in the network\'s memory: the first kernel uses it, a second at the same time copies them, a later one reuses it', () => {
    const built = buildNetwork(tian2020(clock({ dt: 0.1, duration: 1 }), { neurons: 4000, seed: 5 }).spec);
    expect(built.wasm).not.toBeNull();
    expect(csrOf(built.projections[0]!.synapses).col.buffer).toBe(built.wasm!.memory.buffer);
    const run = (k: Kernel): number[] => {
      const out: number[] = [];
      for (let b = 0; b < 5; b++) {
        k.run(100);
        out.push(...k.spikes(0).indices, -1);
      }
      return out;
    };
    const first = createKernel(built, { dt: 0.1, maxBlock: 100 });
    expect(built.wasm!.busy).toBe(true);
    const second = createKernel(built, { dt: 0.1, maxBlock: 100 });
    expect(second.groups[0]!.V.buffer).not.toBe(built.wasm!.memory.buffer);
    const a = run(first);
    expect(run(second)).toEqual(a);
    first.close();
    expect(built.wasm!.busy).toBe(false);
    // Its memory may now be another kernel's: a closed kernel does not run.
    expect(() => first.run(1)).toThrow('Kernel.run: the kernel is closed');
    const third = createKernel(built, { dt: 0.1, maxBlock: 100 });
    expect(third.groups[0]!.V.buffer).toBe(built.wasm!.memory.buffer);
    expect(run(third)).toEqual(a);
    expect(a.length).toBeGreaterThan(100);
  });

  it.each(['stored', 'procedural'] as const)('runs a network built without WebAssembly memory from a copy of its synapses, with the same spikes (%s)', (connectivity) => {
    const spec = tian2020(clock({ dt: 0.1, duration: 1 }), { neurons: 3000, seed: 6, connectivity }).spec;
    const plain = buildNetwork(spec, { backend: 'js' });
    const home = buildNetwork(spec);
    expect(plain.wasm).toBeNull();
    expect(home.wasm).not.toBeNull();
    expect(csrOf(plain.projections[0]!.synapses).col.buffer).toBeInstanceOf(SharedArrayBuffer);
    const a = createKernel(plain, { dt: 0.1, maxBlock: 200 });
    const b = createKernel(home, { dt: 0.1, maxBlock: 200 });
    expect([a.backend, b.backend]).toEqual(['wasm', 'wasm']);
    for (let k = 0; k < 3; k++) {
      a.run(200);
      b.run(200);
      expect(Array.from(a.spikes(0).indices)).toEqual(Array.from(b.spikes(0).indices));
    }
    expect(a.spikes(0).indices.length).toBeGreaterThan(10);
  });

  it('reports a blow-up as the JavaScript kernel does: same group, neuron and step', () => {
    const spec = {
      seed: 1,
      groups: [
        { kind: 'lif', name: 'E', size: 50, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
        { kind: 'lif', name: 'I', size: 7, tau: 10, threshold: 1e300, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [{ name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'expCurrent', tau: 3, g: 1e308 } }],
      inputs: [{ kind: 'constant', group: 'E', value: 2 }],
    } as unknown as NetworkSpec;
    const wasm = sameBlowUp(buildNetwork(spec));
    expect(() => wasm.run(1)).toThrow(wasm.failure!.message);
  });

  it('draws procedural rows of every kind (small p, weights, distance, delays) with the JavaScript kernel\'s spikes, on one thread and on two', () => {
    // Every row is drawn by the module: p below 1/16 by its gaps, rows with weights or delays
    // and rows by distance as lists, the rest as bits; all delta, current and rise targets.
    const spec = {
      seed: 1,
      groups: [{ kind: 'lif', name: 'E', size: 400, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 }, positions: { kind: 'random', width: 1, height: 1 } }],
      projections: [
        { name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.02, procedural: true }, synapse: { kind: 'delta', w: 0.04 } },
        { name: 'EEw', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.1, procedural: true }, synapse: { kind: 'expCurrent', tau: 3, g: -0.5 }, weight: { kind: 'uniform', low: 0, high: 0.2 } },
        { name: 'EEd', pre: 'E', post: 'E', connectivity: { kind: 'distance', p0: 0.3, sigma: 0.2, procedural: true }, synapse: { kind: 'expCurrent', tau: 3, g: 0.01 }, delays: { kind: 'uniform', low: 0.5, high: 2 } },
        { name: 'EEp', pre: 'E', post: 'E', connectivity: { kind: 'distance', p0: 0.2, sigma: 0.15, periodic: true, selfConnections: false, procedural: true }, synapse: { kind: 'dualExpCurrent', tauRise: 1, tauDecay: 3, g: 0.02 } },
        { name: 'EEs', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.1, procedural: true }, synapse: { kind: 'expCurrent', tau: 3, g: 0.01 } },
      ],
      inputs: [{ kind: 'constant', group: 'E', value: 1.1 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    expect(wasmIneligibility(built)).toBeNull();
    const spikes = (backend: 'js' | 'wasm', threads = 1): number[] => {
      const kernel = createKernel(built, { dt: 0.1, backend, maxBlock: 500, threads });
      expect(kernel.backend).toBe(backend);
      const out: number[] = [];
      for (let done = 0; done < 2000; done += kernel.run(500)) out.push(...kernel.spikes(0).indices, -1);
      kernel.close();
      return out;
    };
    const js = spikes('js');
    expect(js.length).toBeGreaterThan(2000);
    expect(spikes('wasm')).toEqual(js);
    expect(wasmIneligibility(built, 2)).toBeNull();
    expect(spikes('wasm', 2)).toEqual(js);
  });

  it.each([2, 3])('runs on %d threads over a shared memory, with the spikes and state of one JavaScript thread', (threads) => {
    const built = buildNetwork(cuba(clock({ dt: 0.1, duration: 1 }), 4).spec);
    // An odd-sized group too: every thread's range but the last starts and ends on an even neuron.
    const odd = { ...built.spec, groups: built.spec.groups.map((g) => (g.name === 'I' ? { ...g, size: 801 } : g)) } as unknown as NetworkSpec;
    for (const net of [built, buildNetwork(odd)]) {
      expect(wasmIneligibility(net, threads)).toBeNull();
      const js = createKernel(net, { dt: 0.1, maxBlock: 200, backend: 'js' });
      // The network's own memory first, then (while it is held) a fresh one with the synapses copied.
      const holder = createKernel(net, { dt: 0.1, maxBlock: 200, threads, backend: 'wasm' });
      const copy = createKernel(net, { dt: 0.1, maxBlock: 200, threads, backend: 'wasm' });
      try {
        expect([holder.backend, holder.threads, holder.groups[0]!.V.buffer === net.wasm!.memory.buffer]).toEqual(['wasm', threads, true]);
        expect(copy.groups[0]!.V.buffer === net.wasm!.memory.buffer).toBe(false);
        let spikes = 0;
        for (let b = 0; b < 5; b++) {
          for (const k of [js, holder, copy]) expect(k.run(200)).toBe(200);
          net.groups.forEach((_, g) => {
            const want = Array.from(js.spikes(g).indices);
            expect(Array.from(holder.spikes(g).indices)).toEqual(want);
            expect(Array.from(copy.spikes(g).indices)).toEqual(want);
            spikes += want.length;
          });
        }
        expect(Array.from(holder.groups[1]!.V)).toEqual(Array.from(js.groups[1]!.V));
        expect(Array.from(copy.projections[3]!.s)).toEqual(Array.from(js.projections[3]!.s));
        expect(spikes).toBeGreaterThan(1000);
      } finally {
        holder.close();
        copy.close();
      }
      expect(net.wasm!.busy).toBe(false);
    }
  });

  it('serves threaded kernels one after another from the network\'s memory, which grows once', () => {
    const net = buildNetwork(cuba(clock({ dt: 0.1, duration: 1 }), 4).spec);
    const pages: number[] = [];
    let first: number[] | null = null;
    for (let k = 0; k < 4; k++) {
      const kernel = createKernel(net, { dt: 0.1, maxBlock: 100, threads: 2 + (k % 2), backend: 'wasm' });
      try {
        expect(kernel.groups[0]!.V.buffer).toBe(net.wasm!.memory.buffer);
        kernel.run(100);
        const spikes = Array.from(kernel.spikes(0).indices);
        first ??= spikes;
        expect(spikes).toEqual(first);
        pages.push(net.wasm!.memory.buffer.byteLength);
      } finally {
        kernel.close();
      }
    }
    // 2 threads, 3 (more room), then 2 and 3 again in the same room.
    expect([pages[2], pages[3]]).toEqual([pages[1], pages[1]]);
  });

  it('keeps the spikes and state of one thread while the threads\' shares move', () => {
    const spec = movingSharesSpec();
    const net = buildNetwork(spec);
    const js = createKernel(net, { dt: 0.1, maxBlock: 128, backend: 'js' });
    const wasm = createKernel(net, { dt: 0.1, maxBlock: 128, threads: 2, backend: 'wasm' });
    try {
      expect(wasm.shares).toEqual([0.5, 0.5]);
      let spikes = 0;
      for (let b = 0; b < 40; b++) {
        expect(wasm.run(128)).toBe(js.run(128));
        net.groups.forEach((_, g) => {
          const want = Array.from(js.spikes(g).indices);
          expect(Array.from(wasm.spikes(g).indices)).toEqual(want);
          spikes += want.length;
        });
      }
      expect(Array.from(wasm.groups[1]!.V)).toEqual(Array.from(js.groups[1]!.V));
      expect(Array.from(wasm.projections[0]!.s)).toEqual(Array.from(js.projections[0]!.s));
      expect(spikes).toBeGreaterThan(40_000);
      // Where the shares went depends on the host's scheduling (test/perf/shares.test.ts holds
      // them to the direction); here, that they still split every group in two.
      expect(wasm.shares[0]! + wasm.shares[1]!).toBe(1);
      expect(wasm.shares[0]).toBeGreaterThan(0);
      expect(wasm.shares[1]).toBeGreaterThan(0);
    } finally {
      wasm.close();
    }
  });
});
