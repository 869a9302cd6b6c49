import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expConductance, fixedProb, input, lif, network, recordSamples, sampleState } from '../../src/index.js';

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

  it('is refused with a path when its reversal potential is missing', () => {
    const net$ = clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), lif('Q', { size: 1, tau: 20, threshold: -50, reset: -65 }));
    expect(() => net$.pipe(expConductance('QQ', { pre: 'Q', post: 'Q', connectivity: fixedProb(0.1), tau: 5, g: 0.5, E: Number.NaN }))).toThrow(
      'projections[0].synapse.E: expected a finite number, got NaN',
    );
  });
});
