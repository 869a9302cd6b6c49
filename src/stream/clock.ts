/**
 * The clock: the observable of steps that drives a simulation.
 *
 * Time is an integer step count; step k is at `k * dt` ms. In virtual time (the default) the
 * clock emits as fast as its subscribers consume, in blocks of `block` steps, yielding to the
 * scheduler every few milliseconds so that timers, I/O and unsubscription still get their turn.
 * In real time (`realtime: true`) it emits, every `interval` ms of the scheduler's time, every
 * step that has come due at `speed` times the wall clock; when the work of a tick takes longer
 * than the time it covers, the next tick carries the steps that fell behind (none is ever
 * dropped). Each tick's `lagMs` says how late its first step is issued: under one `interval`
 * while the simulation keeps up, growing while it does not.
 *
 * @example
 * ```ts
 * import { clock } from 'spikestream';
 * const virtual = clock({ dt: 0.1, duration: 1000 });            // 10,000 steps, fast as possible
 * const live = clock({ dt: 0.1, realtime: true, speed: 0.5 });    // half real time, unbounded
 * const controls = new Subject<ClockControl>();
 * const pausable = clock({ dt: 0.1, realtime: true, control: controls });
 * controls.next({ paused: true });                                 // ... and { paused: false }, { speed: 2 }
 * ```
 * @module
 */
import { Observable, asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { Tick } from './frame.js';
import { MAX_STEPS, stepsIssue } from '../model/maxSteps.js';

/** Options of {@link clock}. */
export interface ClockOptions {
  /** Time step, ms (> 0). */
  readonly dt: number;
  /** Length of the run, ms; a whole number of steps. Default: unbounded. */
  readonly duration?: number;
  /** Pace the steps to the scheduler's clock. Default false (virtual time). */
  readonly realtime?: boolean;
  /** With `realtime`: simulated ms per wall-clock ms. Default 1. */
  readonly speed?: number;
  /** With `realtime`: ms between ticks. Default `max(10, dt / speed)`. */
  readonly interval?: number;
  /** Most steps per tick. Default 100. */
  readonly block?: number;
  /**
   * With `realtime`: pause, resume and change speed while running. Each value takes effect at
   * once; the schedule restarts from the steps already issued, so a pause or a new speed never
   * makes steps come due in a burst.
   */
  readonly control?: Observable<ClockControl>;
  /**
   * In virtual time: how many steps the clock may issue so far. It issues steps while their count
   * is below the latest value and waits, yielding to the scheduler, for a larger one when it gets
   * there (none yet: it waits from the start). A lockstep closed loop with another program grants
   * k steps, reads their result, answers, and grants k more: the answer acts at the same step
   * however long the other program takes, so a session is exactly repeatable.
   */
  readonly gate?: Observable<number>;
}

/** A change of a real-time clock's pace (see {@link ClockOptions.control}). */
export interface ClockControl {
  /** Stop issuing steps (true) or go on (false). */
  readonly paused?: boolean;
  /** Simulated ms per wall-clock ms from now on (> 0). */
  readonly speed?: number;
}

/** How long a virtual-time clock runs before it yields to the scheduler, ms. */
const SLICE_MS = 100;

/** A clock observable that also tells its time step and length, which the kernel needs up front. */
export class Clock extends Observable<Tick> {
  /** Time step, ms. */
  readonly dt: number;
  /** Steps in the run (`Infinity` when unbounded). */
  readonly totalSteps: number;
  /** Whether ticks are paced to the scheduler's clock. */
  readonly realtime: boolean;
  /** Simulated ms per wall-clock ms (real time). */
  readonly speed: number;
  /** Most steps per tick. */
  readonly block: number;

  /**
   * @param options - see {@link ClockOptions}
   * @param scheduler - where ticks are scheduled; a `TestScheduler` makes real time virtual
   */
  constructor(options: ClockOptions, scheduler: SchedulerLike = asyncScheduler) {
    const { dt, duration = Infinity, realtime = false, speed = 1, block = 100 } = options;
    if (!(Number.isFinite(dt) && dt > 0)) throw new RangeError(`clock: dt must be a finite number > 0 (ms), got ${dt}`);
    if (!(duration >= 0)) throw new RangeError(`clock: duration must be a number >= 0 (ms), got ${duration}`);
    if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`clock: speed must be a finite number > 0, got ${speed}`);
    if (!(Number.isInteger(block) && block > 0)) throw new RangeError(`clock: block must be a whole number > 0, got ${block}`);
    const exact = duration / dt;
    const tooMany = Number.isFinite(duration) ? stepsIssue('duration', duration, dt) : null;
    if (tooMany !== null) throw new RangeError(`clock: ${tooMany.message}`);
    const totalSteps = Number.isFinite(duration) ? Math.round(exact) : Infinity;
    if (Number.isFinite(duration) && Math.abs(exact - totalSteps) > 1e-9 * Math.max(1, exact)) {
      throw new RangeError(`clock: duration ${duration} ms is not a whole number of steps of dt = ${dt} ms`);
    }
    const interval = options.interval ?? Math.max(10, dt / speed);
    if (!(Number.isFinite(interval) && interval > 0)) throw new RangeError(`clock: interval must be a finite number > 0 (ms), got ${interval}`);

    // An unbounded run ends, with an error, where step counts would wrap (see MAX_STEPS).
    const end = Math.min(totalSteps, MAX_STEPS);
    super((subscriber) => {
      let step = 0;
      const finish = (): void => {
        if (step < totalSteps) subscriber.error(new RangeError(`clock: the run reached ${MAX_STEPS} steps (${MAX_STEPS * dt} ms), the most a run can count`));
        else subscriber.complete();
      };
      if (totalSteps === 0) {
        subscriber.complete();
        return;
      }
      if (!realtime) {
        // Steps may be issued while below `limit` (see ClockOptions.gate); `waiting` when stopped there.
        let limit = options.gate === undefined ? Infinity : 0;
        let waiting = false;
        let action: Subscription | null = null;
        const slice = function (this: SchedulerAction<undefined>): void {
          const start = scheduler.now();
          while (step < end && step < limit && !subscriber.closed) {
            const steps = Math.min(block, end - step, limit - step);
            subscriber.next({ step, steps, lagMs: 0 });
            step += steps;
            if (scheduler.now() - start >= SLICE_MS) break;
          }
          if (step >= end) finish();
          else if (subscriber.closed) return;
          else if (step < limit) this.schedule(undefined, 0);
          else waiting = true;
        };
        const gate = options.gate?.subscribe({
          next: (n) => {
            if (!(n >= 0)) {
              subscriber.error(new RangeError(`clock: gate values must be step counts >= 0, got ${n}`));
              return;
            }
            limit = Math.max(limit, Math.floor(n));
            if (waiting && step < limit) {
              waiting = false;
              action = scheduler.schedule(slice);
            }
          },
          error: (e: unknown) => subscriber.error(e),
        });
        action = scheduler.schedule(slice);
        return () => {
          action?.unsubscribe();
          gate?.unsubscribe();
        };
      }
      // The schedule: step `base + n` is due `n + 1` steps of `msPerStep` after `since`.
      let since = scheduler.now();
      let base = 0;
      let msPerStep = dt / speed;
      let paused = false;
      const control = options.control?.subscribe({
        next: (c) => {
          if (c.speed !== undefined && !(Number.isFinite(c.speed) && c.speed > 0)) {
            subscriber.error(new RangeError(`clock: control speed must be a finite number > 0, got ${c.speed}`));
            return;
          }
          since = scheduler.now();
          base = step;
          if (c.speed !== undefined) msPerStep = dt / c.speed;
          if (c.paused !== undefined) paused = c.paused;
        },
        error: (e: unknown) => subscriber.error(e),
      });
      const ticking = scheduler.schedule(function (this: SchedulerAction<undefined>) {
        // Steps due by now; the epsilon keeps 0.3 / 0.1 from flooring to 2.
        const due = paused ? step : Math.min(end, base + Math.floor((scheduler.now() - since) / msPerStep + 1e-9));
        while (step < due && !subscriber.closed) {
          const steps = Math.min(block, due - step);
          // Step k is due once the wall clock reaches the end of its interval, (k + 1) dt.
          const lagMs = Math.max(0, scheduler.now() - (since + (step - base + 1) * msPerStep));
          subscriber.next({ step, steps, lagMs });
          step += steps;
        }
        if (step >= end) finish();
        else if (!subscriber.closed) this.schedule(undefined, interval);
      }, interval);
      return () => {
        ticking.unsubscribe();
        control?.unsubscribe();
      };
    });
    this.dt = dt;
    this.totalSteps = totalSteps;
    this.realtime = realtime;
    this.speed = speed;
    this.block = block;
  }
}

/**
 * Creates a clock.
 *
 * @param options - time step, duration, and real-time pacing
 * @param scheduler - the scheduler ticks run on (default `asyncScheduler`)
 * @returns a cold observable of ticks; each subscription starts at step 0
 */
export function clock(options: ClockOptions, scheduler: SchedulerLike = asyncScheduler): Clock {
  return new Clock(options, scheduler);
}
