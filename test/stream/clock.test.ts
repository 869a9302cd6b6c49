import { TestScheduler } from 'rxjs/testing';
import { take, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { clock } from '../../src/index.js';

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('clock', () => {
  it('in virtual time, emits the run in blocks at once and completes', () => {
    scheduler().run(({ expectObservable }) => {
      const c = clock({ dt: 0.1, duration: 2.5, block: 10 });
      expectObservable(c).toBe('(abc|)', {
        a: { step: 0, steps: 10, lagMs: 0 },
        b: { step: 10, steps: 10, lagMs: 0 },
        c: { step: 20, steps: 5, lagMs: 0 },
      });
    });
  });

  it('in real time, emits the steps due at each interval at the given speed', () => {
    const ts = scheduler();
    ts.run(({ expectObservable }) => {
      // dt 1 ms at half speed: one step per 2 ms of wall time; ticks every 4 ms.
      const c = clock({ dt: 1, duration: 6, realtime: true, speed: 0.5, interval: 4 }, ts);
      expectObservable(c).toBe('4ms a 3ms b 3ms (c|)', {
        // Each tick's first step came due 2 ms before the tick (one step of wall time).
        a: { step: 0, steps: 2, lagMs: 2 },
        b: { step: 2, steps: 2, lagMs: 2 },
        c: { step: 4, steps: 2, lagMs: 2 },
      });
    });
  });

  it('pauses, resumes and changes speed through its control observable, without a burst', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      // dt 1 ms, speed 1, a tick every 2 ms. Paused at 5 ms, resumed at 11 ms, speed 2 from 15 ms.
      const control = cold('5ms a 5ms b 3ms c', { a: { paused: true }, b: { paused: false }, c: { speed: 2 } });
      const c = clock({ dt: 1, duration: 14, realtime: true, interval: 2, control }, ts);
      expectObservable(c).toBe('2ms a 1ms b 7ms c 1ms d 1ms e 1ms f 1ms (g|)', {
        // Step k is due at (k + 1) ms: each tick's first step came due 1 ms before it.
        a: { step: 0, steps: 2, lagMs: 1 },
        b: { step: 2, steps: 2, lagMs: 1 },
        // Nothing while paused (ticks at 6, 8, 10); from 11 ms the schedule restarts at step 4.
        c: { step: 4, steps: 1, lagMs: 0 },
        d: { step: 5, steps: 2, lagMs: 1 },
        // From 15 ms, two steps per ms (step 7 + n due at 15 + (n + 1) / 2 ms).
        e: { step: 7, steps: 2, lagMs: 0.5 },
        f: { step: 9, steps: 4, lagMs: 1.5 },
        g: { step: 13, steps: 1, lagMs: 1.5 },
      });
    });
  });

  it('stops with an error on a control speed that is not positive', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const c = clock({ dt: 1, realtime: true, interval: 1, control: cold('3ms a', { a: { speed: 0 } }) });
      // The control's value at 3 ms comes before that tick: two ticks, then the error.
      expectObservable(c).toBe('1ms a b #', { a: { step: 0, steps: 1, lagMs: 0 }, b: { step: 1, steps: 1, lagMs: 0 } }, new RangeError('clock: control speed must be a finite number > 0, got 0'));
    });
  });

  it('refuses a duration that is not a whole number of steps, naming both', () => {
    expect(() => clock({ dt: 0.1, duration: 1.05 })).toThrow('clock: duration 1.05 ms is not a whole number of steps of dt = 0.1 ms');
    expect(() => clock({ dt: 0 })).toThrow('clock: dt must be a finite number > 0 (ms), got 0');
  });

  it('stops scheduling when unsubscribed: nothing is left on the scheduler', () => {
    const ts = scheduler();
    ts.run(() => {
      const c = clock({ dt: 1, realtime: true, interval: 1 }, ts);
      const sub = c.subscribe();
      ts.schedule(() => sub.unsubscribe(), 5);
    });
    expect(ts.actions.length).toBe(0);
  });

  it('reports the lag when the subscriber is slower than real time, and runs every step', async () => {
    const seen: { step: number; steps: number; lagMs: number }[] = [];
    await new Promise<void>((resolve, reject) => {
      clock({ dt: 1, duration: 60, realtime: true, interval: 5 })
        .pipe(
          tap((tick) => {
            seen.push(tick);
            const until = performance.now() + 3 * tick.steps; // 3 ms of work per 1 ms step
            while (performance.now() < until);
          }),
        )
        .subscribe({ complete: resolve, error: reject });
    });
    // Every step was run, in order, once.
    let next = 0;
    for (const t of seen) {
      expect(t.step).toBe(next);
      next += t.steps;
    }
    expect(next).toBe(60);
    // The last ticks trail the wall clock by far more than one interval.
    expect(seen.at(-1)!.lagMs).toBeGreaterThan(30);
  });

  it('runs an unbounded clock until the subscriber has enough', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(clock({ dt: 0.5, block: 1 }).pipe(take(2))).toBe('(ab|)', {
        a: { step: 0, steps: 1, lagMs: 0 },
        b: { step: 1, steps: 1, lagMs: 0 },
      });
    });
  });
});
