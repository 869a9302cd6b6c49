import { forkJoin, lastValueFrom, share } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cobahhParams } from '../../examples/cobahh/network.js';
import { build, clock, delta, hh, normal, dualExpCurrent, expConductance, expCurrent, fixedProb, input, lif, network, pairStdp, postsynaptic, recordSamples, recordSpikes, recordWeights, sampleState, sampleWeights, uniform, type PostsynapticParams } from '../../src/index.js';

/**
 * An alpha-function conductance (τ ds/dt = −s + h, τ dh/dt = −h, each spike h += 1, I = g·s·(E − v))
 * into a LIF neuron from a regularly firing one, written plainly: the neuron reads s from the
 * step's start, then s and h step by forward Euler from the step's start, then the step's spike
 * adds to h.
 */
function reference(steps: number): { v: number[]; s: number[] } {
  const [dt, tau, g, E, tauM] = [0.1, 2, 0.8, 60, 10];
  let [v, s, h, vP] = [0, 0, 0, 0];
  const vs: number[] = [];
  const ss: number[] = [];
  for (let k = 0; k < steps; k++) {
    vs.push(v);
    ss.push(s);
    // P: driven regularly, threshold 1, reset 0, tau 5.
    vP = vP + (1.2 - vP) * (dt / 5);
    const spiked = vP >= 1;
    if (spiked) vP = 0;
    v = v + (g * s * (E - v) - v) * (dt / tauM);
    [s, h] = [s * (1 - dt / tau) + (dt / tau) * h, h * (1 - dt / tau)];
    if (spiked) h += 1;
  }
  return { v: vs, s: ss };
}

const alpha: Omit<PostsynapticParams, 'pre' | 'post' | 'connectivity'> = {
  equations: 'ds/dt = -s / tau + h / tau\ndh/dt = -h / tau',
  spikesInto: 'h',
  effect: 'I += g * s * (E - v)',
  method: 'euler',
  parameters: { tau: 2, g: 0.8, E: 60 },
};

describe('synapse kinds of your own (postsynaptic)', () => {
  it.each([
    ['js', 1],
    ['wasm', 1],
    ['js', 2],
    ['wasm', 2],
  ] as const)('step an alpha-function conductance as the plain loop does (%s, %i thread(s))', async (backend, threads) => {
    const net$ = clock({ dt: 0.1, duration: 40 }).pipe(
      network({ seed: 1 }),
      lif('P', { size: 1, tau: 5, threshold: 1, reset: 0, v0: 0 }),
      input('P', 1.2),
      lif('Q', { size: 2, tau: 10, threshold: 100, reset: 0, v0: 0 }),
      postsynaptic('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), ...alpha }),
      sampleState('v', { target: 'Q', variable: 'V', indices: [1] }),
      sampleState('s', { target: 'PQ', variable: 's', indices: [1] }),
    );
    const frames$ = build(net$, { backend, threads });
    const [v, s] = await Promise.all([lastValueFrom(frames$.pipe(recordSamples('v'))), lastValueFrom(frames$.pipe(recordSamples('s')))]);
    const ref = reference(400);
    // The conductance rises after each spike, then falls: the alpha function's shape.
    expect(Math.max(...ref.s)).toBeGreaterThan(0.3);
    const close = (got: Float64Array, want: number[]): void => {
      want.forEach((x, k) => expect(Math.abs(got[k]! - x), `step ${k}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x))));
    };
    close(s.values, ref.s);
    close(v.values, ref.v);
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('written as the built-in kinds are defined, give their spikes bit for bit (%s, %i thread(s))', async (backend, threads) => {
    const run = async (own: boolean): Promise<number[]> => {
      const net$ = clock({ dt: 0.1, duration: 200 }).pipe(
        network({ seed: 3 }),
        lif('E', { size: 400, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
        lif('C', { size: 300, tau: 20, rest: -60, threshold: -50, reset: -60, v0: uniform(-60, -50), integrator: 'exponential' }),
        input('E', 1.05),
        input('C', 12),
      ).pipe(
        own
          ? postsynaptic('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: 5, g: 0.02 }, weight: uniform(0, 1) })
          : expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.02, weight: uniform(0, 1) }),
        own
          ? postsynaptic('EE2', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), equations: 'ds/dt = -s / tauDecay + h\ndh/dt = -h / tauRise', spikesInto: 'h', effect: 'I += g * s', method: 'euler', parameters: { tauDecay: 4, tauRise: 1, g: -0.004 } })
          : dualExpCurrent('EE2', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tauRise: 1, tauDecay: 4, g: -0.004 }),
        own
          ? postsynaptic('EC', { pre: 'E', post: 'C', connectivity: fixedProb(0.1), delay: 0.5, equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s * (E - v)', parameters: { tau: 5, g: 0.05, E: 0 } })
          : expConductance('EC', { pre: 'E', post: 'C', connectivity: fixedProb(0.1), delay: 0.5, tau: 5, g: 0.05, E: 0 }),
        own
          ? postsynaptic('EEp', { pre: 'E', post: 'E', connectivity: fixedProb(0.05, { procedural: true }), equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: 3, g: 0.01 } })
          : expCurrent('EEp', { pre: 'E', post: 'E', connectivity: fixedProb(0.05, { procedural: true }), tau: 3, g: 0.01 }),
        own
          ? postsynaptic('CE', { pre: 'C', post: 'E', connectivity: fixedProb(0.1), equations: '', spikesInto: 's', effect: 'v += w * s', parameters: { w: -0.05 } })
          : delta('CE', { pre: 'C', post: 'E', connectivity: fixedProb(0.1), w: -0.05 }),
      );
      const spikes = await lastValueFrom(build(net$, { backend, threads }).pipe(recordSpikes()));
      return [...spikes.groups.E!.indices.slice(0, 5000), -1, ...spikes.groups.C!.indices.slice(0, 5000)];
    };
    const [theirs, ours] = [await run(false), await run(true)];
    expect(theirs.length).toBeGreaterThan(200);
    expect(ours).toEqual(theirs);
  });

  it.each(['js', 'wasm'] as const)('learn as the built-in kind they are written as (pair STDP, %s)', async (backend) => {
    const run = async (own: boolean): Promise<{ spikes: number[]; weights: number[] }> => {
      const rule = pairStdp({ taupre: 20, taupost: 20, Apre: 0.01, Apost: -0.0105, wmax: 1 });
      const net$ = clock({ dt: 0.1, duration: 300 }).pipe(
        network({ seed: 4 }),
        lif('E', { size: 200, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
        input('E', 1.02),
        own
          ? postsynaptic('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: 5, g: 0.05 }, weight: uniform(0, 1), plasticity: rule })
          : expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.05, weight: uniform(0, 1), plasticity: rule }),
        sampleWeights('w', { projection: 'EE', every: 3000 }),
      );
      const frames$ = build(net$, { backend, threads: 1 }).pipe(share());
      const [spikes, weights] = await lastValueFrom(forkJoin([frames$.pipe(recordSpikes()), frames$.pipe(recordWeights('w'))]));
      return { spikes: Array.from(spikes.groups.E!.indices), weights: Array.from(weights.values) };
    };
    const [theirs, ours] = [await run(false), await run(true)];
    expect(theirs.spikes.length).toBeGreaterThan(100);
    // The rule changed the weights.
    expect(theirs.weights.slice(-100)).not.toEqual(theirs.weights.slice(0, 100));
    expect(ours).toEqual(theirs);
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
    ['js', 2],
  ] as const)('step two variables by their closed form into a group integrated exactly: the alpha and biexponential functions (%s, %i thread(s))', async (backend, threads) => {
    const [dt, tau, taur, taud] = [0.1, 2, 0.5, 3];
    const net$ = clock({ dt, duration: 40 }).pipe(
      network({ seed: 1 }),
      // P spikes once, at step 0; its spike reaches the traces for step 1.
      lif('P', { size: 1, tau: 5, threshold: 1, reset: -1000, v0: 1.5 }),
      lif('Q', { size: 2, tau: 10, threshold: 1000, reset: 0, v0: 0, integrator: 'exponential' }),
      postsynaptic('alpha', { pre: 'P', post: 'Q', connectivity: fixedProb(1), equations: 'ds/dt = (-s + h) / tau\ndh/dt = -h / tau', spikesInto: 'h', effect: 'I += g * s', parameters: { tau, g: 1 } }),
      postsynaptic('biexp', { pre: 'P', post: 'Q', connectivity: fixedProb(1), equations: 'ds/dt = -s / taud + h\ndh/dt = -h / taur', spikesInto: 'h', effect: 'I += g * s', parameters: { taur, taud, g: 1 } }),
      sampleState('alpha', { target: 'alpha', variable: 's', indices: [1] }),
      sampleState('biexp', { target: 'biexp', variable: 's', indices: [1] }),
      // A synapse's variables are sampled by name: h, the second.
      sampleState('rise', { target: 'biexp', variable: 'h', indices: [1] }),
    );
    const frames$ = build(net$, { backend, threads });
    const [alpha, biexp, rise] = await Promise.all(['alpha', 'biexp', 'rise'].map((name) => lastValueFrom(frames$.pipe(recordSamples(name)))));
    for (let k = 1; k < 400; k++) {
      const t = (k - 1) * dt;
      const want = [(t / tau) * Math.exp(-t / tau), (Math.exp(-t / taur) - Math.exp(-t / taud)) / (1 / taud - 1 / taur), Math.exp(-t / taur)];
      const got = [alpha!.values[k]!, biexp!.values[k]!, rise!.values[k]!];
      got.forEach((x, j) => expect(Math.abs(x - want[j]!), `step ${k}`).toBeLessThanOrEqual(1e-12));
    }
    expect([alpha!.values[0], biexp!.values[0], rise!.values[0]]).toEqual([0, 0, 0]);
  });

  it.each(['js', 'wasm'] as const)('into Hodgkin–Huxley groups, join the membrane\'s linear part as expConductance does: COBAHH\'s spikes (%s)', async (backend) => {
    const c = cobahhParams;
    const run = async (own: boolean): Promise<number[]> => {
      const project = (name: string, pre: 'E' | 'I', post: 'E' | 'I') => {
        const [tau, g, E, s0] = pre === 'E' ? [c.taue, c.we, c.Ee, normal(40 / c.we, 15 / c.we)] : [c.taui, c.wi, c.Ei, normal(200 / c.wi, 120 / c.wi)];
        const ends = { pre, post, connectivity: fixedProb(0.1), s0 };
        return own
          ? postsynaptic(name, { ...ends, equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s * (E - v)', parameters: { tau, g, E } })
          : expConductance(name, { ...ends, tau, g, E });
      };
      const cell = { C: c.C, gL: c.gL, EL: c.EL, gNa: c.gNa, ENa: c.ENa, gK: c.gK, EK: c.EK, VT: c.VT, refractory: c.refractory, v0: normal(c.EL - 5, 5) };
      const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
        network({ seed: 2 }),
        hh('E', { size: 320, ...cell }),
        hh('I', { size: 80, ...cell }),
        project('E2E', 'E', 'E'),
        project('E2I', 'E', 'I'),
        project('I2E', 'I', 'E'),
        project('I2I', 'I', 'I'),
      );
      const spikes = await lastValueFrom(build(net$, { backend, threads: 1 }).pipe(recordSpikes()));
      return [...spikes.groups.E!.steps, -1, ...spikes.groups.E!.indices];
    };
    const [theirs, ours] = [await run(false), await run(true)];
    expect(theirs.length).toBeGreaterThan(100);
    expect(ours).toEqual(theirs);
  });
});
