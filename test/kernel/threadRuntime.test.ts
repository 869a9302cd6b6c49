import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { threadRuntime } from '../../src/kernel/threads/threadRuntime.js';

/** The runtime's waitWhile, with the timeout shortened to 100 ms. */
function shortRuntime(): (ctl: Int32Array, index: number, value: number, idle?: boolean) => void {
  const text = threadRuntime.replace(/const TIMEOUT = \d+,/, 'const TIMEOUT = 100,');
  expect(text).not.toBe(threadRuntime);
  return new Function(`${text}\nreturn waitWhile;`)() as never;
}

/** A worker that stores 1 at ctl[0] after `ms`. */
function storeLater(ctl: Int32Array, ms: number): Worker {
  const code = `const { workerData: c } = require('node:worker_threads'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms}); Atomics.store(c, 0, 1); Atomics.notify(c, 0);`;
  return new Worker(code, { eval: true, workerData: ctl });
}

describe('the thread runtime\'s wait', () => {
  it('gives up on a thread that does not answer in a run, with a message that says so', () => {
    const waitWhile = shortRuntime();
    const ctl = new Int32Array(new SharedArrayBuffer(4 * 16));
    expect(() => waitWhile(ctl, 0, 0)).toThrow('spikestream: a kernel thread did not respond for 100 ms');
  });

  it('waits as long as it takes for the next run (a paused kernel resumes)', async () => {
    const waitWhile = shortRuntime();
    const ctl = new Int32Array(new SharedArrayBuffer(4 * 16));
    const worker = storeLater(ctl, 400);
    const t0 = Date.now();
    waitWhile(ctl, 0, 0, true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(Atomics.load(ctl, 0)).toBe(1);
    await worker.terminate();
  });
});
