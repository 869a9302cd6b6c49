/**
 * How a real-time clock waits for its next step: the pacers behind `ClockOptions.pacing`.
 *
 * A timer cannot pace steps of a tenth of a millisecond: Node's and the browser's timers fire
 * a millisecond or more late, so a clock woken by them issues each step up to one interval late.
 * The precise pacer sleeps the thread with `Atomics.wait` to the step's due time instead, which
 * wakes within tens of microseconds, and gives the event loop a turn (I/O, timers, other
 * subscriptions) between wakes, never blocking it longer than {@link SLEEP_SLICE_MS} at a time.
 * Waits longer than {@link COARSE_MS} go to a timer first, so a paused or slow clock costs no CPU.
 *
 * Invariants: a pacer calls `turn` at most once per `wake`; `cancel` stops a pending wake; no
 * wake comes earlier than `MIN_TURN_MS` after the last, so a wake costs the thread at most one
 * event-loop turn per {@link MIN_TURN_MS} of wall-clock time however small the step.
 * @module
 */
import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { waitCell } from '../kernel/index.js';

/** Longest single sleep, ms: the event loop gets a turn at least this often while the clock waits. */
export const SLEEP_SLICE_MS = 0.25;
/** Waits longer than this go to a timer, ending this long before the due time, ms. */
export const COARSE_MS = 3;
/** Least wall-clock time between two wakes, ms: bounds the cost of waking at tiny steps. */
export const MIN_TURN_MS = 0.05;

/** Wakes a real-time clock for its next turn. */
export interface Pacer {
  /** The wall clock the pacer keeps, ms. */
  readonly now: () => number;
  /** Calls `turn` once, at (or, with a timer, near) wall-clock time `at`. Replaces a pending wake. */
  wake(at: number, turn: () => void): void;
  /** Drops a pending wake. */
  cancel(): void;
}

/**
 * The pacing a real-time clock uses; see `ClockOptions.pacing`.
 *
 * @example
 * ```ts
 * import { clock, type Pacing } from 'spikestream';
 * const pacing: Pacing = 'timer';
 * const live = clock({ dt: 0.1, realtime: true, pacing, interval: 1 });
 * ```
 */
export type Pacing = 'precise' | 'timer';

/** A cell to sleep on with `Atomics.wait`, or null where the thread may not. */
const sleepCell: Int32Array | null = waitCell();

/**
 * Whether this thread can pace precisely: it may sleep with `Atomics.wait` (Node's threads and
 * Web Workers of a cross-origin isolated page; not a browser's main thread).
 *
 * @example
 * ```ts
 * import { canPacePrecisely } from 'spikestream';
 * console.log(canPacePrecisely() ? 'steps within a millisecond' : 'timer pacing');
 * ```
 */
export function canPacePrecisely(): boolean {
  return sleepCell !== null;
}

/** Runs `fn` after the event loop's pending I/O: `setImmediate` in Node, a message elsewhere. */
const nextTurn: (fn: () => void) => () => void = (() => {
  if (typeof setImmediate === 'function') {
    return (fn) => {
      const handle = setImmediate(fn);
      return () => clearImmediate(handle);
    };
  }
  const channel = new MessageChannel();
  let pending: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const fn = pending;
    pending = null;
    fn?.();
  };
  return (fn) => {
    pending = fn;
    channel.port2.postMessage(null);
    return () => {
      if (pending === fn) pending = null;
    };
  };
})();

/**
 * The precise pacer: timers for long waits, then short `Atomics.wait` sleeps between event-loop
 * turns to the due time.
 *
 * @throws RangeError where this thread may not sleep (see {@link canPacePrecisely})
 */
export function precisePacer(): Pacer {
  const cell = sleepCell;
  if (cell === null) throw new RangeError("clock: pacing 'precise' needs Atomics.wait, which this thread does not allow (a browser's main thread, or no SharedArrayBuffer); use pacing 'timer'");
  const now = (): number => performance.now();
  // One pending wake at a time, in these variables: no closure per wake, so a clock stepping ten
  // thousand times a second makes little garbage (a collection pauses the thread).
  let due = 0;
  let pending: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelTurn: (() => void) | null = null;
  let lastTurn = -Infinity;
  const cancel = (): void => {
    pending = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    cancelTurn?.();
    cancelTurn = null;
  };
  const approach = (): void => {
    timer = null;
    cancelTurn = null;
    if (pending === null) return;
    let left = due - now();
    if (left > COARSE_MS) {
      timer = setTimeout(approach, left - COARSE_MS);
      return;
    }
    if (left > 0) {
      // Sleep a slice, then let the event loop turn before the next.
      Atomics.wait(cell, 0, 0, Math.min(left, SLEEP_SLICE_MS));
      left = due - now();
    }
    if (left > 0) {
      cancelTurn = nextTurn(approach);
      return;
    }
    const turn = pending;
    pending = null;
    lastTurn = now();
    turn();
  };
  const wake = (at: number, turn: () => void): void => {
    cancel();
    due = Math.max(at, lastTurn + MIN_TURN_MS);
    pending = turn;
    cancelTurn = nextTurn(approach);
  };
  return { now, wake, cancel };
}

/**
 * The timer pacer: a turn every `interval` ms of the scheduler's time, whatever is due.
 * Works on any scheduler (a `TestScheduler` makes it virtual) and any thread.
 */
export function timerPacer(scheduler: SchedulerLike, interval: number): Pacer {
  let pending: Subscription | null = null;
  return {
    now: () => scheduler.now(),
    wake: (_at, turn) => {
      pending?.unsubscribe();
      pending = scheduler.schedule(function (this: SchedulerAction<undefined>) {
        pending = null;
        turn();
      }, interval);
    },
    cancel: () => {
      pending?.unsubscribe();
      pending = null;
    },
  };
}
