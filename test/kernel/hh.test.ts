import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, hh, input, network, recordSamples, recordSpikes, sampleState, type HhParams, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

/** COBAHH's neuron (pF, nS, mV), its gates at 0 as Brian2 leaves them. */
const cobahhNeuron: HhParams = { size: 1, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, refractory: 3, v0: -65, m0: 0, h0: 0, n0: 0 };

/**
 * Brian2 2.5.1 (numpy target), COBAHH's equations without synapses plus a current I, `threshold='v>-20*mV'`,
 * `refractory=3*ms`, `method='exponential_euler'`, v = −65 mV, gates at 0, 1 s at dt = 0.1 ms, run 2026-11-26:
 * spike count and first six spike steps (t / dt) for I = 100, 200, 500, 1000 pA.
 */
const brian2: Record<number, { count: number; first: number[] }> = {
  100: { count: 30, first: [136, 471, 806, 1142, 1477, 1813] },
  200: { count: 43, first: [90, 323, 556, 790, 1023, 1256] },
  500: { count: 76, first: [50, 181, 313, 445, 577, 710] },
  1000: { count: 120, first: [32, 114, 198, 282, 365, 449] },
};

async function spikeSteps(p: HhParams, I: number, duration = 1000): Promise<number[]> {
  const net$ = clock({ dt: 0.1, duration }).pipe(network({ seed: 1 }), hh('P', p), input('P', I));
  return Array.from((await lastValueFrom(build(net$).pipe(recordSpikes()))).groups.P!.steps);
}

/** The Traub–Miles rates written out plainly, with Math.exp (no expm1), away from their singular points. */
function plainRates(v: number, VT: number): number[] {
  const u = v - VT;
  return [
    (0.32 * (13 - u)) / (Math.exp((13 - u) / 4) - 1),
    (0.28 * (u - 40)) / (Math.exp((u - 40) / 5) - 1),
    0.128 * Math.exp((17 - u) / 18),
    4 / (1 + Math.exp((40 - u) / 5)),
    (0.032 * (15 - u)) / (Math.exp((15 - u) / 5) - 1),
    0.5 * Math.exp((10 - u) / 40),
  ];
}

describe('hh: Hodgkin–Huxley neurons with Traub–Miles channels', () => {
  it.each([100, 200, 500, 1000])('spikes at the steps Brian2 gives for a single neuron at %d pA', async (I) => {
    const got = await spikeSteps(cobahhNeuron, I);
    expect(got.length).toBe(brian2[I]!.count);
    expect(got.slice(0, 6)).toEqual(brian2[I]!.first);
  });

  it('starts the gates at their steady state by default: the Traub–Miles rates, and their limits at the removable singularities', () => {
    // One neuron per potential, held there: EL = V0 and no sodium or potassium conductance.
    // −50, −23 and −48 mV are the singular points of αm, βm and αn (V − VT = 13, 40, 15), where
    // the formulas are 0/0 and the rates are their limits 0.32·4, 0.28·5 and 0.032·5.
    const potentials = [-90, -70, -63.5, -50, -48, -40, -23, -20.25, 0, 30];
    const spec = {
      seed: 1,
      groups: potentials.map((v, k) => ({ kind: 'hh', name: `P${k}`, size: 1, C: 200, gL: 10, EL: v, gNa: 0, ENa: 50, gK: 0, EK: -90, VT: -63, v0: { kind: 'constant', value: v } })),
      projections: [],
      inputs: [],
      probes: potentials.flatMap((_, k) => ['V', 'm', 'h', 'n'].map((variable) => ({ name: `${variable}${k}`, target: `P${k}`, variable, indices: [0] }))),
    } as unknown as NetworkSpec;
    const kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 100 });
    kernel.run(1);
    const singular: Record<number, [number, number | null][]> = { [-50]: [[0, 1.28]], [-23]: [[1, 1.4]], [-48]: [[4, 0.16]] };
    potentials.forEach((v, k) => {
      const [V, m, h, n] = [0, 1, 2, 3].map((j) => kernel.samples(4 * k + j)[0]!);
      expect(V).toBe(v);
      const rates = plainRates(v, -63);
      for (const [r, limit] of singular[v] ?? []) rates[r] = limit!;
      const [am, bm, ah, bh, an, bn] = rates as [number, number, number, number, number, number];
      expect(m).toBeCloseTo(am / (am + bm), 13);
      expect(h).toBeCloseTo(ah / (ah + bh), 13);
      expect(n).toBeCloseTo(an / (an + bn), 13);
    });
    // With no sodium or potassium conductance, V relaxes to EL exactly: V(t) = EL + (V0 − EL)e^(−t gL/C).
    const relaxing = createKernel(
      buildNetwork({ seed: 1, groups: [{ kind: 'hh', name: 'P', size: 3, C: 200, gL: 10, EL: -60, gNa: 0, ENa: 50, gK: 0, EK: -90, VT: -63, v0: { kind: 'values', values: [-70, -60, -50] } }], projections: [], inputs: [] } as unknown as NetworkSpec),
      { dt: 0.1, maxBlock: 100 },
    );
    relaxing.run(100);
    const decay = Math.exp((-10 * 10) / 200);
    expect(relaxing.groups[0]!.V[0]).toBeCloseTo(-60 - 10 * decay, 10);
    expect(relaxing.groups[0]!.V[2]).toBeCloseTo(-60 + 10 * decay, 10);
  });

  it('counts one spike per upward crossing: a depolarization block is not a spike train', async () => {
    // 1 µA holds V above −20 mV after the first spike (at 50 nA it still fires, 130 times in
    // 200 ms); a level threshold would count every one of the 2,000 steps.
    const blocked = await spikeSteps({ ...cobahhNeuron, refractory: 0 }, 1e6, 200);
    expect(blocked.length).toBe(1);
  });

  it('refuses what is wrong, with its path', () => {
    const good = {
      seed: 1,
      groups: [{ kind: 'hh', name: 'P', size: 2, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: { kind: 'constant', value: -65 } }],
      projections: [],
      inputs: [],
      run: { dt: 0.1, duration: 10 },
    };
    const issues = (spec: unknown): unknown => {
      const r = decodeSimulationSpec(spec);
      return E.isLeft(r) ? r.left : [];
    };
    expect(issues({ ...good, groups: [{ ...good.groups[0], gNa: -1 }] })).toEqual([{ path: 'groups[0].gNa', message: 'expected a finite number >= 0, got -1' }]);
    expect(issues({ ...good, groups: [{ ...good.groups[0], C: 0 }] })).toEqual([{ path: 'groups[0].C', message: 'expected a finite number > 0, got 0' }]);
    expect(issues({ ...good, groups: [{ ...good.groups[0], m0: { kind: 'values', values: [0] } }] })).toEqual([{ path: 'groups[0].m0.values', message: 'has 1 values for a group of 2' }]);
    expect(issues({ ...good, groups: [{ ...good.groups[0], refractory: 0.25 }] })).toEqual([{ path: 'groups[0].refractory', message: '0.25 ms is not a whole number of steps of dt = 0.1 ms' }]);
    expect(issues(good)).toEqual([]);
  });

  it('gives the same spikes and state on two threads in a recurrent conductance network', () => {
    const neuron = { C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, refractory: 3, v0: { kind: 'normal', mean: -65, sd: 5 } };
    const spec = {
      seed: 3,
      groups: [
        { kind: 'hh', name: 'E', size: 400, ...neuron },
        { kind: 'hh', name: 'I', size: 100, ...neuron },
      ],
      projections: [
        { name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expConductance', tau: 5, g: 6, E: 0 }, s0: { kind: 'normal', mean: 6, sd: 2 } },
        { name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expConductance', tau: 5, g: 6, E: 0 } },
        { name: 'IE', pre: 'I', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expConductance', tau: 10, g: 67, E: -80 } },
      ],
      inputs: [{ kind: 'constant', group: 'E', value: 150 }, { kind: 'constant', group: 'I', value: 150 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    const one = createKernel(built, { dt: 0.1, maxBlock: 50 });
    const two = createKernel(built, { dt: 0.1, maxBlock: 50, threads: 2 });
    try {
      let spikes = 0;
      for (let b = 0; b < 40; b++) {
        one.run(50);
        two.run(50);
        for (const g of [0, 1]) {
          expect(Array.from(two.spikes(g).indices)).toEqual(Array.from(one.spikes(g).indices));
          spikes += one.spikes(g).indices.length;
        }
      }
      expect(spikes).toBeGreaterThan(500);
      expect(Array.from(two.groups[0]!.V)).toEqual(Array.from(one.groups[0]!.V));
    } finally {
      two.close();
    }
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('samples the gates m, h and n by name: each steps by exponential Euler at the sampled V (%s, %i thread(s))', async (backend, threads) => {
    const probe = (variable: string) => sampleState(variable, { target: 'P', variable, indices: [2] });
    const net$ = clock({ dt: 0.1, duration: 50 }).pipe(network({ seed: 1 }), hh('P', { ...cobahhNeuron, size: 3 }), input('P', 500), probe('V'), probe('m'), probe('h'), probe('n'));
    const sim = build(net$, { backend, threads });
    const samples = async (name: string) => Array.from((await lastValueFrom(sim.pipe(recordSamples(name)))).values);
    const [V, m, h, n] = await Promise.all([samples('V'), samples('m'), samples('h'), samples('n')]);
    // Gates start at 0 (m0, h0, n0), and each x relaxes towards a/(a + b) at the rate a + b of
    // V at the start of the step, written plainly (Math.exp, no expm1): to 1e-9.
    expect([m[0], h[0], n[0]]).toEqual([0, 0, 0]);
    for (let k = 0; k + 1 < V.length; k++) {
      const [am, bm, ah, bh, an, bn] = plainRates(V[k]!, cobahhNeuron.VT);
      const relax = (x: number, a: number, b: number) => a / (a + b) + (x - a / (a + b)) * Math.exp(-0.1 * (a + b));
      expect(m[k + 1]).toBeCloseTo(relax(m[k]!, am!, bm!), 9);
      expect(h[k + 1]).toBeCloseTo(relax(h[k]!, ah!, bh!), 9);
      expect(n[k + 1]).toBeCloseTo(relax(n[k]!, an!, bn!), 9);
    }
    // The neuron spiked: the gates moved through their range.
    expect(Math.max(...m)).toBeGreaterThan(0.9);
  });
});
