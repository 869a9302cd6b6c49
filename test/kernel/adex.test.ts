import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { adex, build, clock, input, network, recordSamples, recordSpikes, sampleState, type AdexParams } from '../../src/index.js';

/** Naud et al. 2008, Table 1 (pF, nS, mV, ms, pA), with a cut-off at 0 mV. */
const tonic: AdexParams = { size: 1, C: 200, gL: 10, EL: -70, VT: -50, deltaT: 2, tauw: 30, a: 2, b: 0, reset: -58, peak: 0 };
const adapting: AdexParams = { size: 1, C: 200, gL: 12, EL: -70, VT: -50, deltaT: 2, tauw: 300, a: 2, b: 60, reset: -58, peak: 0 };

/** AdEx written plainly: forward Euler from the values at the start of each step. */
function plain(p: AdexParams, I: number, dt: number, steps: number): number[] {
  let v = p.EL;
  let w = 0;
  const spikes: number[] = [];
  for (let k = 0; k < steps; k++) {
    const dV = -p.gL * (v - p.EL) + p.gL * p.deltaT * Math.exp((v - p.VT) / p.deltaT) - w + I;
    w = w + (dt / p.tauw) * (p.a * (v - p.EL) - w);
    v = v + (dt / p.C) * dV;
    if (v >= p.peak) {
      spikes.push(k);
      v = p.reset;
      w = w + p.b;
    }
  }
  return spikes;
}

async function spikes(p: AdexParams, I: number): Promise<number[]> {
  const net$ = clock({ dt: 0.1, duration: 500 }).pipe(network({ seed: 1 }), adex('A', p), input('A', I));
  return Array.from((await lastValueFrom(build(net$).pipe(recordSpikes()))).groups.A!.steps);
}

const intervals = (s: number[]): number[] => s.slice(1).map((x, k) => x - s[k]!);

describe('adex', () => {
  it.each([
    ['tonic', tonic, 500],
    ['adapting', adapting, 500],
  ] as const)('%s: the spike steps of the plain loop', async (_, p, I) => {
    const got = await spikes(p, I);
    expect(got.length).toBeGreaterThan(3);
    expect(got).toEqual(plain(p, I, 0.1, 5000));
  });

  it('fires tonically without spike-triggered adaptation, and adapts with it (Naud et al. 2008)', async () => {
    const t = intervals(await spikes(tonic, 500)).slice(2);
    const a = intervals(await spikes(adapting, 500));
    expect(Math.max(...t) / Math.min(...t)).toBeLessThan(1.05);
    expect(a[a.length - 1]!).toBeGreaterThan(2 * a[0]!);
  });

  it('counts the divergence of the exponential as a spike, not as a blow-up', async () => {
    // A huge current drives V far past VT within a step: exp overflows to Infinity.
    const got = await spikes({ ...tonic, size: 1 }, 1e6);
    expect(got.length).toBeGreaterThan(100);
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('samples w by name: the plain loop\'s adaptation current, step for step (%s, %i thread(s))', async (backend, threads) => {
    const p = adapting;
    const I = 500;
    const net$ = clock({ dt: 0.1, duration: 200 }).pipe(network({ seed: 1 }), adex('A', { ...p, v0: p.EL }), input('A', I), sampleState('w', { target: 'A', variable: 'w', indices: [0] }));
    const w = Array.from((await lastValueFrom(build(net$, { backend, threads }).pipe(recordSamples('w')))).values);
    // The plain loop's w at the start of each step (Math.exp where the kernel has its own: to 1e-9).
    const want: number[] = [];
    let [v, pw] = [p.EL, 0];
    for (let k = 0; k < 2000; k++) {
      want.push(pw);
      const dV = -p.gL * (v - p.EL) + p.gL * p.deltaT * Math.exp((v - p.VT) / p.deltaT) - pw + I;
      pw = pw + (0.1 / p.tauw) * (p.a * (v - p.EL) - pw);
      v = v + (0.1 / p.C) * dV;
      if (v >= p.peak) {
        v = p.reset;
        pw = pw + p.b;
      }
    }
    expect(w.length).toBe(want.length);
    w.forEach((x, k) => expect(x).toBeCloseTo(want[k]!, 9));
    // Spike-triggered adaptation: w rose by b at each of several spikes.
    expect(Math.max(...want)).toBeGreaterThan(3 * p.b);
  });
});
