import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { vreeswijk1996, vreeswijkParams } from '../../examples/vreeswijk1996/network.js';
import { clock, recordSpikes } from '../../src/index.js';

/**
 * Brian2 2.5.1, C++ standalone, exponential Euler, the same model
 * (bench/brian2/vreeswijk1996.py), 1 s, run 2026-11-26 with
 * `/usr/bin/python3 bench/brian2/vreeswijk1996.py --seed S`, seeds 1-3:
 * E 41.936, 41.800, 41.766 Hz; I 41.868, 41.848, 41.736 Hz; mean CV of the interspike intervals
 * (after 100 ms) E 0.0180, 0.0184, 0.0187.
 */
const brian2 = { rate: (41.936 + 41.8 + 41.766 + 41.868 + 41.848 + 41.736) / 6, cv: 0.0184 };

/**
 * With excitation and inhibition cancelling on average, each neuron fires as if driven by Ib
 * alone: from reset, V_n = Ib − (Ib − reset) e^(−n dt/τ) (exponential Euler is exact here)
 * crosses threshold after n = ceil(τ/dt · ln((Ib − reset)/(Ib − θ))) = 240 steps.
 */
function uncoupledRate(): number {
  const c = vreeswijkParams;
  const steps = Math.ceil((c.tau / 0.1) * Math.log((c.Ib - (c.Vreset - c.Vrest)) / (c.Ib - (c.Vth - c.Vrest))));
  return 1000 / (steps * 0.1);
}

describe('examples/vreeswijk1996: van Vreeswijk & Sompolinsky 1996 (BrainPy\'s parameters)', () => {
  it('fires at Brian2\'s rate and at the rate of a neuron driven by Ib alone, within 1%; as regularly as in Brian2', async () => {
    let rate = 0;
    const cvs: number[] = [];
    for (const seed of [1, 2, 3]) {
      const record = await lastValueFrom(vreeswijk1996(clock({ dt: 0.1, duration: 1000 }), seed).pipe(recordSpikes()));
      for (const g of ['E', 'I'] as const) rate += record.groups[g]!.indices.length / record.groups[g]!.size / 6;
      // Mean CV of the interspike intervals after 100 ms, over E neurons with at least 3 spikes.
      const E = record.groups.E!;
      const times = Array.from({ length: E.size }, (): number[] => []);
      E.indices.forEach((i, k) => E.steps[k]! >= 1000 && times[i]!.push(E.steps[k]! * 0.1));
      const cv = times.filter((t) => t.length >= 3).map((t) => {
        const d = t.slice(1).map((x, k) => x - t[k]!);
        const m = d.reduce((a, x) => a + x, 0) / d.length;
        return Math.sqrt(d.reduce((a, x) => a + (x - m) ** 2, 0) / d.length) / m;
      });
      cvs.push(cv.reduce((a, x) => a + x, 0) / cv.length);
    }
    expect(uncoupledRate()).toBeCloseTo(41.667, 3);
    expect(Math.abs(rate / brian2.rate - 1)).toBeLessThan(0.01);
    expect(Math.abs(rate / uncoupledRate() - 1)).toBeLessThan(0.01);
    for (const cv of cvs) expect(cv).toBeLessThan(3 * brian2.cv);
  });

  it('balances: the recurrent excitation is J·K·ν·τs and the inhibition cancels it', () => {
    const sim = vreeswijk1996(clock({ dt: 0.1, duration: 1000 }), 1).build();
    const kernel = sim.kernel();
    const c = vreeswijkParams;
    const J = 1 / Math.sqrt(c.p * c.NE);
    const [E2E, I2E] = [kernel.projections[0]!.s, kernel.projections[2]!.s];
    let excitation = 0;
    let net = 0;
    let samples = 0;
    let spikes = 0;
    for (let k = 0; k < 10000; k += kernel.maxBlock) {
      kernel.run(kernel.maxBlock);
      spikes += kernel.spikes(0).indices.length;
      if (k < 1000) continue;
      for (let i = 0; i < c.NE; i++) {
        excitation += J * E2E[i]!;
        net += J * (E2E[i]! - I2E[i]!);
      }
      samples += c.NE;
    }
    const nu = spikes / c.NE / 1000; // per ms
    // Each E spike adds 1 to the traces of its p·NE targets on average, each decaying with τs.
    expect(excitation / samples).toBeCloseTo(J * c.p * c.NE * nu * c.tauS, 1);
    expect(Math.abs(net / samples)).toBeLessThan(0.05 * (excitation / samples));
  });
});
