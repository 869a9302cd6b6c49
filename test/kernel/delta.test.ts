import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { allToAll, build, clock, delta, hh, fixedProb, input, izhikevich, lif, network, neuron, perNeuron, poissonGroup, recordSamples, recordSpikes, sampleState, uniform } from '../../src/index.js';
import * as E from 'fp-ts/lib/Either.js';
import { decodeNetworkSpec } from '../../src/model/networkSpec.js';

describe('delta synapses', () => {
  it('make the target jump by w at the step after the spike (plus the delay), then relax as the plain loop says', async () => {
    for (const delay of [0, 0.5]) {
      const net$ = clock({ dt: 0.1, duration: 3 }).pipe(
        network({ seed: 1 }),
        lif('P', { size: 1, tau: 10, threshold: 1, reset: -1000, v0: 0.99 }),
        lif('Q', { size: 1, tau: 10, threshold: 100, reset: 0, v0: 0 }),
        delta('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), w: 2, delay }),
        input('P', 2),
        sampleState('v', { target: 'Q', variable: 'V', indices: [0] }),
      );
      const v = Array.from((await lastValueFrom(build(net$).pipe(recordSamples('v')))).values);
      // P spikes at step 0; Q jumps at step 1 + delay/dt (sampled at the start of the next step).
      const jump = 1 + Math.round(delay / 0.1);
      let x = 0;
      const expected: number[] = [];
      for (let k = 0; k < 30; k++) {
        expected.push(x);
        if (k === jump) x = x + 2;
        x = x + (0 - x) * (0.1 / 10);
      }
      expect(v).toEqual(expected);
    }
  });

  it('gives the same spikes on two threads in a recurrent network with delays and refractoriness', async () => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 3 }),
      lif('E', { size: 400, tau: 20, threshold: 20, reset: 10, refractory: 2, v0: uniform(0, 20) }),
      delta('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), w: 0.4, delay: 1.5 }),
      input('E', 21),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(300);
    expect(two).toEqual(one);
  });

  // A conductance as a variable of the model (Brian2's `on_pre='ge_post += w'`): 20 Poisson
  // sources into 3 neurons, every synapse its own weight (exact in a float, as stored).
  const [dt, steps, P, Q, w] = [0.1, 600, 20, 3, 0.5];
  const weights = Array.from({ length: P * Q }, (_, s) => (1 + (s % 7)) / 16);
  /** Arrival 0.5 ms late, through the projection's one delay or a delay per synapse. */
  type Late = 'none' | 'delay' | 'delays';
  const conductanceNet = (threshold: number, flags: { v: boolean; ge: boolean }, late: Late = 'none') =>
    clock({ dt, duration: steps * dt }).pipe(
      network({ seed: 4 }),
      poissonGroup('P', { size: P, rate: 150 }),
      neuron('Q', {
        size: Q,
        equations: `dv/dt = (ge * (Ee - v) + El - v) / tau${flags.v ? ' : 1 (unless refractory)' : ''}\ndge/dt = -ge / taue${flags.ge ? ' : 1 (unless refractory)' : ''}`,
        threshold: `v > ${threshold}`,
        reset: 'v = -60',
        refractory: 2,
        parameters: { Ee: 0, El: -60, tau: 20, taue: 5 },
        initial: { v: -60 },
      }),
      // Weights one per synapse, in row order.
      delta('PQ', { pre: 'P', post: 'Q', connectivity: allToAll(), w, target: 'ge', weight: perNeuron(weights), ...(late === 'delay' ? { delay: 0.5 } : late === 'delays' ? { delays: 0.5 } : {}) }),
      sampleState('ge', { target: 'Q', variable: 'ge', indices: [0, 1, 2] }),
      sampleState('v', { target: 'Q', variable: 'v', indices: [0, 1, 2] }),
    );

  /** The model as a plain loop, fed the recorded spikes of P: each spike of step k felt at k + 1 + D. */
  function plainConductance(spikesOfP: { indices: ArrayLike<number>; steps: ArrayLike<number> }, threshold: number, flags: { v: boolean; ge: boolean }, D = 0) {
    const byStep: number[][] = Array.from({ length: steps }, () => []);
    for (let q = 0; q < spikesOfP.indices.length; q++) byStep[spikesOfP.steps[q]!]!.push(spikesOfP.indices[q]!);
    const v = new Array<number>(Q).fill(-60);
    const ge = new Array<number>(Q).fill(0);
    const held = new Array<number>(Q).fill(0);
    const want = { ge: [] as number[], v: [] as number[], spikes: [] as [number, number][] };
    for (let k = 0; k < steps; k++) {
      want.ge.push(...ge);
      want.v.push(...v);
      for (let j = 0; j < Q; j++) {
        let x = 0;
        for (const i of k > D ? byStep[k - 1 - D]! : []) x = x + weights[i * Q + j]!;
        const refractory = held[j]! > 0 && --held[j]! > 0;
        // A held variable keeps its value from before the step: its jumps are lost (the step's
        // other equations read it with them, as they read V with a lost jump).
        const g = ge[j]! + w * x;
        const fv = (g * (0 - v[j]!) + -60 - v[j]!) * (dt / 20);
        const fg = -g * (dt / 5);
        v[j] = refractory && flags.v ? v[j]! : v[j]! + fv;
        ge[j] = refractory && flags.ge ? ge[j]! : g + fg;
        if (!refractory && v[j]! > threshold) {
          want.spikes.push([k, j]);
          v[j] = -60;
          held[j] = 20;
        }
      }
    }
    return want;
  }

  it.each([
    ['js', 1],
    ['js', 2],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('jump the variable that `target` names, as a plain loop says (%s, %i thread(s))', async (backend, threads) => {
    for (const [threshold, flags] of [
      [1000, { v: false, ge: false }],
      // v held in its refractory period: the jumps into ge go on; with ge held too, they are lost.
      [-59.5, { v: true, ge: false }],
      [-59.5, { v: true, ge: true }],
      [-59.5, { v: false, ge: true }],
    ] as const) {
      const sim = build(conductanceNet(threshold, flags), { backend, threads });
      const [spikes, ge, v] = await Promise.all([lastValueFrom(sim.pipe(recordSpikes())), lastValueFrom(sim.pipe(recordSamples('ge'))), lastValueFrom(sim.pipe(recordSamples('v')))]);
      const want = plainConductance(spikes.groups.P!, threshold, flags);
      if (threshold > 0) expect(want.ge.some((g) => g > 1)).toBe(true);
      expect(Array.from(ge.values)).toEqual(want.ge);
      expect(Array.from(v.values)).toEqual(want.v);
      const q = spikes.groups.Q!;
      expect(Array.from(q.steps, (k, s) => [k, q.indices[s]!])).toEqual(want.spikes);
      if (threshold < 0) expect(want.spikes.length, JSON.stringify(flags)).toBeGreaterThan(10);
    }
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('jump the target late by the projection\'s delay or each synapse\'s, as the plain loop says (%s, %i thread(s))', async (backend, threads) => {
    for (const late of ['delay', 'delays'] as const) {
      const sim = build(conductanceNet(-59.5, { v: true, ge: false }, late), { backend, threads });
      const [spikes, ge] = await Promise.all([lastValueFrom(sim.pipe(recordSpikes())), lastValueFrom(sim.pipe(recordSamples('ge')))]);
      const want = plainConductance(spikes.groups.P!, -59.5, { v: true, ge: false }, 5);
      expect(Array.from(ge.values)).toEqual(want.ge);
      const q = spikes.groups.Q!;
      expect(Array.from(q.steps, (k, s) => [k, q.indices[s]!])).toEqual(want.spikes);
    }
  });

  it('refuse a target that the group does not have, naming the projection and the variables', () => {
    const file = (post: object, target: string) => ({
      seed: 1,
      groups: [{ kind: 'poisson', name: 'P', size: 2, rate: 10 }, post],
      projections: [{ name: 'PQ', pre: 'P', post: 'Q', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 1, target } }],
      inputs: [],
    });
    const conductance = { kind: 'neuron', name: 'Q', size: 2, equations: 'dv/dt = (ge * (0 - v) - v) / 20\ndge/dt = -ge / 5', threshold: 'v > 1' };
    expect(E.isRight(decodeNetworkSpec(file(conductance, 'ge')))).toBe(true);
    expect(decodeNetworkSpec(file(conductance, 'gi'))).toEqual(E.left([{ path: 'projections[0].synapse.target', message: 'group "Q" has no state variable "gi" (state variables: v, ge)' }]));
    // Nothing of the name reaches code: it is looked up, and anything else is refused.
    expect(decodeNetworkSpec(file(conductance, '__proto__'))).toEqual(E.left([{ path: 'projections[0].synapse.target', message: 'group "Q" has no state variable "__proto__" (state variables: v, ge)' }]));
    const on = (group: ReturnType<typeof hh>, target: string) => () =>
      clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), poissonGroup('P', { size: 2, rate: 10 }), group, delta('PQ', { pre: 'P', post: 'Q', connectivity: allToAll(), w: 1, target }));
    // A built-in kind that is a definition names its own variables (Izhikevich's v and u,
    // Hodgkin–Huxley's v and gates).
    const hhQ = hh('Q', { size: 2, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: -65 });
    expect(on(hhQ, 'w')).toThrow('projections[0].synapse.target: group "Q" has no state variable "w" (state variables: v, m, h, n)');
    expect(on(hhQ, 'm')).not.toThrow();
    expect(on(izhikevich('Q', { size: 2, a: 0.02, b: 0.2, c: -65, d: 8, v0: -65 }), 'w')).toThrow('projections[0].synapse.target: group "Q" has no state variable "w" (state variables: v, u)');
    expect(on(izhikevich('Q', { size: 2, a: 0.02, b: 0.2, c: -65, d: 8, v0: -65 }), 'u')).not.toThrow();
  });
});
