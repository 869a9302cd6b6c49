import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildNetwork, createKernel, estimateMemory, rowTargets } from '../../src/kernel.js';
import { decodeNetworkSpec, type NetworkSpec, SpecError } from '../../src/index.js';
import { runPlain, type PlainGroup, type PlainProjection } from '../reference/plainNetwork.js';
import * as E from 'fp-ts/lib/Either.js';

const dt = 0.1;
const steps = 1500;

/** Two LIF groups, recurrent and feed-forward projections with per-synapse weights and delays. */
function spec(seed: number, delays: boolean): NetworkSpec {
  const lif = (name: string, size: number) => ({ kind: 'lif', name, size, tau: 10, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } });
  const raw = {
    seed,
    groups: [lif('A', 120), lif('B', 80)],
    projections: [
      { name: 'AA', pre: 'A', post: 'A', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 5, g: 1 },
        weight: { kind: 'lognormal', mu: -1.2, sigma: 0.6 }, ...(delays ? { delays: { kind: 'uniform', low: 0, high: 3 } } : {}) },
      { name: 'AB', pre: 'A', post: 'B', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'expCurrent', tau: 3, g: 0.8 },
        weight: { kind: 'uniform', low: 0, high: 1 }, ...(delays ? { delays: { kind: 'normal', mean: 1.5, sd: 0.3 } } : {}) },
      { name: 'BA', pre: 'B', post: 'A', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'expCurrent', tau: 8, g: -1.5 },
        weight: { kind: 'normal', mean: 0.5, sd: 0.1 } },
    ],
    inputs: [{ kind: 'constant', group: 'A', value: 16 }, { kind: 'constant', group: 'B', value: 14 }],
  };
  const decoded = decodeNetworkSpec(raw);
  if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
  return decoded.right;
}

/** The engine's run as spikes per step per group. */
function engineSpikes(net: ReturnType<typeof buildNetwork>, threads: number, backend: 'js' | 'wasm' | 'auto' = 'auto'): Record<string, number[][]> {
  const kernel = createKernel(net, { dt, threads, maxBlock: 500, backend });
  if (backend !== 'auto') expect(kernel.backend).toBe(backend);
  const out: Record<string, number[][]> = Object.fromEntries(net.groups.map((g) => [g.name, []]));
  try {
    for (let done = 0; done < steps; ) {
      const n = kernel.run(Math.min(500, steps - done));
      net.groups.forEach((g, gi) => {
        const { stepPtr, indices } = kernel.spikes(gi);
        for (let k = 0; k < n; k++) out[g.name]!.push(Array.from(indices.subarray(stepPtr[k], stepPtr[k + 1])));
      });
      done += n;
    }
  } finally {
    kernel.close();
  }
  return out;
}

/** The same network handed to the plain reference as data: synapses, weights, delays in steps. */
function plainSpikes(net: ReturnType<typeof buildNetwork>): Record<string, number[][]> {
  const kernel = createKernel(net, { dt });
  const groups: PlainGroup[] = net.groups.map((g, gi) => {
    if (g.kind !== 'lif') throw new Error('LIF only');
    const external = net.spec.inputs.flatMap((x) => (x.kind === 'constant' && x.group === g.name ? [x.value] : []));
    return { name: g.name, size: g.size, tau: g.tau, threshold: g.threshold, reset: g.reset, v0: Array.from(kernel.groups[gi]!.V), external };
  });
  const projections: PlainProjection[] = net.projections.map((p) => {
    const syn = p.spec.synapse;
    const csr = p.synapses;
    if (syn.kind !== 'expCurrent' || 'words' in csr) throw new Error('stored expCurrent only');
    const rows = Array.from({ length: csr.rows }, (_, i) => [csr.rowPtr[i]!, csr.rowPtr[i + 1]!] as const);
    return {
      pre: net.groups[p.pre]!.name,
      post: net.groups[p.post]!.name,
      tau: syn.tau,
      g: syn.g,
      pre2post: rows.map((_, i) => Array.from(rowTargets(csr, i))),
      weights: rows.map(([a, b]) => Array.from(p.weights!.subarray(a, b))),
      ...(p.delays === null ? {} : { delays: rows.map(([a, b]) => Array.from(p.delays!.subarray(a, b), (d) => Math.round(d / dt))) }),
    };
  });
  kernel.close();
  return runPlain(groups, projections, dt, steps);
}

function firstDifference(a: Record<string, number[][]>, b: Record<string, number[][]>): string | null {
  for (const g of Object.keys(b)) {
    for (let k = 0; k < steps; k++) {
      if (a[g]![k]!.join() !== b[g]![k]!.join()) return `group ${g} step ${k}: engine [${a[g]![k]}] reference [${b[g]![k]}]`;
    }
  }
  return null;
}

describe('per-synapse weights and delays', () => {
  for (const delays of [false, true]) {
    for (const backend of ['js', 'wasm'] as const) {
      it(`match the plain reference spike for spike, 1, 2 and 3 threads (${delays ? 'weights and delays' : 'weights'}, ${backend})`, () => {
        const net = buildNetwork(spec(7, delays), { dt });
        const expected = plainSpikes(net);
        const total = Object.values(expected).reduce((n, g) => n + g.reduce((m, s) => m + s.length, 0), 0);
        expect(total).toBeGreaterThan(500);
        expect(firstDifference(engineSpikes(net, 1, backend), expected)).toBeNull();
        expect(firstDifference(engineSpikes(net, 2, backend), expected)).toBeNull();
        expect(firstDifference(engineSpikes(net, 3, backend), expected)).toBeNull();
      });
    }
  }

  it('run in WebAssembly only at the time step they were built for, counted in its steps', () => {
    const net = buildNetwork(spec(7, true), { dt });
    const atItsStep = createKernel(net, { dt });
    expect(atItsStep.backend).toBe('wasm');
    atItsStep.close();
    expect(() => createKernel(net, { dt: dt / 2, backend: 'wasm' })).toThrow(`counted in steps of the dt it was built for (${dt} ms), not ${dt / 2} ms`);
    const kernel = createKernel(net, { dt: dt / 2 });
    expect(kernel.backend).toBe('js');
    kernel.close();
  });

  it('draw from their own streams: the same for the same seed, in row order', () => {
    const a = buildNetwork(spec(7, true)).projections[0]!;
    const b = buildNetwork(spec(7, true)).projections[0]!;
    expect(Array.from(a.weights!)).toEqual(Array.from(b.weights!));
    expect(Array.from(a.delays!)).toEqual(Array.from(b.delays!));
    // lognormal(mu, sigma): the logarithms' mean and spread.
    const logs = Array.from(a.weights!, Math.log);
    const mean = logs.reduce((x, y) => x + y, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((x, y) => x + (y - mean) ** 2, 0) / logs.length);
    expect(Math.abs(mean + 1.2)).toBeLessThan(4 * 0.6 / Math.sqrt(logs.length));
    expect(Math.abs(sd - 0.6)).toBeLessThan(0.05);
    // uniform delays in [0, 3) ms
    expect(Math.min(...a.delays!)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.delays!)).toBeLessThan(3);
  });

  it('are counted by estimateMemory: 4 bytes a weight, 5 a delay (4 in ms, 1 in steps up to 255)', () => {
    const withDelays = estimateMemory(spec(7, true)).projections[0]!.bytes;
    const without = estimateMemory(spec(7, false)).projections[0]!.bytes;
    const plain = estimateMemory({ ...spec(7, false), projections: [{ ...spec(7, false).projections[0]!, weight: undefined }] } as NetworkSpec).projections[0]!.bytes;
    const capacity = (without - plain) / 4;
    expect(capacity).toBeGreaterThan(0.2 * 120 * 120);
    // delays: 4 bytes each in ms and 1 in steps, and 8 per target per step of the longest delay (30 steps + 1).
    expect(withDelays - without).toBe(5 * capacity + 8 * 120 * 31);
  });

  it('refuse values of the wrong length, negative delays and procedural rows, naming the projection', () => {
    const base = spec(7, false);
    const values = { ...base, projections: [{ ...base.projections[0]!, weight: { kind: 'values', values: [1, 2, 3] } }] } as unknown as NetworkSpec;
    expect(() => buildNetwork(values)).toThrow(/projections\[0\]\.weight\.values: has 3 values for \d+ synapses/);
    const negative = { ...base, projections: [{ ...base.projections[0]!, delays: { kind: 'normal', mean: 0, sd: 1 } }] } as unknown as NetworkSpec;
    expect(() => buildNetwork(negative)).toThrow(/projections\[0\]\.delays: synapse \d+ \(pre \d+ -> post \d+\) has delay -[\d.e-]+ ms/);
    const procedural = { ...base, projections: [{ ...base.projections[0]!, connectivity: { kind: 'fixedProbability', p: 0.2, procedural: true }, delays: { kind: 'normal', mean: 1, sd: 0.2 } }] };
    const issues = decodeNetworkSpec(procedural);
    expect(E.isLeft(issues) && issues.left.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'projections[0].delays: a procedural projection draws its delays with each row, and needs their bound before the run: give "constant" or "uniform", not "normal"',
    ]);
    const both = { ...base, projections: [{ ...base.projections[0]!, delay: 1, delays: { kind: 'constant', value: 1 } }] };
    const bothIssues = decodeNetworkSpec(both);
    expect(E.isLeft(bothIssues) && bothIssues.left[0]!.message).toMatch(/one delay for the projection/);
    expect(SpecError).toBeDefined();
  });
});

describe('per-synapse weights with procedural connectivity', () => {
  it('are drawn again with each row: the spikes of the stored rows and their weights', () => {
    const stored = spec(11, false);
    const procedural = {
      ...stored,
      projections: stored.projections.map((p) => ({ ...p, connectivity: { ...p.connectivity, procedural: true } })),
    } as NetworkSpec;
    const a = buildNetwork(stored);
    const b = buildNetwork(procedural);
    expect(b.projections[0]!.synapses.nnz).toBe(0);
    // Row 5's weights, drawn again, are the stored row's.
    const csr = a.projections[0]!.synapses as { rowPtr: Uint32Array };
    const row = new Float32Array(200);
    const n = b.projections[0]!.rowWeights!(5, csr.rowPtr[6]! - csr.rowPtr[5]!, row);
    expect(Array.from(row.subarray(0, n))).toEqual(Array.from(a.projections[0]!.weights!.subarray(csr.rowPtr[5], csr.rowPtr[6])));
    const expected = engineSpikes(a, 1, 'js');
    expect(firstDifference(engineSpikes(b, 1, 'js'), expected)).toBeNull();
    // No synapse stored: row pointers, a scratch row of targets, the trace, and a scratch row of weights.
    expect(estimateMemory(procedural).projections[0]!.bytes).toBe(4 * (120 + 1) + 12 * 120 + 4 * 120);
  });

  it('with delays drawn again with each row too: the spikes of the stored rows, weights and delays', () => {
    // spec(…, true) gives AB normal delays, which a procedural row cannot bound: uniform here.
    const base = spec(13, true);
    const stored = { ...base, projections: base.projections.map((p) => (p.name === 'AB' ? { ...p, delays: { kind: 'uniform', low: 0.5, high: 2.5 } } : p)) } as NetworkSpec;
    const procedural = { ...stored, projections: stored.projections.map((p) => ({ ...p, connectivity: { ...p.connectivity, procedural: true } })) } as NetworkSpec;
    const a = buildNetwork(stored);
    const b = buildNetwork(procedural);
    expect(b.projections[0]!.rowDelays).not.toBeNull();
    expect(b.projections[0]!.rowDelayBound).toBe(3);
    const expected = engineSpikes(a, 1, 'js');
    // The delays reach: some spikes arrive later than without them.
    expect(firstDifference(engineSpikes(buildNetwork(spec(13, false)), 1, 'js'), expected)).not.toBeNull();
    expect(firstDifference(engineSpikes(b, 1, 'js'), expected)).toBeNull();
    // No synapse stored: scratch rows of targets, weights, delays (ms and steps), and the delayed
    // sums, 8 bytes per target per step of the longest delay (30 steps + 1).
    expect(estimateMemory(procedural).projections[0]!.bytes).toBe(4 * (120 + 1) + 12 * 120 + 4 * 120 + 8 * 120 + 8 * 120 * 31);
  });

  it('refuse "values" and rules, which need stored synapses', () => {
    const base = spec(11, false);
    const withValues = { ...base, projections: [{ ...base.projections[0]!, connectivity: { kind: 'fixedProbability', p: 0.2, procedural: true }, weight: { kind: 'values', values: [1] } }] };
    const d = decodeNetworkSpec(withValues);
    expect(E.isLeft(d) && d.left.map((x) => x.path)).toEqual(['projections[0].weight']);
  });
});

const python = '/usr/bin/python3';
const hasBrian2 = spawnSync(python, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasBrian2)('per-synapse weights and delays against Brian2 (needs python3-brian)', () => {
  it('give the spikes of Brian2 running the same synapses, weights and delays as data', () => {
    const net = buildNetwork(spec(7, true));
    const steps = 1500;
    const kernel = createKernel(net, { dt });
    const data = {
      dt,
      steps,
      groups: net.groups.map((g, gi) => {
        if (g.kind !== 'lif') throw new Error('LIF only');
        const external = net.spec.inputs.flatMap((x) => (x.kind === 'constant' && x.group === g.name ? [x.value] : [])).reduce((a, b) => a + b, 0);
        return { name: g.name, size: g.size, tau: g.tau, threshold: g.threshold, reset: g.reset, v0: Array.from(kernel.groups[gi]!.V), external };
      }),
      projections: net.projections.map((p) => {
        const csr = p.synapses as { rows: number; rowPtr: Uint32Array; col: ArrayLike<number> };
        const i: number[] = [];
        for (let r = 0; r < csr.rows; r++) for (let k = csr.rowPtr[r]!; k < csr.rowPtr[r + 1]!; k++) i.push(r);
        const syn = p.spec.synapse as { tau: number; g: number };
        return { pre: net.groups[p.pre]!.name, post: net.groups[p.post]!.name, tau: syn.tau, g: syn.g, i, j: Array.from(csr.col), w: Array.from(p.weights!), d: p.delays === null ? null : Array.from(p.delays, (x) => Math.round(x / dt)) };
      }),
    };
    kernel.close();
    const theirs = JSON.parse(execFileSync(python, ['bench/brian2/delays.py'], { input: JSON.stringify(data), encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 1 << 26 })) as Record<string, [number, number][]>;
    const ours = engineSpikes(net, 1, 'js');
    for (const g of Object.keys(ours)) {
      const mine = ours[g]!.flatMap((neurons, step) => neurons.map((i) => [step, i] as [number, number]));
      const sorted = [...theirs[g]!].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(mine.length).toBeGreaterThan(100);
      expect(mine).toEqual(sorted);
    }
  }, 120_000);
});
