/**
 * Fast response of the balanced network (Tian et al. 2020), against unconnected neurons.
 *
 *   npm run fast-response -- [--neurons N=10000] [--trials K=5] [--mu0 0.1] [--mu1 0.12]
 *                            [--control noisy|regular] [--sweep] [--frequency] [--bin MS=0.5]
 *                            [--out DIR=out/tian2020-fast-response] [--json]
 *
 * Each trial steps mu_f from mu0 to mu1 at 300 ms and runs to 500 ms. The control is the E
 * neurons alone (no synapse):
 * - `noisy` (default, the fair control): each driven by its own white noise and a mean current,
 *   tuned so that they fire at the balanced network's baseline E rate with its mean ISI CV, and
 *   stepped by the current that moves their rate to the balanced network's new rate;
 * - `regular`: noiseless, driven to the baseline rate at evenly spread phases, and stepped by the
 *   same increment of current as the balanced network's E neurons.
 * Writes response.svg/.png (mean E rate of both, step marked) and tracking.svg/.png (the balanced
 * network following a 10 Hz sine of mu_f); --json prints latencyMs and latencySdMs {balanced,
 * unconnected} (mean and spread over trials), the latency and settling time of the
 * trial-averaged traces, tauMs, the control, and the trials. --sweep also steps mu_f to 0.11,
 * 0.12, 0.15 and down to 0.09 and 0.08 (three trials each); --frequency drives both with a sine
 * of mu_f (depth 10%) from 1 to 200 Hz and prints the gain and phase of their E rate
 * (frequency-gain.svg, frequency-phase.svg).
 */
import { resolve } from 'node:path';
import { lastValueFrom, share, Subject, tap } from 'rxjs';
import { svgToPng } from '../../src/cli/svgToPng.js';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { build, clock, linePlotSvg, recordSpikes } from '../../src/index.js';
import { params, tian2020 } from '../tian2020/network.js';
import { balancedSine, balancedTrial, dt, firingStats, frequencyPoint, noisySine, sineWindow, type FrequencyPoint, latency, meanRate, meanTrace, noisyDeltaForRate, noisyTrial, rateTrace, settling, tuneNoisy, unconnectedTrial, type RateTrace, type TrialOptions } from './fastResponse.js';
import { exampleArgs } from './exampleArgs.js';

const { values, num, fail } = exampleArgs('fast-response', {
  neurons: { type: 'string' },
  trials: { type: 'string' },
  mu0: { type: 'string' },
  mu1: { type: 'string' },
  bin: { type: 'string' },
  control: { type: 'string' },
  sweep: { type: 'boolean', default: false },
  frequency: { type: 'boolean', default: false },
  out: { type: 'string' },
});
const neurons = num('neurons', 10_000, (n) => Number.isInteger(n) && n >= 3000, 'a whole number >= 3000 (smaller seed networks are silent)');
const trials = num('trials', 5, (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
const mu0 = num('mu0', 0.1, (n) => n > 0 && n < 10, 'a number in (0, 10)');
const mu1 = num('mu1', 0.12, (n) => n > 0 && n < 10, 'a number in (0, 10)');
const bin = num('bin', 0.5, (n) => n >= dt && Math.abs(n / dt - Math.round(n / dt)) < 1e-9, 'a whole number of steps of 0.1 ms');
const outDir = resolve(String(values.out ?? 'out/tian2020-fast-response'));
const controlKind = String(values.control ?? 'noisy');
if (controlKind !== 'noisy' && controlKind !== 'regular') fail(`--control must be noisy or regular, got "${controlKind}"`);

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
// The noisy control's target: the balanced network's baseline firing (1 s, seed 1) and its new rate.
const target = controlKind === 'noisy' ? firingStats(await lastValueFrom(build(tian2020(clock({ dt, duration: 1100 }), { neurons, seed: 1, muF: mu0 })).pipe(recordSpikes(['E']))), 'E', 100, 1100) : null;
const noisy = target === null ? null : await tuneNoisy(target);
if (noisy !== null) log(`noisy control: sigma ${noisy.sigma.toFixed(3)}: ${noisy.stats.rate.toFixed(2)} Hz, CV ${noisy.stats.cv.toFixed(3)} (balanced ${target!.rate.toFixed(2)} Hz, CV ${target!.cv.toFixed(3)})`);
/** The control's trials for a step to `step.mu1`, whose balanced new rate is `newRate`. */
async function controlTrials(step: TrialOptions, newRate: number, count: number): Promise<{ traces: RateTrace[]; delta: number }> {
  const delta = noisy === null ? params.fE * Math.sqrt(neurons) * (step.mu1 - step.mu0) : await noisyDeltaForRate(noisy, newRate);
  const traces: RateTrace[] = [];
  for (let k = 0; k < count; k++) traces.push(noisy === null ? await unconnectedTrial({ ...step, seed: k + 1 }, baseline) : await noisyTrial({ ...step, seed: k + 1 }, noisy, delta));
  return { traces, delta };
}
const newRate = meanRate(meanTrace(balanced), o.stepAt + 100, Infinity);
const { traces: unconnected, delta } = await controlTrials(o, newRate, trials);
unconnected.forEach((u, k) => log(`${controlKind} control trial ${k + 1}/${trials}: latency ${latency(u, o.stepAt, bin).latencyMs.toFixed(1)} ms`));
const [mb, mu] = [meanTrace(balanced), meanTrace(unconnected)];
const result = {
  neurons,
  mu0,
  mu1,
  stepAtMs: o.stepAt,
  binMs: bin,
  tauMs: params.tauE,
  control: noisy === null ? { kind: 'regular', delta } : { kind: 'noisy', sigma: noisy.sigma, delta, rate: noisy.stats.rate, rateSd: noisy.stats.rateSd, cv: noisy.stats.cv, target: { rate: target!.rate, rateSd: target!.rateSd, cv: target!.cv } },
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

// Other steps, up and down: three trials each, latency per trial (mean) and of the mean trace.
const sweep = [];
if (values.sweep) {
  for (const step of [0.11, 0.12, 0.15, 0.09, 0.08]) {
    const so: TrialOptions = { ...o, mu1: step };
    const b: RateTrace[] = [];
    for (let k = 0; k < 3; k++) b.push(await balancedTrial({ ...so, seed: k + 1 }));
    const c = await controlTrials(so, meanRate(meanTrace(b), so.stepAt + 100, Infinity), 3);
    const row = {
      mu1: step,
      balanced: { ...latency(meanTrace(b), so.stepAt, bin), trialLatencyMs: meanSd(b.map((x) => latency(x, so.stepAt, bin).latencyMs))[0], settleMs: nullIfNaN(settling(meanTrace(b), so.stepAt)) },
      unconnected: { ...latency(meanTrace(c.traces), so.stepAt, bin), trialLatencyMs: meanSd(c.traces.map((x) => latency(x, so.stepAt, bin).latencyMs))[0], settleMs: nullIfNaN(settling(meanTrace(c.traces), so.stepAt)), delta: c.delta },
    };
    sweep.push(row);
    log(`mu_f ${mu0} -> ${step}: balanced ${row.balanced.before.toFixed(2)} -> ${row.balanced.after.toFixed(2)} Hz, latency ${row.balanced.trialLatencyMs.toFixed(2)} ms; ${controlKind} ${row.unconnected.before.toFixed(2)} -> ${row.unconnected.after.toFixed(2)} Hz, latency ${row.unconnected.trialLatencyMs.toFixed(2)} ms`);
  }
}

// Frequency response: mu_f = mu0·(1 + 0.1·sin(2πft)); the control's current moves with mu_f as
// its step did (its current per unit of mu_f), so both have the same gain at low frequencies.
const frequencyResponse: { balanced: FrequencyPoint[]; unconnected: FrequencyPoint[] } = { balanced: [], unconnected: [] };
if (values.frequency) {
  if (noisy === null) fail('--frequency needs the noisy control');
  const depth = 0.1;
  const perMu = delta / (mu1 - mu0);
  for (const hz of [1, 2, 5, 10, 20, 50, 100, 200]) {
    const { from, to } = sineWindow(hz);
    frequencyResponse.balanced.push(frequencyPoint(await balancedSine(neurons, 1, mu0, depth, hz, bin), hz, from, to, mu0 * depth, bin));
    frequencyResponse.unconnected.push(frequencyPoint(await noisySine(noisy!, 1, mu0, depth, hz, perMu, bin), hz, from, to, mu0 * depth, bin));
    const [b, c] = [frequencyResponse.balanced.at(-1)!, frequencyResponse.unconnected.at(-1)!];
    log(`${hz} Hz: balanced gain ${b.gain.toFixed(1)} Hz per unit mu_f, phase ${b.phaseDeg.toFixed(1)}°; noisy control ${c.gain.toFixed(1)}, ${c.phaseDeg.toFixed(1)}°`);
  }
}

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
        { name: `${controlKind} control`, x: mu.t.map((t) => t + bin / 2), y: mu.rate },
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
if (values.frequency) {
  const series = (key: 'gain' | 'phaseDeg') => [
    { name: 'balanced', x: frequencyResponse.balanced.map((p) => Math.log10(p.hz)), y: frequencyResponse.balanced.map((p) => p[key]) },
    { name: 'noisy control', x: frequencyResponse.unconnected.map((p) => Math.log10(p.hz)), y: frequencyResponse.unconnected.map((p) => p[key]) },
  ];
  figures.push(
    ['frequency-gain.svg', linePlotSvg(series('gain'), { title: 'Gain of the E rate to a sine of mu_f (Hz per unit of mu_f)', xLabel: 'log10 of the frequency (Hz)', yLabel: 'Gain' })],
    ['frequency-phase.svg', linePlotSvg(series('phaseDeg'), { title: 'Phase of the E rate against a sine of mu_f', xLabel: 'log10 of the frequency (Hz)', yLabel: 'Phase (degrees)' })],
  );
}
const files = writeFilesAtomically(outDir, [...figures, ...figures.map(([name, svg]): [string, Uint8Array] => [name.replace(/\.svg$/, '.png'), svgToPng(svg, { scale: 2 })])]);

if (values.json) process.stdout.write(`${JSON.stringify({ ...result, ...(values.sweep ? { sweep } : {}), ...(values.frequency ? { frequencyResponse } : {}), files })}\n`);
else {
  process.stdout.write(
    `latency to 63% of the change, mean traces of ${trials} trials: balanced ${result.latencyMs.balanced.toFixed(1)} ms, ` +
      `unconnected ${result.latencyMs.unconnected.toFixed(1)} ms, membrane time constant ${params.tauE} ms\n` +
      `settled within ±25% of the new rate after: balanced ${result.settleMs.balanced ?? 'never'} ms, unconnected ${result.settleMs.unconnected ?? 'never'} ms\n` +
      `figures: ${files.join(', ')}\n`,
  );
}
