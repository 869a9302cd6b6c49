import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { clampRate, type ClampSample } from '../../examples/closed-loop/clampRate.js';

const target = (t: number): number => (t <= 500 ? 10 : 15);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function error(samples: ClampSample[], from: number, to: number): number {
  const window = samples.filter((s) => s.t >= from && s.t < to);
  return Math.abs(mean(window.map((s) => s.rate)) - mean(window.map((s) => s.target)));
}

describe('examples/closed-loop: clampRate', () => {
  it('holds the E rate at 10 Hz, then follows the target to 15 Hz, in virtual time', async () => {
    const samples = await lastValueFrom(clampRate({ neurons: 4000, seed: 1, duration: 1000, target }).pipe(toArray()));
    expect(samples).toHaveLength(100);
    // Settled: the mean rate of the last 200 ms of each target is within 0.5 Hz of it.
    expect(error(samples, 300, 500)).toBeLessThan(0.5);
    expect(error(samples, 800, 1000)).toBeLessThan(0.5);
    // And it is the controller doing it: the drive rose to get 15 Hz.
    expect(samples[99]!.muF).toBeGreaterThan(samples[49]!.muF * 1.2);
  });

  it('gives the same samples in real time as in virtual time, paced to the wall clock', async () => {
    const o = { neurons: 3000, seed: 2, duration: 300, target: () => 10 };
    const virtual = await lastValueFrom(clampRate(o).pipe(toArray()));
    const t0 = performance.now();
    const real = await lastValueFrom(clampRate({ ...o, realtime: true }).pipe(toArray()));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(real).toEqual(virtual);
    expect(virtual[29]!.rate).toBeGreaterThan(5);
  });
});
