/**
 * A kernel thread that fails reaches the subscribers as a SimulationError naming the thread and
 * the step, promptly, with the other threads stopped (issue "Bad input and faults", defect 10).
 * The pool is wrapped so that the test can break one worker: its step code throws at a chosen
 * step, or the worker is terminated between runs.
 */
import { lastValueFrom } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { WorkerHandle } from '../../src/kernel/threads/workerPool.js';

const sabotage = vi.hoisted(() => ({ mode: 'none' as 'none' | 'throw' | 'terminate', handles: [] as WorkerHandle[] }));

vi.mock('../../src/kernel/threads/workerPool.js', async (importOriginal) => {
  const pool = await importOriginal<typeof import('../../src/kernel/threads/workerPool.js')>();
  return {
    ...pool,
    takeWorker: (): WorkerHandle => {
      const handle = pool.takeWorker();
      sabotage.handles.push(handle);
      return {
        get exited() {
          return handle.exited;
        },
        release: () => handle.release(),
        terminate: () => handle.terminate(),
        start: (data) => {
          // The worker's step code, made to throw in the first block its thread starts at step 37 or later (step 100).
          const source = sabotage.mode === 'throw' ? data.source.replace('return function run(n) {', 'return function run(n) { if (S.step >= 37) throw new Error("sabotaged");') : data.source;
          handle.start({ ...data, source });
        },
      };
    },
  };
});

const { build, clock, expCurrent, fixedProb, input, lif, network, recordSpikes, SimulationError, uniform } = await import('../../src/index.js');

const net$ = () =>
  clock({ dt: 0.1, duration: 50 }).pipe(
    network({ seed: 1 }),
    lif('E', { size: 400, tau: 15, threshold: 15, reset: 0, v0: uniform(0, 15) }),
    expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.5 }),
    input('E', 20),
  );

describe('a failing kernel thread', () => {
  it('reaches the subscribers as a SimulationError naming the thread and the step, promptly', async () => {
    sabotage.mode = 'throw';
    const sim = build(net$(), { threads: 2, backend: 'js' });
    const t0 = performance.now();
    const error = await lastValueFrom(sim.pipe(recordSpikes())).catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as InstanceType<typeof SimulationError>).message).toMatch(/^kernel thread 1 of 2 failed at step 100: Error: sabotaged/);
    expect((error as InstanceType<typeof SimulationError>).index).toBe(1);
    sabotage.mode = 'none';
  });

  it('reports a worker that exited between runs at the next run, not after a minute', async () => {
    sabotage.handles.length = 0;
    const sim = build(net$(), { threads: 2, backend: 'js' });
    const kernel = sim.kernel();
    kernel.run(10);
    sabotage.handles.at(-1)!.terminate();
    // The exit is seen by the event loop.
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    expect(() => kernel.run(10)).toThrow(/^kernel thread 1 of 2 has stopped \(its worker exited\) before step 10/);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
