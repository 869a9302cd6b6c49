import { describe, expect, it } from 'vitest';
import {
  balancedTrial,
  driveForRate,
  firingStats,
  frequencyPoint,
  latency,
  meanRate,
  settling,
  unconnectedTrial,
  type RateTrace,
} from '../../examples/tian2020-fast-response/fastResponse.js';

/** A rate that steps at T and relaxes exponentially with time constant tau: closed form. */
function exponentialStep(r0: number, r1: number, T: number, tau: number, bin: number, end: number): RateTrace {
  const n = Math.round(end / bin);
  const t = new Float64Array(n).map((_, b) => b * bin);
  // Each bin holds the mean of the rate over it, integrated exactly.
  const rate = t.map((a) => {
    const b = a + bin;
    if (b <= T) return r0;
    const lo = Math.max(a, T);
    const integral = r1 * (b - lo) - (r1 - r0) * tau * (Math.exp(-(lo - T) / tau) - Math.exp(-(b - T) / tau));
    return (r0 * (lo - a) + integral) / bin;
  });
  return { t, rate };
}

describe('latency', () => {
  it('finds the membrane time constant of an exponential relaxation: 63% of the way at t = tau', () => {
    for (const tau of [3, 15]) {
      const trace = exponentialStep(5, 12, 300, tau, 0.1, 1000);
      const { latencyMs, before, after } = latency(trace, 300, 0.1, 100, 500);
      expect(before).toBeCloseTo(5, 10);
      expect(after).toBeCloseTo(12, 4);
      // 1 - e^-1 = 0.632 is reached at tau; the threshold 0.63 a hair before, within one bin.
      expect(Math.abs(latencyMs - tau)).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });

  it('works downwards too', () => {
    const { latencyMs } = latency(exponentialStep(12, 5, 300, 10, 0.5, 1000), 300, 0.5, 100, 500);
    expect(Math.abs(latencyMs - 10)).toBeLessThanOrEqual(0.5);
  });
});

describe('settling', () => {
  it('ends with the last 5 ms window whose mean is outside the band, for an exponential approach', () => {
    // 5 -> 15 Hz with tau = 12 ms, band ±2.5 Hz (25% of the change). A window [a, a + 5) has the
    // mean distance 10 * 12/5 * (e^(-a/12) - e^(-(a+5)/12)): 3.55 Hz for [10, 15), outside;
    // 2.34 Hz for [15, 20), inside. So it settles at 15 ms.
    expect(settling(exponentialStep(5, 15, 300, 12, 0.1, 800), 300, 5, 2.5 / 15)).toBe(15);
  });

  it('is NaN for a rate that keeps oscillating', () => {
    const t = new Float64Array(5000).map((_, b) => b * 0.1);
    const rate = t.map((x) => (x < 300 ? 5 : 20 + 15 * Math.sin(x / 3)));
    expect(settling({ t, rate }, 300)).toBeNaN();
  });
});

describe('firingStats', () => {
  it('gives the mean rate, the spread of rates and the mean ISI CV of the neurons with three spikes or more', () => {
    // 100 ms. Neuron 0 every 10 ms from 0 (10 spikes, CV 0); neuron 1 at 0, 10, 30 (ISIs 10 and
    // 20: mean 15, sd 5, CV 1/3); neuron 2 once (no CV).
    const steps: number[] = [];
    const indices: number[] = [];
    for (let k = 0; k < 10; k++) (steps.push(100 * k), indices.push(0));
    for (const t of [0, 10, 30]) (steps.push(10 * t), indices.push(1));
    steps.push(500);
    indices.push(2);
    const order = steps.map((_, k) => k).sort((a, b) => steps[a]! - steps[b]! || indices[a]! - indices[b]!);
    const record = { dt: 0.1, startStep: 0, steps: 1000, groups: { E: { group: 'E', size: 3, steps: Float64Array.from(order, (k) => steps[k]!), indices: Int32Array.from(order, (k) => indices[k]!) } } };
    const s = firingStats(record, 'E', 0, 100);
    expect(Array.from(s.rates)).toEqual([100, 30, 10]);
    expect(s.rate).toBeCloseTo(140 / 3, 12);
    expect(s.rateSd).toBeCloseTo(Math.sqrt(((100 - 140 / 3) ** 2 + (30 - 140 / 3) ** 2 + (10 - 140 / 3) ** 2) / 3), 12);
    expect(s.cv).toBeCloseTo((0 + 1 / 3) / 2, 12);
  });
});

describe('driveForRate', () => {
  it('agrees with the continuous LIF rate 1 / (tau ln(I / (I - threshold))) to within 0.5%', () => {
    for (const rate of [5, 20, 50]) {
      const I = driveForRate(rate);
      const continuous = 1000 / (15 * Math.log(I / (I - 15)));
      expect(Math.abs(continuous / rate - 1)).toBeLessThan(0.005);
    }
  });
});

describe('fast response trials', () => {
  const o = { neurons: 4000, seed: 3, mu0: 0.1, mu1: 0.2, stepAt: 150, duration: 300, bin: 0.5 };

  it('the unconnected control starts at the baseline rate it is given, and its step never settles (it synchronizes)', async () => {
    const trace = await unconnectedTrial(o, 8);
    expect(Math.abs(meanRate(trace, 50, 150) / 8 - 1)).toBeLessThan(0.02);
    expect(settling(trace, o.stepAt)).toBeNaN();
  });

  it('the balanced network (N = 4,000) follows the step within a few ms, well under tau = 15 ms', async () => {
    const trace = await balancedTrial(o);
    const { latencyMs, before, after } = latency(trace, o.stepAt, o.bin, 100, 50);
    expect(after).toBeGreaterThan(1.5 * before);
    expect(latencyMs).toBeLessThan(5);
    expect(settling(trace, o.stepAt, 5, 0.25, 50)).toBeLessThanOrEqual(15);
  });
});

describe('npm run fast-response', () => {
  it("tunes the noisy control to the balanced network's rate, spread of rates and ISI CV, and steps it to the balanced network's new rate", async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'fast-response-'));
    const stdout = execFileSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['examples/tian2020-fast-response/main.ts', '--neurons', '4000', '--trials', '2', '--mu1', '0.2', '--json', '--out', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    type Stats = { rate: number; rateSd: number; cv: number };
    const result = JSON.parse(stdout) as { control: Stats & { kind: string; target: Stats }; rates: Record<string, { before: number; after: number }> };
    const { control } = result;
    expect(control.kind).toBe('noisy');
    expect(Math.abs(control.rate / control.target.rate - 1)).toBeLessThan(0.05);
    expect(Math.abs(control.rateSd / control.target.rateSd - 1)).toBeLessThan(0.15);
    expect(Math.abs(control.cv - control.target.cv)).toBeLessThan(0.05);
    // Stepped by the current that moves its rate as far as the balanced network's moves.
    expect(Math.abs(result.rates.unconnected!.after / result.rates.balanced!.after - 1)).toBeLessThan(0.05);
  }, 300_000);

  it('prints the latencies of both conditions, tau and the trials, and writes the figures as SVG and PNG', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'fast-response-'));
    const stdout = execFileSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['examples/tian2020-fast-response/main.ts', '--neurons', '4000', '--trials', '2', '--mu1', '0.2', '--control', 'regular', '--json', '--out', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = JSON.parse(stdout) as { latencyMs: Record<string, number>; latencySdMs: Record<string, number>; tauMs: number; trials: unknown[]; files: string[] };
    expect(result.tauMs).toBe(15);
    expect(result.trials).toHaveLength(2);
    expect(result.latencyMs.balanced).toBeLessThan(result.tauMs);
    expect(Number.isFinite(result.latencySdMs.unconnected)).toBe(true);
    expect(result.files.map((f) => f.slice(out.length + 1))).toEqual(['response.svg', 'tracking.svg', 'response.png', 'tracking.png']);
    for (const f of result.files) expect(existsSync(f)).toBe(true);
  });
});

describe('frequencyPoint', () => {
  it('finds the gain and phase of a sine in a binned rate (closed form)', () => {
    // r(t) = 5 + 2·sin(2π·10·t − 30°), binned at 0.5 ms over 1 s: the component at 10 Hz has
    // amplitude 2 times the bin's sinc (sin(πfb)/(πfb), 0.99959 at 10 Hz), phase −30°.
    const bin = 0.5;
    const t = new Float64Array(2000).map((_, b) => b * bin);
    const w = 2 * Math.PI * 10;
    const rate = t.map((a) => 5 + (2 * (Math.cos(w * (a / 1000) - Math.PI / 6) - Math.cos(w * ((a + bin) / 1000) - Math.PI / 6))) / (w * (bin / 1000)));
    const p = frequencyPoint({ t, rate }, 10, 0, 1000, 0.5, bin);
    const sinc = Math.sin((Math.PI * 10 * bin) / 1000) / ((Math.PI * 10 * bin) / 1000);
    expect(p.gain).toBeCloseTo((2 * sinc) / 0.5, 9);
    expect(p.phaseDeg).toBeCloseTo(-30, 9);
  });
});
