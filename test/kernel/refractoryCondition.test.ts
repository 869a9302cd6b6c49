import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, network, neuron, recordSpikes, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel, type Kernel } from '../../src/kernel.js';
import { cobahhEquations, cobahhParams } from '../../examples/cobahh/network.js';
import { kernelSpikes } from './kernelSpikes.js';

/** Every spike of group `g` over `steps` steps, as [step, neuron] pairs, and the final potentials. */
function runSpikes(spec: NetworkSpec, options: { backend: 'js' | 'wasm'; threads?: number }, steps: number, g = 0): { spikes: [number, number][]; V: number[] } {
  const kernel: Kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 100, ...options });
  try {
    expect(kernel.backend).toBe(options.backend);
    const spikes = kernelSpikes(kernel, steps, g);
    return { spikes, V: Array.from(kernel.groups[g]!.V) };
  } finally {
    kernel.close();
  }
}

/** A group of one `neuron` model and nothing else, at dt = 0.1 ms. */
function single(group: Record<string, unknown>, inputs: unknown[] = []): NetworkSpec {
  return { seed: 3, groups: [{ kind: 'neuron', name: 'Q', size: 1, ...group }], projections: [], inputs } as unknown as NetworkSpec;
}

describe('a refractory condition (Brian2 refractory="v > theta")', () => {
  // dv/dt = (A sin(ωt) − v)/τ from v = 0 is, exactly, v(t) = A/(1 + (ωτ)²)·(sin ωt − ωτ cos ωt + ωτ e^(−t/τ)).
  const [A, tau, f, theta] = [2, 5, 20, 1];
  const w = (2 * Math.PI * f) / 1000;
  const exact = (t: number): number => (A / (1 + (w * tau) ** 2)) * (Math.sin(w * t) - w * tau * Math.cos(w * t) + w * tau * Math.exp(-t / tau));
  /** The upward crossings of θ in (0, T) ms, by bisection between samples 0.01 ms apart. */
  function crossings(T: number): number[] {
    const out: number[] = [];
    for (let t = 0; t < T; t += 0.01) {
      if (!(exact(t) <= theta && exact(t + 0.01) > theta)) continue;
      let [lo, hi] = [t, t + 0.01];
      for (let k = 0; k < 60; k++) [lo, hi] = exact((lo + hi) / 2) > theta ? [lo, (lo + hi) / 2] : [(lo + hi) / 2, hi];
      out.push(hi);
    }
    return out;
  }
  const model = { equations: 'dv/dt = (A*sin(2*pi*f*t/1000) - v) / tau', threshold: 'v > theta', parameters: { A, tau, f, theta }, method: 'rk4' };

  it.each(['js', 'wasm'] as const)('spikes once per upward crossing, at the closed form’s times (%s)', (backend) => {
    const times = crossings(1000);
    expect(times.length).toBe(20);
    const counted = runSpikes(single({ ...model, refractory: 'v > theta' }), { backend }, 10000);
    // A spike at step k is v at (k + 1)·dt over θ, the first step after the crossing.
    expect(counted.spikes.map(([k]) => k)).toEqual(times.map((t) => Math.ceil(t / 0.1) - 1));
    // Without it, every step spent above θ is a spike: about a third of all steps here.
    const every = runSpikes(single(model), { backend }, 10000);
    expect(every.spikes.length).toBeGreaterThan(2000);
  });

  it('is the same from code: neuron(name, { refractory: condition })', async () => {
    const net$ = clock({ dt: 0.1, duration: 1000 }).pipe(network({ seed: 3 }), neuron('Q', { size: 1, ...model, method: 'rk4', refractory: 'v > theta' }));
    const record = await lastValueFrom(build(net$).pipe(recordSpikes()));
    expect(Array.from(record.groups.Q!.steps)).toEqual(crossings(1000).map((t) => Math.ceil(t / 0.1) - 1));
  });

  it('holds the (unless refractory) variables while it holds, a plain loop’s spikes', () => {
    // Refractory while the adaptation w is above 0.5: v is held at its reset, w decays.
    const spec = single({
      equations: 'dv/dt = (drive - v) / tau : 1 (unless refractory)\ndw/dt = -w / tauw',
      threshold: 'v > 1',
      reset: 'v = 0; w += 1',
      refractory: 'w > 0.5',
      parameters: { drive: 1.5, tau: 10, tauw: 4 },
    });
    const dt = 0.1;
    const expected: number[] = [];
    let [v, w] = [0, 0];
    for (let k = 0; k < 5000; k++) {
      const r = w > 0.5;
      const [vn, wn] = [v + (1.5 - v) * (dt / 10), w + -w * (dt / 4)];
      if (!r) v = vn;
      w = wn;
      if (!r && v > 1) {
        expected.push(k);
        v = 0;
        w += 1;
      }
    }
    expect(expected.length).toBeGreaterThan(10);
    // The held time shows: w from 1 to 0.5 is about 4·ln 2 ms, 28 steps, between spikes.
    expect(expected[2]! - expected[1]!).toBeGreaterThan(Math.round(((4 * Math.log(2)) / dt) * 0.9) + Math.round(((10 * Math.log(3)) / dt) * 0.9));
    for (const backend of ['js', 'wasm'] as const) expect(runSpikes(spec, { backend }, 5000).spikes.map(([k]) => k)).toEqual(expected);
  });

  it('gives the same spikes in both back ends and on two threads, with synapses into held variables', () => {
    const spec = {
      seed: 5,
      groups: [
        {
          kind: 'neuron',
          name: 'Q',
          size: 301,
          equations: 'dv/dt = (drive - v + I) / tau : 1 (unless refractory)\ndu/dt = (v - u) / 30',
          threshold: 'v > 1',
          reset: 'v = 0',
          refractory: 'u > 0.6 and v < 0.5',
          parameters: { tau: 10, drive: { kind: 'uniform', low: 0.8, high: 1.6 } },
          initial: { v: { kind: 'uniform', low: 0, high: 1 } },
        },
      ],
      projections: [
        { name: 'QQ', pre: 'Q', post: 'Q', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'delta', w: 0.01 } },
        { name: 'QQu', pre: 'Q', post: 'Q', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'delta', w: 0.002, target: 'u' } },
      ],
      inputs: [],
    } as unknown as NetworkSpec;
    const js = runSpikes(spec, { backend: 'js' }, 3000);
    expect(js.spikes.length).toBeGreaterThan(1000);
    // The condition holds often enough here to change the spikes.
    const free = { ...spec, groups: [{ ...spec.groups[0]!, refractory: 0 }] } as unknown as NetworkSpec;
    expect(runSpikes(free, { backend: 'js' }, 3000).spikes.length).toBeGreaterThan(js.spikes.length * 1.1);
    expect(runSpikes(spec, { backend: 'wasm' }, 3000)).toEqual(js);
    expect(runSpikes(spec, { backend: 'wasm', threads: 2 }, 3000)).toEqual(js);
    expect(runSpikes(spec, { backend: 'js', threads: 2 }, 3000)).toEqual(js);
  });

  it('makes Hodgkin–Huxley equations count spikes as the built-in kind, which counts upward crossings', () => {
    // Brian2's COBAHH neuron written as equations, refractory while above the threshold, against
    // the built-in hh kind (no refractory period) under the same constant currents.
    const c = cobahhParams;
    const parameters = { C: c.C, gL: c.gL, EL: c.EL, gNa: c.gNa, ENa: c.ENa, gK: c.gK, EK: c.EK, VT: c.VT, Ee: c.Ee, Ei: c.Ei, taue: c.taue, taui: c.taui };
    for (const current of [150, 300, 600]) {
      const spec = {
        seed: 1,
        groups: [
          { kind: 'hh', name: 'B', size: 1, C: c.C, gL: c.gL, EL: c.EL, gNa: c.gNa, ENa: c.ENa, gK: c.gK, EK: c.EK, VT: c.VT, v0: { kind: 'constant', value: c.EL }, m0: { kind: 'constant', value: 0 }, h0: { kind: 'constant', value: 0 }, n0: { kind: 'constant', value: 0 } },
          { kind: 'neuron', name: 'Q', size: 1, equations: cobahhEquations, threshold: 'v > -20', refractory: 'v > -20', method: 'exponential_euler', parameters, initial: { v: c.EL } },
        ],
        projections: [],
        inputs: [
          { kind: 'constant', group: 'B', value: current },
          { kind: 'constant', group: 'Q', value: current },
        ],
      } as unknown as NetworkSpec;
      const builtIn = runSpikes(spec, { backend: 'wasm' }, 5000, 0).spikes.length;
      const equations = runSpikes(spec, { backend: 'wasm' }, 5000, 1).spikes.length;
      expect(builtIn).toBeGreaterThan(5);
      expect(Math.abs(equations - builtIn)).toBeLessThanOrEqual(1);
    }
  });

  it('takes a period per neuron written as an expression of its parameters, counted in steps as Brian2 counts them', () => {
    // Each neuron its own period; from reset under I = 40 (τ 10 ms, θ 15, forward Euler) a neuron
    // crosses after n steps, v_n = I·(1 − (1 − dt/τ)^n); with R steps held (R = ⌊(tref + 0.001·dt)/dt⌋,
    // Brian2's timestep) it spikes at n − 1, then every n + R − 1 steps.
    const trefs = [0, 0.05, 0.1, 0.3, 1, 2.35, 5, 7.77, 12.5];
    const spec = {
      seed: 4,
      groups: [
        {
          kind: 'neuron',
          name: 'Q',
          size: trefs.length,
          equations: 'dv/dt = (I - v) / tau : 1 (unless refractory)',
          threshold: 'v >= 15',
          reset: 'v = 0',
          refractory: 'tref',
          parameters: { tau: 10, tref: { kind: 'values', values: trefs } },
        },
      ],
      projections: [],
      inputs: [{ kind: 'constant', group: 'Q', value: 40 }],
    } as unknown as NetworkSpec;
    const n = Math.ceil(Math.log(1 - 15 / 40) / Math.log(1 - 0.01));
    const expected: [number, number][] = [];
    trefs.forEach((tref, i) => {
      const R = Math.floor((tref + 1e-4) / 0.1);
      for (let k = n - 1; k < 3000; k += n + Math.max(R, 1) - 1) expected.push([k, i]);
    });
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const options of [{ backend: 'js' }, { backend: 'wasm' }, { backend: 'wasm', threads: 2 }, { backend: 'js', threads: 2 }] as const) {
      expect(runSpikes(spec, options, 3000).spikes).toEqual(expected);
    }
  });

  it('refuses a period that reads the state, draws, or names what the model lacks, with its path and column', () => {
    const file = (refractory: unknown): unknown => ({
      seed: 0,
      run: { dt: 0.1, duration: 10 },
      groups: [{ kind: 'neuron', name: 'Q', size: 1, equations: 'dv/dt = -v / 10', threshold: 'v > 1', refractory }],
      projections: [],
      inputs: [],
    });
    const issues = (refractory: unknown): unknown => {
      const result = decodeSimulationSpec(file(refractory));
      return E.isLeft(result) ? result.left : [];
    };
    expect(issues('v + 1')).toEqual([{ path: 'groups[0].refractory', message: expect.stringMatching(/^line 1, column 1: a refractory period may read parameters and constants, not "v"/) }]);
    expect(issues('2 * dt + t')).toEqual([{ path: 'groups[0].refractory', message: expect.stringMatching(/^line 1, column 10: .*not "t"/) }]);
    expect(issues('2 * dt')).toEqual([]);
    expect(issues('v > vt')).toEqual([{ path: 'groups[0].refractory', message: expect.stringMatching(/^line 1, column 5: .*"vt"/) }]);
    expect(issues('rand() < 0.5')).toEqual([{ path: 'groups[0].refractory', message: expect.stringMatching(/^line 1, column 1: .*rand/) }]);
    expect(issues(-1)).toEqual([{ path: 'groups[0].refractory', message: expect.stringContaining('-1') }]);
    expect(issues('v > 0.5')).toEqual([]);
  });
});
