import { Subject, asyncScheduler, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { clock, canPacePrecisely, type ClockControl } from '../../src/index.js';
import { COARSE_MS, precisePacer } from '../../src/stream/pacer.js';

describe('precise pacing', () => {
  it('is the default for real time in Node, and timer pacing where it cannot apply', () => {
    expect(canPacePrecisely()).toBe(true);
    expect(clock({ dt: 0.1, realtime: true }).pacing).toBe('precise');
    expect(clock({ dt: 0.1, realtime: true, interval: 1 }).pacing).toBe('timer');
    expect(clock({ dt: 0.1, realtime: true }, new TestScheduler(() => undefined)).pacing).toBe('timer');
    expect(() => clock({ dt: 0.1, realtime: true, pacing: 'precise' }, new TestScheduler(() => undefined))).toThrow(/pacing 'precise'.*another scheduler/);
    expect(() => clock({ dt: 0.1, realtime: true, pacing: 'fast' as never })).toThrow(/pacing must be 'precise' or 'timer', got fast/);
  });

  it('the pacer calls each turn once, not before its time, also after a wait long enough for a timer', async () => {
    const pacer = precisePacer();
    const late: number[] = [];
    const waits = [...Array.from({ length: 50 }, () => 0.1), COARSE_MS + 2, 0.02, 0];
    for (const wait of waits) {
      const at = pacer.now() + wait;
      await new Promise<void>((done) => pacer.wake(at, () => (late.push(pacer.now() - at), done())));
    }
    expect(late).toHaveLength(waits.length);
    for (const l of late) expect(l).toBeGreaterThanOrEqual(0);
    // A new wake replaces the pending one; cancel drops it.
    let calls = 0;
    pacer.wake(pacer.now() + 1, () => calls++);
    pacer.wake(pacer.now() + 2, () => calls++);
    await new Promise((r) => setTimeout(r, 8));
    pacer.wake(pacer.now() + 1, () => calls++);
    pacer.cancel();
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(1);
  });

  it('issues every step once, in order, never before it is due, one step per tick when each comes due', async () => {
    const dt = 0.1;
    const seen: { step: number; steps: number; at: number; lagMs: number }[] = [];
    const t0 = performance.now();
    await new Promise<void>((done, fail) =>
      clock({ dt, duration: 40, realtime: true }).subscribe({
        next: (t) => seen.push({ ...t, at: performance.now() - t0 }),
        error: fail,
        complete: done,
      }),
    );
    let next = 0;
    for (const t of seen) {
      expect(t.step).toBe(next);
      next += t.steps;
      // Due at the schedule's start (after t0) plus (k + 1) dt; the clock never issues early.
      expect(t.at).toBeGreaterThanOrEqual((t.step + 1) * dt - 1e-9);
      expect(t.lagMs).toBeGreaterThanOrEqual(0);
    }
    expect(next).toBe(400);
    // A timer-paced clock of the default interval would issue these 400 steps in 4 ticks.
    expect(seen.length).toBeGreaterThan(100);
  });

  it('keeps the event loop turning while it waits: a 2 ms timer fires during a 100 ms run', async () => {
    const events: string[] = [];
    setTimeout(() => events.push('timer'), 2);
    await lastValueFrom(clock({ dt: 0.1, duration: 100, realtime: true }));
    events.push('run done');
    expect(events).toEqual(['timer', 'run done']);
  });

  it('issues nothing while paused, and resumes on schedule without a burst', async () => {
    const dt = 0.1;
    const control = new Subject<ClockControl>();
    const seen: { step: number; steps: number; at: number }[] = [];
    const t0 = performance.now();
    let pausedAt = 0;
    let resumedAt = 0;
    await new Promise<void>((done, fail) => {
      clock({ dt, duration: 20, realtime: true, control }).subscribe({
        next: (t) => {
          seen.push({ ...t, at: performance.now() - t0 });
          if (t.step >= 50 && pausedAt === 0) {
            pausedAt = performance.now() - t0;
            control.next({ paused: true });
            asyncScheduler.schedule(() => {
              resumedAt = performance.now() - t0;
              control.next({ paused: false });
            }, 15);
          }
        },
        error: fail,
        complete: done,
      });
    });
    const after = seen.filter((t) => t.at > pausedAt);
    expect(after.every((t) => t.at >= resumedAt)).toBe(true);
    // From the resumption, step base + n is due (n + 1) dt later: never a tick of many steps.
    const first = after[0]!;
    for (const t of after) expect(t.at - resumedAt).toBeGreaterThanOrEqual((t.step - first.step + 1) * dt - 1e-9);
    expect(seen.reduce((n, t) => n + t.steps, 0)).toBe(200);
  });

  it('stops waking when unsubscribed', async () => {
    let ticks = 0;
    const sub = clock({ dt: 0.1, realtime: true }).subscribe(() => ticks++);
    await new Promise((r) => setTimeout(r, 5));
    sub.unsubscribe();
    const at = ticks;
    await new Promise((r) => setTimeout(r, 10));
    expect(at).toBeGreaterThan(0);
    expect(ticks).toBe(at);
  });

  it('withBlock: the same clock in ticks of at most the given steps', async () => {
    const c = clock({ dt: 1, duration: 250, block: 100 });
    expect(c.withBlock(100)).toBe(c);
    const ticks = await lastValueFrom(c.withBlock(7).pipe(toArray()));
    expect(ticks.every((t) => t.steps <= 7)).toBe(true);
    expect(ticks.reduce((n, t) => n + t.steps, 0)).toBe(250);
    expect(() => c.withBlock(0)).toThrow(/block must be a whole number > 0/);
  });
});
