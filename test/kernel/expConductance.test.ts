import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expConductance, fixedProb, input, lif, network, neuron, recordSamples, sampleState } from '../../src/index.js';

/**
 * The step written plainly, in the notebook's order: inputs, neurons (with the input read from
 * the traces before this step's spikes), then traces decay and take the spikes.
 */
function reference(steps: number): { vQ: number[]; spikesQ: number[] } {
  const dt = 0.1;
  let vP = 0;
  let vQ = -60;
  let s = 0;
  const vQs: number[] = [];
  const spikesQ: number[] = [];
  for (let k = 0; k < steps; k++) {
    vQs.push(vQ); // sampled at the start of the step, as sampleState does
    // P: driven regularly, threshold 1, reset 0, tau 5.
    vP = vP + (3 - vP) * (dt / 5);
    let pSpiked = false;
    if (vP >= 1) {
      vP = 0;
      pSpiked = true;
    }
    // Q: rest -60 as a constant input, a conductance towards E = 0.
    const I = 0.5 * s * (0 - vQ) + -60;
    vQ = vQ + (I - vQ) * (dt / 20);
    if (vQ >= -50) {
      vQ = -65;
      spikesQ.push(k);
    }
    s = s * (1 - dt / 5);
    if (pSpiked) s = s + 1;
  }
  return { vQ: vQs, spikesQ };
}

describe('expConductance', () => {
  it('drives the target towards the reversal potential exactly as the plain step does', async () => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 1 }),
      lif('P', { size: 1, tau: 5, threshold: 1, reset: 0, v0: 0 }),
      lif('Q', { size: 1, tau: 20, threshold: -50, reset: -65, v0: -60 }),
      expConductance('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), tau: 5, g: 0.5, E: 0 }),
      input('P', 3),
      input('Q', -60),
      sampleState('v', { target: 'Q', variable: 'V', indices: [0] }),
    );
    const samples = await lastValueFrom(build(net$).pipe(recordSamples('v')));
    const ref = reference(1000);
    expect(ref.spikesQ.length).toBeGreaterThan(2);
    expect(Array.from(samples.values)).toEqual(ref.vQ);
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['js', 2],
    ['wasm', 2],
  ] as const)('joins the linear part of a conductance-based model under exponential Euler (%s, %i thread(s))', async (backend, threads) => {
    // Q's leak and its own conductance gA·a, with a relaxing towards 0.5: V's rate reads the
    // state. P fires regularly (as in the test above) into Q's conductance towards E = 0.
    const [gL, EL, gA, EA, C, g, E, tau] = [10, -60, 20, -80, 200, 40, 0, 5];
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 1 }),
      lif('P', { size: 1, tau: 5, threshold: 1, reset: 0, v0: 0 }),
      neuron('Q', {
        size: 2,
        equations: 'dv/dt = (gL*(EL - v) + gA*a*(EA - v) + I) / C\nda/dt = (0.5 - a) / 10',
        threshold: 'v > 1000',
        method: 'exponential_euler',
        parameters: { gL, EL, gA, EA, C },
        initial: { v: -50, a: 0.2 },
      }),
      expConductance('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(1), tau, g, E }),
      input('P', 3),
      input('Q', 300),
      sampleState('v', { target: 'Q', variable: 'v', indices: [1] }),
    );
    const got = Array.from((await lastValueFrom(build(net$, { backend, threads }).pipe(recordSamples('v')))).values);
    // The plain step: V relaxes exactly towards the potential its conductances and current pull
    // it to, all held at the step's start; `linear: false` takes the synapse as a current from V
    // at the step's start instead.
    const plain = (linear: boolean): number[] => {
      const dt = 0.1;
      let [vP, v, a, s] = [0, -50, 0.2, 0];
      const out: number[] = [];
      for (let k = 0; k < 1000; k++) {
        out.push(v);
        vP = vP + (3 - vP) * (dt / 5);
        const spiked = vP >= 1;
        if (spiked) vP = 0;
        const G = gL + gA * a + (linear ? g * s : 0);
        const drive = gL * EL + gA * a * EA + (linear ? g * E * s : g * s * (E - v)) + 300;
        const vInf = drive / G;
        v = vInf + (v - vInf) * Math.exp((-dt / C) * G);
        a = 0.5 + (a - 0.5) * Math.exp(-dt / 10);
        s = s * Math.exp(-dt / tau) + (spiked ? 1 : 0);
      }
      return out;
    };
    const linear = plain(true);
    const asCurrent = plain(false);
    // The synapse matters, and the two treatments differ.
    expect(Math.max(...linear) - Math.min(...linear)).toBeGreaterThan(5);
    expect(Math.max(...linear.map((x, k) => Math.abs(x - asCurrent[k]!)))).toBeGreaterThan(1e-3);
    linear.forEach((x, k) => expect(got[k]).toBeCloseTo(x, 9));
  });

  it('is refused with a path when its reversal potential is missing', () => {
    const net$ = clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), lif('Q', { size: 1, tau: 20, threshold: -50, reset: -65 }));
    expect(() => net$.pipe(expConductance('QQ', { pre: 'Q', post: 'Q', connectivity: fixedProb(0.1), tau: 5, g: 0.5, E: Number.NaN }))).toThrow(
      'projections[0].synapse.E: expected a finite number, got NaN',
    );
  });
});
