import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expCurrent, fixedProb, input, izhikevich, network, recordSpikes, uniform } from '../../src/index.js';

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
});
