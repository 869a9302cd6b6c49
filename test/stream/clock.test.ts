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
