import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeNetworkSpec, expCurrent, fixedProb, input, izhikevich, network, recordSamples, recordSpikes, sampleState, uniform } from '../../src/index.js';
import { estimateMemory } from '../../src/kernel.js';

/** Izhikevich (2003) written plainly: forward Euler from the values at the start of each step. */
function plain(a: number, b: number, c: number, d: number, I: number, dt: number, steps: number): number[] {
  let v = -65;
  let u = b * v;
  const spikes: number[] = [];
  for (let k = 0; k < steps; k++) {
    const dv = 0.04 * v * v + 5 * v + 140 - u + I;
    u = u + dt * a * (b * v - u);
    v = v + dt * dv;
    if (v >= 30) {
      spikes.push(k);
      v = c;
      u = u + d;
    }
  }
  return spikes;
}

async function spikes(a: number, b: number, c: number, d: number, I: number): Promise<number[]> {
  const net$ = clock({ dt: 0.1, duration: 500 }).pipe(network({ seed: 1 }), izhikevich('N', { size: 1, a, b, c, d, v0: -65 }), input('N', I));
  return Array.from((await lastValueFrom(build(net$).pipe(recordSpikes()))).groups.N!.steps);
}

const intervals = (s: number[]): number[] => s.slice(1).map((x, k) => x - s[k]!);

describe('izhikevich', () => {
  it.each([
    ['regular spiking', 0.02, 0.2, -65, 8],
    ['fast spiking', 0.1, 0.2, -65, 2],
    ['chattering', 0.02, 0.2, -50, 2],
  ])('%s: the spike steps of the plain loop', async (_, a, b, c, d) => {
    const got = await spikes(a, b, c, d, 10);
    expect(got.length).toBeGreaterThan(5);
    expect(got).toEqual(plain(a, b, c, d, 10, 0.1, 5000));
  });

  it('shows the published firing patterns: RS adapts, FS does not and fires faster, CH bursts', async () => {
    const rs = intervals(await spikes(0.02, 0.2, -65, 8, 10));
    const fs = intervals(await spikes(0.1, 0.2, -65, 2, 10));
    const ch = intervals(await spikes(0.02, 0.2, -50, 2, 10));
    // Regular spiking: intervals lengthen (adaptation) from the first to the last.
    expect(rs[rs.length - 1]!).toBeGreaterThan(1.5 * rs[0]!);
    // Fast spiking: more spikes, intervals nearly constant after the first.
    expect(fs.length).toBeGreaterThan(2 * rs.length);
    expect(Math.max(...fs.slice(2)) / Math.min(...fs.slice(2))).toBeLessThan(1.1);
    // Chattering: short intra-burst intervals alternate with long pauses.
    expect(Math.max(...ch) / Math.min(...ch)).toBeGreaterThan(5);
  });

  it('runs in a network on two threads with the spikes of one', async () => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 2 }),
      izhikevich('E', { size: 300, a: 0.02, b: 0.2, c: -65, d: 8, v0: uniform(-70, -60) }),
      expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.5 }),
      input('E', 6),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(100);
    expect(two).toEqual(one);
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('samples u by name, the plain loop\'s values step for step (%s, %i thread(s))', async (backend, threads) => {
    const [a, b, c, d, I] = [0.02, 0.2, -50, 2, 10];
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 1 }),
      izhikevich('N', { size: 1, a, b, c, d, v0: -65 }),
      input('N', I),
      sampleState('u', { target: 'N', variable: 'u', indices: [0] }),
      sampleState('v', { target: 'N', variable: 'V', indices: [0] }),
    );
    const sim = build(net$, { backend, threads });
    const [u, v] = await Promise.all([lastValueFrom(sim.pipe(recordSamples('u'))), lastValueFrom(sim.pipe(recordSamples('v')))]);
    // The plain loop's state at the start of each step.
    let [pv, pu] = [-65, b * -65];
    const wantU: number[] = [];
    const wantV: number[] = [];
    for (let k = 0; k < 1000; k++) {
      wantU.push(pu);
      wantV.push(pv);
      const dv = 0.04 * pv * pv + 5 * pv + 140 - pu + I;
      pu = pu + 0.1 * a * (b * pv - pu);
      pv = pv + 0.1 * dv;
      if (pv >= 30) {
        pv = c;
        pu = pu + d;
      }
    }
    expect(Array.from(u.values)).toEqual(wantU);
    expect(Array.from(v.values)).toEqual(wantV);
    expect(Math.max(...wantV)).toBeGreaterThan(0);
  });

  it('names its variables when a probe asks for another, and counts u in the memory estimate', () => {
    const group = { kind: 'izhikevich', name: 'Z', size: 1000, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'constant', value: -65 } };
    const lifGroup = { kind: 'lif', name: 'Z', size: 1000, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } };
    const file = (g: object, variable: string) => ({ seed: 1, groups: [g], projections: [], inputs: [], probes: [{ name: 'p', target: 'Z', variable, indices: [0] }] });
    const refused = decodeNetworkSpec(file(group, 'w'));
    expect(refused._tag).toBe('Left');
    expect(JSON.stringify(refused)).toContain('group \\"Z\\" has variables \\"V\\", \\"u\\", not \\"w\\"');
    const ok = decodeNetworkSpec(file(group, 'u'));
    expect(ok._tag).toBe('Right');
    if (ok._tag !== 'Right') return;
    const lifSpec = decodeNetworkSpec(file(lifGroup, 'V'));
    if (lifSpec._tag !== 'Right') throw new Error('lif spec refused');
    // u is one double per neuron beyond a LIF's V and spike slot.
    expect(estimateMemory(ok.right).bytes - estimateMemory(lifSpec.right).bytes).toBe(8 * 1000);
  });
});
