/**
 * The fast response of the balanced network (Tian et al. 2020): step (or modulate) the external
 * drive and time how fast the population rate follows, against the same neurons without
 * recurrent connections: noiseless at the same baseline rate (`unconnectedTrial`), or driven by
 * independent white noise and matched to the balanced network's rates and ISI variability (the
 * fair control: `tuneNoisy`, `noisyTrial`, `noisySine`).
 *
 * A trial is one run: the drive mu_f holds `mu0` until `stepAt` ms, then `mu1`. The step
 * reaches the kernel at exactly step `stepAt / dt`: the drive is a stream input, set from the
 * frame of the step before (closed loop, one step of latency by design).
 */
import { BehaviorSubject, lastValueFrom, map, share, Subject, tap, type Observable } from 'rxjs';
import { build, clock, input, lif, network, neuron, perNeuron, recordSpikes, uniform, windowRates, type Frame, type SpikeRecord } from '../../src/index.js';
import { params, tian2020 } from '../tian2020/network.js';

/** What a trial runs. */
export interface TrialOptions {
  readonly neurons: number;
  readonly seed: number;
  /** mu_f before and after the step. */
  readonly mu0: number;
  readonly mu1: number;
  /** Time of the step and end of the run, ms. */
  readonly stepAt: number;
  readonly duration: number;
  /** Width of the rate bins, ms. */
  readonly bin: number;
}

/** A trial's E population rate, one value per bin. */
export interface RateTrace {
  /** Bin starts, ms. */
  readonly t: Float64Array;
  /** Hz. */
  readonly rate: Float64Array;
}

export const dt = 0.1;

/** Bins a group's spikes into a population rate. */
export function rateTrace(record: SpikeRecord, group: string, bin: number): RateTrace {
  const train = record.groups[group]!;
  const duration = record.steps * record.dt;
  const bins = Math.floor(duration / bin + 1e-9);
  const counts = new Float64Array(bins);
  for (let k = 0; k < train.steps.length; k++) {
    const b = Math.floor((train.steps[k]! * record.dt) / bin + 1e-9);
    if (b < bins) counts[b]! += 1;
  }
  const t = new Float64Array(bins).map((_, b) => b * bin);
  return { t, rate: counts.map((c) => c / train.size / (bin / 1000)) };
}

/** Runs a network whose drive is `mu$`, switching it to `mu1` so that it acts from `stepAt`. */
async function runStepped(net$: Observable<Frame>, mu$: BehaviorSubject<number>, o: TrialOptions): Promise<SpikeRecord> {
  const stepIndex = Math.round(o.stepAt / dt);
  const frames$ = build(net$).pipe(
    // The frame of step stepIndex - 1 sets the drive that step stepIndex uses.
    tap((f) => {
      if (f.step + f.steps === stepIndex) mu$.next(o.mu1);
    }),
    share(),
  );
  return lastValueFrom(frames$.pipe(recordSpikes()));
}

/** One trial of the balanced network. */
export async function balancedTrial(o: TrialOptions): Promise<RateTrace> {
  const mu$ = new BehaviorSubject(o.mu0);
  const net$ = tian2020(clock({ dt, duration: o.duration }), { neurons: o.neurons, seed: o.seed, muF: mu$ });
  return rateTrace(await runStepped(net$, mu$, o), 'E', o.bin);
}

/**
 * The constant current that makes an isolated LIF neuron of the seed (τ 15 ms, threshold 15,
 * reset 0, forward Euler at dt) fire at `rate` Hz, by bisection on the integrated model itself,
 * so that the control's baseline rate is exact for this integrator, not for the continuous one.
 */
export function driveForRate(rate: number, tau: number = params.tauE): number {
  const stepsToSpike = (I: number): number => {
    let v = 0;
    for (let n = 1; n < 10_000_000; n++) {
      v = v + (I - v) * (dt / tau);
      if (v >= params.vThreshold) return n;
    }
    return Infinity;
  };
  let lo: number = params.vThreshold;
  let hi: number = params.vThreshold * 10;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (1000 / (stepsToSpike(mid) * dt) < rate) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Initial potentials that put `size` neurons driven by `I` at evenly spaced phases of their
 * firing cycle, so that the population rate is flat from the start: neuron i starts where the
 * integrated model is `i/size` of a period after a reset.
 */
export function stationaryPotentials(size: number, I: number, tau: number = params.tauE): number[] {
  const trajectory: number[] = [params.vReset];
  for (let v: number = params.vReset; ; ) {
    v = v + (I - v) * (dt / tau);
    if (v >= params.vThreshold) break;
    trajectory.push(v);
  }
  return Array.from({ length: size }, (_, i) => trajectory[Math.floor((i * trajectory.length) / size)]!);
}

/**
 * One trial of the control: the E neurons alone, no synapse, driven to `baseline` Hz at evenly
 * spread phases, then stepped by the same increment of external current as the balanced
 * network's E neurons get.
 */
export async function unconnectedTrial(o: TrialOptions, baseline: number): Promise<RateTrace> {
  const numE = o.neurons - Math.floor(0.2 * o.neurons);
  const I0 = driveForRate(baseline);
  const perMu = params.fE * Math.sqrt(o.neurons);
  const mu$ = new BehaviorSubject(o.mu0);
  const net$ = clock({ dt, duration: o.duration }).pipe(
    network({ seed: o.seed }),
    lif('E', { size: numE, tau: params.tauE, threshold: params.vThreshold, reset: params.vReset, v0: perNeuron(stationaryPotentials(numE, I0)) }),
    input('E', mu$.pipe(map((m) => I0 + perMu * (m - o.mu0))), { initial: I0 }),
  );
  return rateTrace(await runStepped(net$, mu$, o), 'E', o.bin);
}

/** Mean of `rate` over bins starting in [from, to). */
export function meanRate(trace: RateTrace, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  trace.t.forEach((t, b) => {
    if (t >= from && t < to) {
      sum += trace.rate[b]!;
      n++;
    }
  });
  return sum / n;
}

/**
 * Latency to 63% of the change: the time from `stepAt` to the end of the first bin after it
 * whose rate has covered 63% of the way from the baseline (the `baseline` ms before the step) to
 * the new steady rate (from `settle` ms after the step to the end).
 *
 * @returns the latency, ms, with the two rates; NaN when the rate never gets there
 */
export function latency(trace: RateTrace, stepAt: number, bin: number, baseline = 100, settle = 100): { latencyMs: number; before: number; after: number } {
  const before = meanRate(trace, stepAt - baseline, stepAt);
  const after = meanRate(trace, stepAt + settle, Infinity);
  const level = before + 0.63 * (after - before);
  const up = after >= before;
  for (let b = 0; b < trace.t.length; b++) {
    if (trace.t[b]! < stepAt) continue;
    if (up ? trace.rate[b]! >= level : trace.rate[b]! <= level) return { latencyMs: trace.t[b]! + bin - stepAt, before, after };
  }
  return { latencyMs: NaN, before, after };
}

/**
 * Settling time: from `stepAt` to the start of the last window (of `window` ms, consecutive)
 * whose mean rate lies outside ±`tolerance` of the new steady rate; the rate stays within it
 * after. NaN when the last window before the end is still outside (it never settles).
 */
export function settling(trace: RateTrace, stepAt: number, window = 5, tolerance = 0.25, settle = 100): number {
  const after = meanRate(trace, stepAt + settle, Infinity);
  const end = trace.t[trace.t.length - 1]!;
  let last = stepAt;
  let outside = false;
  for (let t = stepAt; t + window <= end + 1e-9; t += window) {
    outside = Math.abs(meanRate(trace, t, t + window) - after) > tolerance * after;
    if (outside) last = t + window;
  }
  return outside ? NaN : last - stepAt;
}

/** The bin-by-bin mean of traces of equal length. */
export function meanTrace(traces: readonly RateTrace[]): RateTrace {
  const first = traces[0]!;
  const rate = new Float64Array(first.rate.length);
  for (const tr of traces) tr.rate.forEach((r, b) => (rate[b]! += r / traces.length));
  return { t: first.t, rate };
}

/**
 * The fair control: every E neuron alone, driven by a mean current of its own and white noise of
 * its own (a stream per neuron, seeded): τ dV/dt = μᵢ + I − V + σ·√(2τ)·ξ, so that its free
 * potential fluctuates with standard deviation σ around μᵢ + I. The μᵢ are chosen so that each
 * control neuron fires at the rate of one of the balanced network's E neurons (the whole spread
 * of rates, silent neurons included), and σ so that the mean ISI CV is the balanced network's
 * (see `tuneNoisy`).
 */
export interface NoisyControl {
  /** Each neuron's mean current. */
  readonly mu: Float64Array;
  readonly sigma: number;
}

/** A population's firing in [from, to): mean rate, spread of single-neuron rates, mean ISI CV. */
export interface FiringStats {
  readonly rate: number;
  readonly rateSd: number;
  /** Mean over neurons with at least three spikes of sd(ISI) / mean(ISI). */
  readonly cv: number;
  /** Each neuron's rate, Hz. */
  readonly rates: Float64Array;
}

/** The firing statistics of `group` in [from, to) ms. */
export function firingStats(record: SpikeRecord, group: string, from: number, to: number): FiringStats {
  const train = record.groups[group]!;
  const last = new Float64Array(train.size).fill(NaN);
  const n = new Float64Array(train.size);
  const sum = new Float64Array(train.size);
  const sum2 = new Float64Array(train.size);
  for (let k = 0; k < train.steps.length; k++) {
    const t = train.steps[k]! * record.dt;
    if (t < from || t >= to) continue;
    const i = train.indices[k]!;
    if (!Number.isNaN(last[i]!)) {
      const isi = t - last[i]!;
      n[i]! += 1;
      sum[i]! += isi;
      sum2[i]! += isi * isi;
    }
    last[i] = t;
  }
  const rates = windowRates(record, group, [[from, to]])[0]!;
  const rate = rates.reduce((a, b) => a + b, 0) / rates.length;
  const rateSd = Math.sqrt(rates.reduce((a, r) => a + (r - rate) ** 2, 0) / rates.length);
  let cvSum = 0;
  let cvCount = 0;
  for (let i = 0; i < train.size; i++) {
    if (n[i]! < 2) continue;
    const mean = sum[i]! / n[i]!;
    cvSum += Math.sqrt(Math.max(0, sum2[i]! / n[i]! - mean * mean)) / mean;
    cvCount++;
  }
  return { rate, rateSd, cv: cvCount > 0 ? cvSum / cvCount : NaN, rates };
}

/** Noisy LIF neurons on a clock: mean currents `mu` (one per neuron), noise `sigma`, and an extra current `extra$`. */
function noisyNetwork(mu: ArrayLike<number>, sigma: number, seed: number, duration: number, extra$?: Observable<number>): Observable<Frame> {
  const net$ = clock({ dt, duration }).pipe(
    network({ seed }),
    neuron('E', {
      size: mu.length,
      equations: 'dv/dt = (mu + I - v) / tau + sigma * sqrt(2 / tau) * xi',
      threshold: `v >= ${params.vThreshold}`,
      reset: `v = ${params.vReset}`,
      parameters: { tau: params.tauE, mu: perNeuron(Array.from(mu)), sigma },
      initial: { v: uniform(params.vReset, params.vThreshold) },
    }),
  );
  return extra$ === undefined ? net$ : net$.pipe(input('E', extra$));
}

/** The firing of noisy neurons over `duration` ms after a 100 ms transient. */
export async function noisyStats(mu: ArrayLike<number>, sigma: number, duration = 1000, seed = 1): Promise<FiringStats> {
  const record = await lastValueFrom(build(noisyNetwork(mu, sigma, seed, duration + 100)).pipe(recordSpikes()));
  return firingStats(record, 'E', 100, duration + 100);
}

/**
 * The rate of a noisy neuron as a function of its mean current, at noise `sigma`: 2,000 neurons
 * with currents evenly spread over [lo, hi], 3 s each, smoothed over 41 neighbours and made
 * non-decreasing.
 */
async function rateCurve(sigma: number, lo: number, hi: number): Promise<{ mu: Float64Array; rate: Float64Array }> {
  const n = 2000;
  const mu = new Float64Array(n).map((_, i) => lo + ((hi - lo) * i) / (n - 1));
  const raw = (await noisyStats(mu, sigma, 3000)).rates;
  const rate = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - 20); j <= Math.min(n - 1, i + 20); j++, c++) s += raw[j]!;
    rate[i] = Math.max(i > 0 ? rate[i - 1]! : 0, s / c);
  }
  return { mu, rate };
}

/** The mean current of each neuron that fires at `rates[i]` on the curve (the least current for 0 Hz). */
function currentsFor(rates: ArrayLike<number>, curve: { mu: Float64Array; rate: Float64Array }): Float64Array {
  const { mu, rate } = curve;
  return Float64Array.from(rates, (r) => {
    let k = 0;
    while (k < rate.length - 1 && rate[k + 1]! <= r) k++;
    if (k >= rate.length - 1) return mu[rate.length - 1]!;
    const span = rate[k + 1]! - rate[k]!;
    return span > 0 ? mu[k]! + ((mu[k + 1]! - mu[k]!) * (r - rate[k]!)) / span : mu[k]!;
  });
}

/**
 * The noisy control of a balanced network whose E neurons fired as `target` says: for each σ the
 * currents that give every neuron its rate, and σ by bisection on the mean ISI CV.
 */
export async function tuneNoisy(target: FiringStats): Promise<NoisyControl & { readonly stats: FiringStats }> {
  let lo = 0.2;
  let hi = 6;
  let best: NoisyControl = { mu: new Float64Array(target.rates.length), sigma: 1 };
  let stats: FiringStats | null = null;
  for (let k = 0; k < 6; k++) {
    const sigma = (lo + hi) / 2;
    const curve = await rateCurve(sigma, params.vThreshold - 5 * sigma - 2, params.vThreshold + 8);
    best = { mu: currentsFor(target.rates, curve), sigma };
    stats = await noisyStats(best.mu, sigma);
    if (stats.cv < target.cv) lo = sigma;
    else hi = sigma;
  }
  return { ...best, stats: stats! };
}

/** The extra current, common to all, that moves the noisy control's mean rate to `rate`, by bisection. */
export async function noisyDeltaForRate(control: NoisyControl, rate: number): Promise<number> {
  let lo = -3;
  let hi = 3;
  for (let k = 0; k < 12; k++) {
    const mid = (lo + hi) / 2;
    if ((await noisyStats(control.mu.map((m) => m + mid), control.sigma)).rate < rate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * One trial of the noisy control, stepped at `stepAt` by `delta` more current (tuned by the
 * caller so that the rate moves as the balanced network's does).
 */
export async function noisyTrial(o: TrialOptions, control: NoisyControl, delta: number): Promise<RateTrace> {
  const mu$ = new BehaviorSubject(o.mu0);
  const net$ = noisyNetwork(control.mu, control.sigma, o.seed, o.duration, mu$.pipe(map((m) => (m === o.mu0 ? 0 : delta))));
  return rateTrace(await runStepped(net$, mu$, o), 'E', o.bin);
}

/** A population's response at one frequency of its drive: gain (Hz per unit of mu_f) and phase (degrees, negative: a lag). */
export interface FrequencyPoint {
  readonly hz: number;
  readonly gain: number;
  readonly phaseDeg: number;
}

/**
 * The Fourier component at `hz` of a rate trace over [from, to) (a whole number of periods),
 * against a drive `amplitude · sin(2π·hz·t)` in units of mu_f.
 */
export function frequencyPoint(trace: RateTrace, hz: number, from: number, to: number, amplitude: number, bin: number): FrequencyPoint {
  let re = 0;
  let im = 0;
  let n = 0;
  trace.t.forEach((t, b) => {
    if (t < from || t + bin > to + 1e-9) return;
    const w = 2 * Math.PI * hz * ((t + bin / 2) / 1000);
    re += trace.rate[b]! * Math.cos(w);
    im -= trace.rate[b]! * Math.sin(w);
    n++;
  });
  // The rate's component as A·sin(ωt + φ) is (2/n)·Σ r·e^(−iωt) = A·e^(i(φ − π/2)).
  const amp = (2 / n) * Math.hypot(re, im);
  const phase = Math.atan2(im, re) + Math.PI / 2;
  const wrapped = Math.atan2(Math.sin(phase), Math.cos(phase));
  return { hz, gain: amp / amplitude, phaseDeg: (wrapped * 180) / Math.PI };
}

/**
 * The duration of a frequency-response run at `hz`: 200 ms to settle, then a whole number of
 * periods, at least two and at least 500 ms.
 */
export function sineWindow(hz: number): { from: number; to: number } {
  const period = 1000 / hz;
  const periods = Math.max(2, Math.ceil(500 / period));
  return { from: 200, to: 200 + periods * period };
}

/**
 * The balanced network's E rate while mu_f = mu0·(1 + depth·sin(2π·hz·t)) (set from each
 * frame for the next step), binned.
 */
export async function balancedSine(neurons: number, seed: number, mu0: number, depth: number, hz: number, bin: number): Promise<RateTrace> {
  const { to } = sineWindow(hz);
  const mu$ = new Subject<number>();
  const sine = (t: number): number => mu0 * (1 + depth * Math.sin((2 * Math.PI * hz * t) / 1000));
  const frames$ = build(tian2020(clock({ dt, duration: to }), { neurons, seed, muF: mu$ })).pipe(
    tap((f) => mu$.next(sine((f.step + f.steps) * dt))),
    share(),
  );
  return rateTrace(await lastValueFrom(frames$.pipe(recordSpikes(['E']))), 'E', bin);
}

/**
 * The noisy control's E rate under the same drive: its extra current `perMu` (the current per
 * unit of mu_f that its step took) times mu_f − mu0.
 */
export async function noisySine(control: NoisyControl, seed: number, mu0: number, depth: number, hz: number, perMu: number, bin: number): Promise<RateTrace> {
  const { to } = sineWindow(hz);
  const extra$ = new Subject<number>();
  const frames$ = build(noisyNetwork(control.mu, control.sigma, seed, to, extra$)).pipe(
    tap((f) => extra$.next(perMu * mu0 * depth * Math.sin((2 * Math.PI * hz * (f.step + f.steps) * dt) / 1000))),
    share(),
  );
  return rateTrace(await lastValueFrom(frames$.pipe(recordSpikes())), 'E', bin);
}
