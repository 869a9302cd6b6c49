/**
 * The fast response of the balanced network (Tian et al. 2020): step the external drive and
 * time how fast the population rate follows, against the same neurons without recurrent
 * connections, driven to the same baseline rate and stepped by the same input.
 *
 * A trial is one run: the drive mu_f holds `mu0` until `stepAt` ms, then `mu1`. The step
 * reaches the kernel at exactly step `stepAt / dt`: the drive is a stream input, set from the
 * frame of the step before (closed loop, one step of latency by design).
 */
import { BehaviorSubject, lastValueFrom, map, share, tap, type Observable } from 'rxjs';
import { build, clock, input, lif, network, perNeuron, recordSpikes, type Frame, type SpikeRecord } from '../../src/index.js';
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
