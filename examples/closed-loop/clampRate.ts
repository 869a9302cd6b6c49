/**
 * Closed loop in a dozen lines of RxJS: a controller subscribes to the E population rate of the
 * running seed network and sets its drive mu_f, to hold the rate at a target that may change.
 *
 * The controller is integral: every `window` ms, mu_f += gain · (target − rate). The balanced
 * network's rate is nearly proportional to its drive (about 60 Hz per unit of mu_f at N =
 * 10,000) and follows it within milliseconds (docs/tian2020.md), so a gain of 0.005 closes
 * 30% of the gap per window.
 */
import { BehaviorSubject, map, share, tap, type Observable } from 'rxjs';
import { build, clock, populationRate } from '../../src/index.js';
import { tian2020 } from '../tian2020/network.js';

/** Options of {@link clampRate}. */
export interface ClampOptions {
  readonly neurons?: number;
  readonly seed?: number;
  /** ms. */
  readonly duration: number;
  /** Target E rate at time t (ms), Hz. */
  readonly target: (t: number) => number;
  /** Controller window, ms (default 10). */
  readonly window?: number;
  /** Change of mu_f per Hz of error per window (default 0.005). */
  readonly gain?: number;
  /** Pace the run to the wall clock. */
  readonly realtime?: boolean;
}

/** One controller step: the window's rate, the target, and the drive set for the next window. */
export interface ClampSample {
  readonly t: number;
  readonly rate: number;
  readonly target: number;
  readonly muF: number;
}

/**
 * The controller's law: the drive mu_f for the next window, moved by `gain` per Hz of error and
 * kept in [0, 1]. The same law runs in process (`clampRate`) and in another process over the
 * wire (remoteController.ts).
 */
export function nextDrive(mu: number, rate: number, target: number, gain: number): number {
  return Math.min(1, Math.max(0, mu + gain * (target - rate)));
}

/** Runs the seed network with its E rate clamped to `target`; each window emits a sample. */
export function clampRate(o: ClampOptions): Observable<ClampSample> {
  const mu$ = new BehaviorSubject(0.1);
  const net$ = tian2020(clock({ dt: 0.1, duration: o.duration, realtime: o.realtime ?? false }), { neurons: o.neurons, seed: o.seed, muF: mu$ });
  const window = o.window ?? 10;
  const gain = o.gain ?? 0.005;
  return build(net$).pipe(
    populationRate('E', { window }),
    map(({ t, rate }) => ({ t, rate, target: o.target(t + window) })),
    // The new drive acts from the step after this window: one step of latency, exactly.
    tap(({ rate, target }) => mu$.next(nextDrive(mu$.value, rate, target, gain))),
    map((s) => ({ ...s, muF: mu$.value })),
    share(),
  );
}
