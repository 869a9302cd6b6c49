/**
 * The locally connected balanced network of Tian et al. 2020's second half, against the
 * homogeneous one: a spot of extra drive flashed onto part of the E sheet at `stepAt`. Does the
 * network's response keep the spot's position, and is it as fast?
 *
 * Both networks have the seed's neurons, weights, drive and mean number of inputs per neuron;
 * the local one places E and I on grids over the unit torus and connects pairs with probability
 * p0·exp(−d²/2σ²) (`tian2020`'s `sigma`). The homogeneous one's neurons are given the same grid
 * coordinates for the analysis only: its connections ignore them. The spot reaches the kernel
 * at exactly step `stepAt / dt` (a stream input set from the frame of the step before).
 */
import { lastValueFrom, share, Subject, tap } from 'rxjs';
import { build, clock, gridPositions, recordSpikes, sheetOf, windowRates, type InputValue, type Sheet, type SpikeRecord } from '../../src/index.js';
import { tian2020 } from '../tian2020/network.js';
import { dt, latency, meanRate, rateTrace, type RateTrace } from '../tian2020-fast-response/fastResponse.js';

/** What a trial runs. */
export interface SpotOptions {
  readonly neurons: number;
  readonly seed: number;
  /** The local network's σ (sheet units), or undefined for the homogeneous network. */
  readonly sigma: number | undefined;
  /** When the spot appears, and the end of the run, ms. */
  readonly stepAt: number;
  readonly duration: number;
  /** Centre and radius of the spot on the unit torus, and the extra current inside it. */
  readonly center: readonly [number, number];
  readonly radius: number;
  readonly amplitude: number;
}

/** A trial: the E spikes, the E neurons' grid positions, and which of them the spot covers. */
export interface SpotTrial {
  readonly record: SpikeRecord;
  readonly sheet: Sheet;
  readonly inside: Uint8Array;
}

/** The distance on the unit torus. */
export function torusDistance(ax: number, ay: number, bx: number, by: number): number {
  const dx = ax - bx - Math.round(ax - bx);
  const dy = ay - by - Math.round(ay - by);
  return Math.hypot(dx, dy);
}

/** Runs one trial. */
export async function spotTrial(o: SpotOptions): Promise<SpotTrial> {
  const numE = o.neurons - Math.floor(0.2 * o.neurons);
  const sheet = sheetOf({ kind: 'poisson', name: 'E', size: numE, rate: 0, positions: gridPositions(1, 1) } as never, o.seed)!;
  const inside = Uint8Array.from(sheet.x, (x, i) => (torusDistance(x, sheet.y[i]!, o.center[0], o.center[1]) < o.radius ? 1 : 0));
  const spot = Float64Array.from(inside, (v) => v * o.amplitude);
  const stimulus = new Subject<InputValue>();
  const net$ = tian2020(clock({ dt, duration: o.duration }), { neurons: o.neurons, seed: o.seed, stimulus, ...(o.sigma === undefined ? {} : { sigma: o.sigma }) });
  const stepIndex = Math.round(o.stepAt / dt);
  const frames$ = build(net$).pipe(
    tap((f) => {
      if (f.step + f.steps === stepIndex) stimulus.next(spot);
    }),
    share(),
  );
  return { record: await lastValueFrom(frames$.pipe(recordSpikes(['E']))), sheet, inside };
}

/** The population rate of the E neurons where `mask` is `want`, in bins of `bin` ms. */
export function maskedTrace(trial: SpotTrial, want: 0 | 1, bin: number): RateTrace {
  const { record, inside } = trial;
  const train = record.groups.E!;
  // The masked neurons' spikes as a group of their own, binned as any group's.
  const kept = Array.from(train.indices.keys()).filter((k) => inside[train.indices[k]!] === want);
  const size = inside.reduce((a, v) => a + (v === want ? 1 : 0), 0);
  const E = { group: 'E', size, steps: Float64Array.from(kept, (k) => train.steps[k]!), indices: Int32Array.from(kept, (k) => train.indices[k]!) };
  return rateTrace({ ...record, groups: { E } }, 'E', bin);
}

/**
 * Where the response is: the centre of the rise of each neuron's rate in [from, to) over its
 * rate in the 100 ms before the spot (rises only), as a circular mean on the torus.
 */
export function responseCentre(trial: SpotTrial, stepAt: number, from: number, to: number): [number, number] {
  const { record, sheet } = trial;
  const [before, during] = windowRates(record, 'E', [[stepAt - 100, stepAt], [from, to]]) as [Float64Array, Float64Array];
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < before.length; i++) {
    const w = Math.max(0, during[i]! - before[i]!);
    sum[0]! += w * Math.cos(2 * Math.PI * sheet.x[i]!);
    sum[1]! += w * Math.sin(2 * Math.PI * sheet.x[i]!);
    sum[2]! += w * Math.cos(2 * Math.PI * sheet.y[i]!);
    sum[3]! += w * Math.sin(2 * Math.PI * sheet.y[i]!);
  }
  const angle = (c: number, s: number): number => ((Math.atan2(s, c) / (2 * Math.PI)) % 1 + 1) % 1;
  return [angle(sum[0]!, sum[1]!), angle(sum[2]!, sum[3]!)];
}

/** What a trial shows. */
export interface SpotSummary {
  /** E rate inside and outside the spot before it and from 20 ms after it on, Hz. */
  readonly inside: { readonly before: number; readonly after: number };
  readonly outside: { readonly before: number; readonly after: number };
  /** Latency of the inside rate to 63% of its change, ms (0.5 ms bins). */
  readonly latencyMs: number;
  /** Distance from the response's centre (first 5 ms, and 20 ms on) to the spot's, sheet units. */
  readonly centreErrorEarly: number;
  readonly centreErrorLate: number;
}

/** Summarizes a trial. */
export function summarize(trial: SpotTrial, o: SpotOptions): SpotSummary {
  const bin = 0.5;
  const [inT, outT] = [maskedTrace(trial, 1, bin), maskedTrace(trial, 0, bin)];
  const rates = (tr: RateTrace) => ({ before: meanRate(tr, o.stepAt - 100, o.stepAt), after: meanRate(tr, o.stepAt + 20, Infinity) });
  const early = responseCentre(trial, o.stepAt, o.stepAt, o.stepAt + 5);
  const late = responseCentre(trial, o.stepAt, o.stepAt + 20, o.duration);
  return {
    inside: rates(inT),
    outside: rates(outT),
    latencyMs: latency(inT, o.stepAt, bin, 100, 20).latencyMs,
    centreErrorEarly: torusDistance(early[0], early[1], o.center[0], o.center[1]),
    centreErrorLate: torusDistance(late[0], late[1], o.center[0], o.center[1]),
  };
}
