/**
 * Exported scripts run on PyNN 0.10 and NEURON 8.2 (skipped, with the reason, where they are not
 * installed: bash bench/pynn/setup.sh installs them; .ci/run does). Single cells under a
 * constant current against spikestream's spike counts (the unit mapping of every cell type), a
 * timed input against the closed form, every connectivity rule building, the seed network at
 * N = 2,000 with the synapses spikestream drew, and CUBA drawn by PyNN over two MPI ranks.
 */
import { readFileSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cuba } from '../../examples/cuba/network.js';
import { clock, fromSpec, recordSpikes, type SpikeRecord } from '../../src/index.js';
import type { SimulationSpec } from '../../src/model/simulationSpec.js';
import { pynnProblem, runOnPyNN } from '../../bench/pynn/runExported.js';

const problem = pynnProblem(2);
if (problem !== null) console.warn(`test/io/pynnRun.test.ts skipped: ${problem}`);

async function ours(spec: SimulationSpec): Promise<SpikeRecord> {
  return lastValueFrom(fromSpec(spec).pipe(recordSpikes()));
}

const counts = (r: SpikeRecord): Record<string, number> => Object.fromEntries(Object.entries(r.groups).map(([g, t]) => [g, t.indices.length]));
const rate = (r: SpikeRecord, g: string): number => r.groups[g]!.indices.length / r.groups[g]!.size / ((r.steps * r.dt) / 1000);
const constant = (value: number) => ({ kind: 'constant', value }) as const;

describe.skipIf(problem !== null)('exported scripts on PyNN and NEURON', () => {
  it("gives each cell type under a constant current spikestream's spike count, within one spike, at dt = 0.01 ms", async () => {
    // At dt = 0.1 ms the integrators differ by up to 10% (spikestream's exponential Euler HH
    // fires every 13.2 ms, NEURON's every 12.1 ms); at 0.01 ms both approach the same solution.
    const spec = {
      seed: 1,
      run: { dt: 0.01, duration: 500 },
      groups: [
        { kind: 'lif', name: 'L', size: 1, tau: 20, threshold: -50, reset: -60, rest: -60, refractory: 2, v0: constant(-60) },
        { kind: 'izhikevich', name: 'Z', size: 1, a: 0.02, b: 0.2, c: -65, d: 8, v0: constant(-65) },
        { kind: 'adex', name: 'A', size: 1, C: 281, gL: 30, EL: -70.6, VT: -50.4, deltaT: 2, tauw: 144, a: 4, b: 80.5, reset: -70.6, peak: 20, v0: constant(-70.6) },
        { kind: 'hh', name: 'H', size: 1, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: constant(-60) },
      ],
      projections: [],
      inputs: [
        { kind: 'constant', group: 'L', value: 15 },
        { kind: 'constant', group: 'Z', value: 10 },
        { kind: 'constant', group: 'A', value: 1000 },
        { kind: 'constant', group: 'H', value: 500 },
      ],
    } as unknown as SimulationSpec;
    const mine = counts(await ours(spec));
    const theirs = counts(runOnPyNN(spec).record);
    for (const g of ['L', 'Z', 'A', 'H']) {
      expect(mine[g]).toBeGreaterThan(5);
      expect(Math.abs(theirs[g]! - mine[g]!)).toBeLessThanOrEqual(1);
    }
  }, 60_000);

  it('steps a timed input at its time, as the closed form of the LIF says, and every connector builds', () => {
    const spec = {
      seed: 3,
      run: { dt: 0.1, duration: 60 },
      groups: [
        { kind: 'lif', name: 'T', size: 1, tau: 10, threshold: 15, reset: 0, v0: constant(0) },
        { kind: 'lif', name: 'E', size: 40, tau: 15, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 }, positions: { kind: 'grid', width: 1, height: 1 } },
        { kind: 'lif', name: 'I', size: 10, tau: 10, threshold: 15, reset: 0, v0: { kind: 'normal', mean: 5, sd: 2 } },
        { kind: 'poisson', name: 'P', size: 200, rate: 50, positions: { kind: 'random', width: 1, height: 1 } },
      ],
      projections: [
        { name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.2, selfConnections: false }, synapse: { kind: 'expCurrent', tau: 6, g: 0.3 }, weight: { kind: 'uniform', low: 0.5, high: 1.5 }, delays: { kind: 'uniform', low: 1, high: 3 } },
        { name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 6, g: 0.05 } },
        { name: 'IE', pre: 'I', post: 'E', connectivity: { kind: 'fixedInDegree', k: 3 }, synapse: { kind: 'expCurrent', tau: 5, g: -1 }, delay: 0.5 },
        { name: 'II', pre: 'I', post: 'I', connectivity: { kind: 'oneToOne' }, synapse: { kind: 'expCurrent', tau: 5, g: -0.5 } },
        { name: 'PE', pre: 'P', post: 'E', connectivity: { kind: 'fixedOutDegree', k: 4 }, synapse: { kind: 'expCurrent', tau: 6, g: 0.5 }, weight: { kind: 'normal', mean: 1, sd: 0.1 } },
        { name: 'PI', pre: 'P', post: 'I', connectivity: { kind: 'fixedTotal', n: 300 }, synapse: { kind: 'expCurrent', tau: 6, g: 0.5 } },
        { name: 'PD', pre: 'P', post: 'E', connectivity: { kind: 'distance', p0: 0.5, sigma: 0.2, periodic: true }, synapse: { kind: 'expCurrent', tau: 6, g: 0.2 } },
        { name: 'PT', pre: 'P', post: 'T', connectivity: { kind: 'pairs', pre: [0], post: [0] }, synapse: { kind: 'expCurrent', tau: 6, g: 0 } },
      ],
      inputs: [
        { kind: 'timed', group: 'T', times: [20], values: [30] },
        { kind: 'constant', group: 'E', value: 12 },
        { kind: 'timed', group: 'I', times: [0, 30], values: [10, 14] },
      ],
    } as unknown as SimulationSpec;
    const run = runOnPyNN(spec);
    // T: V = 30 (1 − e^(−(t − 20)/10)) from t = 20 ms reaches 15 at 20 + 10 ln 2, then every 10 ln 2.
    // A fixed-step simulator spikes and resets at whole steps, so each interval is within a step of it.
    const times = Array.from(run.record.groups.T!.steps, (s) => s * 0.1);
    expect(times.length).toBe(5);
    expect(Math.abs(times[0]! - (20 + 10 * Math.log(2)))).toBeLessThanOrEqual(0.1 + 1e-9);
    for (let k = 1; k < 5; k++) expect(Math.abs(times[k]! - times[k - 1]! - 10 * Math.log(2))).toBeLessThanOrEqual(0.1 + 1e-9);
    // P: 200 sources at 50 Hz for 60 ms: 600 spikes expected, within 4 standard deviations.
    expect(Math.abs(run.record.groups.P!.indices.length - 600)).toBeLessThan(4 * Math.sqrt(600));
    expect(run.record.groups.E!.indices.length).toBeGreaterThan(0);
  }, 60_000);

  it('exports spikes at given times from a source of rate 0 as a SpikeSourceArray: the same spikes', async () => {
    const spec = {
      seed: 4,
      run: { dt: 0.1, duration: 60 },
      groups: [
        { kind: 'poisson', name: 'G', size: 3, rate: 0 },
        { kind: 'lif', name: 'T', size: 1, tau: 10, threshold: 15, reset: 0, v0: constant(0) },
      ],
      projections: [{ name: 'GT', pre: 'G', post: 'T', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 2, g: 5 } }],
      inputs: [{ kind: 'spikeTimes', group: 'G', indices: [0, 2, 1, 0, 2], times: [5, 12.34, 12.34, 30.3, 44] }],
    } as unknown as SimulationSpec;
    const mine = (await ours(spec)).groups.G!;
    const theirs = runOnPyNN(spec).record.groups.G!;
    const pairs = (g: { steps: ArrayLike<number>; indices: ArrayLike<number> }) => Array.from(g.steps, (s, q) => `${s}:${g.indices[q]}`).sort();
    expect(pairs(mine)).toEqual(['123:1', '123:2', '303:0', '440:2', '50:0'].sort());
    expect(pairs(theirs)).toEqual(pairs(mine));
  }, 60_000);

  it("runs conductance, alpha and jump synapses, s0 and a Poisson input at spikestream's spike counts, within 10%", async () => {
    const base = { seed: 2, run: { dt: 0.1, duration: 50 } };
    const coba = JSON.parse(readFileSync('examples/cobahh/network.json', 'utf8')) as SimulationSpec;
    const small = {
      ...coba,
      run: base.run,
      groups: coba.groups.map((g) => ({ ...g, size: g.size / 10 })),
      projections: coba.projections.map((p) => ({ ...p, connectivity: { kind: 'fixedProbability', p: 0.2 } })),
    } as unknown as SimulationSpec;
    expect(rate(runOnPyNN(small).record, 'E'), 'small COBAHH').toBeGreaterThan(0);
    const alphaAndJumps = {
      seed: 2,
      run: { dt: 0.1, duration: 300 },
      groups: [
        { kind: 'lif', name: 'L', size: 20, tau: 10, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } },
        { kind: 'izhikevich', name: 'Z', size: 20, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'uniform', low: -70, high: -60 } },
        { kind: 'lif', name: 'C', size: 20, tau: 20, threshold: -50, reset: -60, rest: -60, refractory: 5, v0: { kind: 'uniform', low: -60, high: -50 } },
      ],
      projections: [
        { name: 'LL', pre: 'L', post: 'L', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'dualExpCurrent', tauRise: 2, tauDecay: 2, g: 1 } },
        { name: 'ZZ', pre: 'Z', post: 'Z', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'delta', w: 0.5 } },
        { name: 'LC', pre: 'L', post: 'C', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'expConductance', tau: 5, g: 0.3, E: 0 }, s0: { kind: 'uniform', low: 0, high: 1 } },
        { name: 'ZC', pre: 'Z', post: 'C', connectivity: { kind: 'fixedProbability', p: 0.3 }, synapse: { kind: 'expConductance', tau: 10, g: 0.5, E: -80 } },
      ],
      inputs: [
        { kind: 'constant', group: 'L', value: 20 },
        { kind: 'poisson', group: 'Z', count: 100, rate: 60, weight: 1 },
        { kind: 'constant', group: 'C', value: 12 },
      ],
    } as unknown as SimulationSpec;
    // The same synapses and initial potentials (exact); the Poisson drive is drawn by each.
    const mine = counts(await ours(alphaAndJumps));
    const theirs = counts(runOnPyNN(alphaAndJumps, { exact: true }).record);
    for (const g of ['L', 'Z', 'C']) {
      expect(mine[g], g).toBeGreaterThan(50);
      expect(Math.abs(theirs[g]! / mine[g]! - 1), g).toBeLessThan(0.1);
    }
  }, 60_000);

  it("writes each population's Neo block with --neo, with the spikes of the .spikes file", () => {
    const spec = {
      seed: 4,
      run: { dt: 0.1, duration: 100 },
      groups: [{ kind: 'lif', name: 'A', size: 5, tau: 10, threshold: 15, reset: 0, v0: constant(0) }],
      projections: [],
      inputs: [{ kind: 'constant', group: 'A', value: 30 }],
    } as unknown as SimulationSpec;
    const inspect = 'import neo; b = neo.io.PickleIO("network.A.pkl").read_block(); print("NEO", sum(len(t) for t in b.segments[0].spiketrains))';
    const run = runOnPyNN(spec, { args: ['--neo'], inspect });
    const neoCount = Number(/NEO (\d+)/.exec(run.output)![1]);
    expect(neoCount).toBe(run.record.groups.A!.indices.length);
    expect(neoCount).toBeGreaterThan(20);
  }, 60_000);

  it('runs the seed network at N = 2,000 with the synapses spikestream drew at its E and I rates, within 5%', async () => {
    const spec = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as any;
    // At N = 2,000 the notebook's drive f·sqrt(N)·mu_f is below threshold and the network stays
    // silent in both; the drive of N = 10,000 (30 and 20) is kept instead.
    spec.groups[0].size = 1600;
    spec.groups[1].size = 400;
    spec.run.duration = 200;
    spec.seed = 1;
    const mine = await ours(spec);
    const theirs = runOnPyNN(spec, { exact: true }).record;
    for (const g of ['E', 'I']) {
      expect(rate(mine, g)).toBeGreaterThan(10);
      expect(Math.abs(rate(theirs, g) / rate(mine, g) - 1)).toBeLessThan(0.05);
    }
  }, 180_000);

  it("runs CUBA drawn by PyNN on two MPI ranks at spikestream's rates: the mean of three seeds within 6%", async () => {
    const mine = { E: 0, I: 0 };
    const theirs = { E: 0, I: 0 };
    for (const seed of [1, 2, 3]) {
      const spec = { ...cuba(clock({ dt: 0.1, duration: 1000 }), seed).spec, run: { dt: 0.1, duration: 1000 } } as SimulationSpec;
      const a = await ours(spec);
      const b = runOnPyNN(spec, { ranks: 2 }).record;
      for (const g of ['E', 'I'] as const) {
        mine[g] += rate(a, g) / 3;
        theirs[g] += rate(b, g) / 3;
      }
    }
    for (const g of ['E', 'I'] as const) {
      expect(mine[g]).toBeGreaterThan(2);
      expect(Math.abs(theirs[g] / mine[g] - 1)).toBeLessThan(0.06);
    }
  }, 300_000);
});
