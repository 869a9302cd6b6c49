/**
 * Fast response of the balanced network (Tian et al. 2020), against unconnected neurons.
 *
 *   npm run fast-response -- [--neurons N=10000] [--trials K=5] [--mu0 0.1] [--mu1 0.12]
 *                            [--bin MS=0.5] [--out DIR=out/tian2020-fast-response] [--json]
 *
 * Each trial steps mu_f from mu0 to mu1 at 300 ms and runs to 500 ms; the unconnected control
 * (the E neurons alone) is driven to the balanced network's mean baseline E rate and stepped by
 * the same increment of current. Writes response.svg/.png (mean E rate of both, step marked) and
 * tracking.svg/.png (the balanced network following a 10 Hz sine of mu_f); --json prints
 * latencyMs and latencySdMs {balanced, unconnected} (mean and spread over trials), the latency
 * and settling time of the trial-averaged traces, tauMs, and the trials.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lastValueFrom, share, Subject, tap } from 'rxjs';
import { svgToPng } from '../../src/cli/svgToPng.js';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { build, clock, linePlotSvg, recordSpikes } from '../../src/index.js';
import { params, tian2020 } from '../tian2020/network.js';
import { balancedTrial, dt, latency, meanRate, meanTrace, rateTrace, settling, unconnectedTrial, type RateTrace, type TrialOptions } from './fastResponse.js';

function fail(message: string): never {
  process.stderr.write(`fast-response: ${message}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        neurons: { type: 'string' },
        trials: { type: 'string' },
        mu0: { type: 'string' },
        mu1: { type: 'string' },
        bin: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return fail((e as Error).message);
  }
})();
const num = (name: string, fallback: number, ok: (n: number) => boolean, what: string): number => {
  const raw = (values as Record<string, unknown>)[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!ok(n)) fail(`--${name} must be ${what}, got "${String(raw)}"`);
  return n;
};
const neurons = num('neurons', 10_000, (n) => Number.isInteger(n) && n >= 3000, 'a whole number >= 3000 (smaller seed networks are silent)');
const trials = num('trials', 5, (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
const mu0 = num('mu0', 0.1, (n) => n > 0 && n < 10, 'a number in (0, 10)');
const mu1 = num('mu1', 0.12, (n) => n > 0 && n < 10, 'a number in (0, 10)');
const bin = num('bin', 0.5, (n) => n >= dt && Math.abs(n / dt - Math.round(n / dt)) < 1e-9, 'a whole number of steps of 0.1 ms');
const outDir = resolve(String(values.out ?? 'out/tian2020-fast-response'));

/** Mean and sample standard deviation (0 for one value). */
function meanSd(xs: number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return [mean, sd];
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

const o: TrialOptions = { neurons, seed: 0, mu0, mu1, stepAt: 300, duration: 500, bin };
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const balanced: RateTrace[] = [];
for (let k = 0; k < trials; k++) {
  balanced.push(await balancedTrial({ ...o, seed: k + 1 }));
  log(`balanced trial ${k + 1}/${trials}: latency ${latency(balanced[k]!, o.stepAt, bin).latencyMs.toFixed(1)} ms`);
}
const baseline = meanRate(meanTrace(balanced), o.stepAt - 100, o.stepAt);
const unconnected: RateTrace[] = [];
for (let k = 0; k < trials; k++) {
  unconnected.push(await unconnectedTrial({ ...o, seed: k + 1 }, baseline));
  log(`unconnected trial ${k + 1}/${trials}: latency ${latency(unconnected[k]!, o.stepAt, bin).latencyMs.toFixed(1)} ms`);
}
const [mb, mu] = [meanTrace(balanced), meanTrace(unconnected)];
const result = {
  neurons,
  mu0,
  mu1,
  stepAtMs: o.stepAt,
  binMs: bin,
  tauMs: params.tauE,
  // Mean and standard deviation over trials of each trial's latency.
  latencyMs: { balanced: meanSd(balanced.map((b) => latency(b, o.stepAt, bin).latencyMs))[0], unconnected: meanSd(unconnected.map((u) => latency(u, o.stepAt, bin).latencyMs))[0] },
  latencySdMs: { balanced: meanSd(balanced.map((b) => latency(b, o.stepAt, bin).latencyMs))[1], unconnected: meanSd(unconnected.map((u) => latency(u, o.stepAt, bin).latencyMs))[1] },
  // The latency of the trial-averaged rate, which is less noisy than any one trial's.
  meanTraceLatencyMs: { balanced: latency(mb, o.stepAt, bin).latencyMs, unconnected: latency(mu, o.stepAt, bin).latencyMs },
  // null: still outside ±25% of the new rate in the run's last 5 ms window.
  settleMs: { balanced: nullIfNaN(settling(mb, o.stepAt)), unconnected: nullIfNaN(settling(mu, o.stepAt)) },
  rates: { balanced: latency(mb, o.stepAt, bin), unconnected: latency(mu, o.stepAt, bin) },
  trials: balanced.map((b, k) => ({
    seed: k + 1,
    balanced: { ...latency(b, o.stepAt, bin), settleMs: nullIfNaN(settling(b, o.stepAt)) },
    unconnected: { ...latency(unconnected[k]!, o.stepAt, bin), settleMs: nullIfNaN(settling(unconnected[k]!, o.stepAt)) },
  })),
};

// Tracking: mu_f follows a 10 Hz sine between 0.6 and 1.4 times mu0 (much lower, the drive
// falls out of the balanced regime and the network bursts).
const sine = (t: number): number => mu0 * (1 + 0.4 * Math.sin((2 * Math.PI * t) / 100));
const mu$ = new Subject<number>();
const frames$ = build(tian2020(clock({ dt, duration: 500 }), { neurons, seed: 1, muF: mu$ })).pipe(
  // The drive for step k + 1, set from the frame of step k.
  tap((f) => mu$.next(sine((f.step + f.steps) * dt))),
  share(),
);
const trackBin = 2;
const tracked = rateTrace(await lastValueFrom(frames$.pipe(recordSpikes())), 'E', trackBin);
// The input in rate units: the balanced network's baseline rate per unit of mu_f.
const gain = baseline / mu0;
const from = tracked.t.findIndex((t) => t >= 100);

const figures: Array<[string, string]> = [
  [
    'response.svg',
    linePlotSvg(
      [
        { name: 'balanced', x: mb.t.map((t) => t + bin / 2), y: mb.rate },
        { name: 'unconnected', x: mu.t.map((t) => t + bin / 2), y: mu.rate },
      ],
      {
        title: `E population rate, mean of ${trials} trials: mu_f ${mu0} -> ${mu1} at ${o.stepAt} ms (N = ${neurons})`,
        xLabel: 'Time (ms)',
        yLabel: 'Rate (Hz)',
        xlim: [250, 400],
        // The unconnected neurons' synchronous volleys reach ~1 kHz: clipped, to keep the
        // balanced trace readable.
        ylim: [0, Math.max(4 * meanRate(mb, o.stepAt + 100, Infinity), 20)],
        markers: [{ x: o.stepAt, label: 'step' }, { x: o.stepAt + params.tauE, label: 'τ = 15 ms' }],
      },
    ),
  ],
  [
    'tracking.svg',
    linePlotSvg(
      [
        { name: 'E rate', x: tracked.t.subarray(from).map((t) => t + trackBin / 2), y: tracked.rate.subarray(from) },
        { name: 'input × gain', x: tracked.t.subarray(from).map((t) => t + trackBin / 2), y: tracked.t.subarray(from).map((t) => gain * sine(t + trackBin / 2)), dashed: true },
      ],
      { title: `Balanced network tracking a 10 Hz sine of mu_f, ${trackBin} ms bins (N = ${neurons})`, xLabel: 'Time (ms)', yLabel: 'Rate (Hz)' },
    ),
  ],
];
const files = writeFilesAtomically(outDir, [...figures, ...figures.map(([name, svg]): [string, Uint8Array] => [name.replace(/\.svg$/, '.png'), svgToPng(svg, { scale: 2 })])]);

if (values.json) process.stdout.write(`${JSON.stringify({ ...result, files })}\n`);
else {
  process.stdout.write(
    `latency to 63% of the change, mean traces of ${trials} trials: balanced ${result.latencyMs.balanced.toFixed(1)} ms, ` +
      `unconnected ${result.latencyMs.unconnected.toFixed(1)} ms, membrane time constant ${params.tauE} ms\n` +
      `settled within ±25% of the new rate after: balanced ${result.settleMs.balanced ?? 'never'} ms, unconnected ${result.settleMs.unconnected ?? 'never'} ms\n` +
      `figures: ${files.join(', ')}\n`,
  );
}
