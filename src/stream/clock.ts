/**
 * The clock: the observable of steps that drives a simulation.
 *
 * Time is an integer step count; step k is at `k * dt` ms. In virtual time (the default) the
 * clock emits as fast as its subscribers consume, in blocks of `block` steps, yielding to the
 * scheduler every few milliseconds so that timers, I/O and unsubscription still get their turn.
 * In real time (`realtime: true`) it issues each step when it comes due at `speed` times the
 * wall clock: with precise pacing (the default in Node and in workers) it sleeps to the due
 * time, with timer pacing it wakes every `interval` ms and issues every step that has come due.
 * When the work of a tick takes longer than the time it covers, the next tick carries the steps
 * that fell behind (none is ever dropped). Each tick's `lagMs` says how late its first step is
 * issued: a fraction of a millisecond with precise pacing, under one `interval` with timer
 * pacing, while the simulation keeps up; growing while it does not.
 *
 * @example
 * ```ts
 * import { clock } from 'spikestream';
 * const virtual = clock({ dt: 0.1, duration: 1000 });            // 10,000 steps, fast as possible
 * const live = clock({ dt: 0.1, realtime: true, speed: 0.5 });    // half real time, unbounded
 * const coarse = clock({ dt: 0.1, realtime: true, pacing: 'timer', interval: 1 }); // woken by a 1 ms timer
 * const controls = new Subject<ClockControl>();
 * const pausable = clock({ dt: 0.1, realtime: true, control: controls });
 * controls.next({ paused: true });                                 // ... and { paused: false }, { speed: 2 }
 * ```
 * @module
 */
import { Observable, asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { canPacePrecisely, precisePacer, timerPacer, type Pacing } from './pacer.js';
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
  /**
   * With `realtime`: how the clock waits for due steps. `'precise'` (the default where the thread
   * may sleep with `Atomics.wait`: Node, and Web Workers of cross-origin isolated pages) sleeps
   * to each step's due time and issues it then, within a fraction of a millisecond; between
   * sleeps the event loop gets its turn at least every quarter millisecond, waits longer than a
   * few ms go to a timer, and wakes are at least 0.05 ms apart (see `src/stream/pacer.ts`).
   * `'timer'` (the default elsewhere, with an `interval`, or on another scheduler) wakes every
   * `interval` ms and issues whatever has come due, up to one interval late.
   * `npm run bench:pacing` measures both.
   */
  readonly pacing?: Pacing;
  /** With `realtime` and timer pacing: ms between ticks. Default `max(10, dt / speed)`. Giving it chooses timer pacing. */
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
  /** How real-time ticks are paced (see {@link ClockOptions.pacing}). */
  readonly pacing: Pacing;
  private readonly options: ClockOptions;
  private readonly scheduler: SchedulerLike;

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
    const pacing: Pacing = options.pacing ?? (options.interval === undefined && scheduler === asyncScheduler && canPacePrecisely() ? 'precise' : 'timer');
    if (pacing !== 'precise' && pacing !== 'timer') throw new RangeError(`clock: pacing must be 'precise' or 'timer', got ${String(pacing)}`);
    if (realtime && pacing === 'precise') {
      if (scheduler !== asyncScheduler) throw new RangeError("clock: pacing 'precise' keeps the wall clock and cannot run on another scheduler; use pacing 'timer'");
      if (!canPacePrecisely()) precisePacer(); // throws, saying why
    }

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
      const pacer = pacing === 'precise' ? precisePacer() : timerPacer(scheduler, interval);
      let since = pacer.now();
      let base = 0;
      let msPerStep = dt / speed;
      let paused = false;
      const dueAt = (k: number): number => since + (k - base + 1) * msPerStep;
      /** The steps due by now; the epsilon keeps 0.3 / 0.1 from flooring to 2. */
      const dueBy = (now: number): number => (paused ? step : Math.min(end, base + Math.floor((now - since) / msPerStep + 1e-9)));
      const turn = (): void => {
        // What was due as the turn began, and no more, so that a run slower than the wall clock
        // still yields to the event loop; counted again after each tick, so that a pause or a new
        // speed set by a subscriber of the tick takes effect at once.
        const limit = dueBy(pacer.now());
        for (;;) {
          const now = pacer.now();
          const due = Math.min(limit, dueBy(now));
          if (step >= due || subscriber.closed) break;
          const steps = Math.min(block, due - step);
          // Step k is due once the wall clock reaches the end of its interval, (k + 1) dt.
          subscriber.next({ step, steps, lagMs: Math.max(0, now - dueAt(step)) });
          step += steps;
        }
        if (step >= end) finish();
        else if (!subscriber.closed && !(paused && pacing === 'precise')) pacer.wake(dueAt(step), turn);
      };
      const control = options.control?.subscribe({
        next: (c) => {
          if (c.speed !== undefined && !(Number.isFinite(c.speed) && c.speed > 0)) {
            subscriber.error(new RangeError(`clock: control speed must be a finite number > 0, got ${c.speed}`));
            return;
          }
          since = pacer.now();
          base = step;
          if (c.speed !== undefined) msPerStep = dt / c.speed;
          if (c.paused !== undefined) paused = c.paused;
          // The precise pacer sleeps to the next due time: a new schedule needs a new wake.
          if (pacing === 'precise' && !subscriber.closed) {
            if (paused) pacer.cancel();
            else pacer.wake(dueAt(step), turn);
          }
        },
        error: (e: unknown) => subscriber.error(e),
      });
      if (!subscriber.closed) pacer.wake(dueAt(step), turn);
      return () => {
        pacer.cancel();
        control?.unsubscribe();
      };
    });
    this.dt = dt;
    this.options = options;
    this.scheduler = scheduler;
    this.pacing = pacing;
    this.totalSteps = totalSteps;
    this.realtime = realtime;
    this.speed = speed;
    this.block = block;
  }

  /**
   * The same clock issuing at most `block` steps per tick. A consumer that runs fewer steps at a
   * time than the clock's block (a closed loop runs one) subscribes to this one, so that in real
   * time each of its ticks carries its own first step's lag, also while catching up.
   *
   * @param block - most steps per tick (a whole number > 0)
   * @returns this clock when its block is already `block`, else a new clock
   * @example
   * ```ts
   * const stepByStep = clock({ dt: 0.1, realtime: true }).withBlock(1);
   * ```
   */
  withBlock(block: number): Clock {
    return block === this.block ? this : new Clock({ ...this.options, block }, this.scheduler);
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
