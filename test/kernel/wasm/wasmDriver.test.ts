import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CTL } from '../../../src/kernel/threads/threadRuntime.js';
import { DRIVER_PEER_FAILED, DRIVER_TIMED_OUT } from '../../../src/kernel/wasm/abi.js';
import { mailboxShape, waitFunction } from '../../../src/kernel/wasm/wasmDriver.js';
import { wasmModule } from '../../../src/kernel/wasm/wasmModule.js';

/** The wait alone, on a fresh shared memory: control words at byte 64, the word waited for at 256. */
function wait(limits?: Parameters<typeof waitFunction>[0]): { w: (value: number) => number; ctl: Int32Array; word: Int32Array; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const module = new WebAssembly.Module(wasmModule({ pages: 1, shared: { maximum: 1 }, functions: [waitFunction(limits)] }));
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  const w = exports.w as (ctl: number, address: number, value: number) => number;
  return {
    w: (value) => w(64, 256, value),
    ctl: new Int32Array(memory.buffer, 64, CTL.LENGTH),
    word: new Int32Array(memory.buffer, 256, 1),
    memory,
  };
}

describe('the WebAssembly wait for another thread\'s step (wasmDriver)', () => {
  it('returns 1 at once when the step is already posted: this thread came last', () => {
    const { w, ctl, word } = wait();
    word[0] = 8;
    expect(w(8)).toBe(1);
    expect(ctl[CTL.SLEEPERS]).toBe(0);
  });

  it('returns 0 when it had to wait, woken by a thread that posts later', async () => {
    const { w, ctl, word, memory } = wait({ spins: 1000, waitMs: 5000, timeoutMs: 60_000 });
    word[0] = 7; // the previous step's post
    // The poster: 30 ms from now, posts step 8 and wakes the sleepers, as driverFunction does.
    const poster = new Worker(
      `const { workerData } = require('node:worker_threads');
       const ctl = new Int32Array(workerData.buffer, 64, ${CTL.LENGTH});
       const word = new Int32Array(workerData.buffer, 256, 1);
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
       Atomics.store(word, 0, 8);
       if (Atomics.load(ctl, ${CTL.SLEEPERS}) !== 0) Atomics.notify(word, 0);`,
      { eval: true, workerData: { buffer: memory.buffer } },
    );
    const start = performance.now();
    expect(w(8)).toBe(0);
    const waited = performance.now() - start;
    await poster.terminate();
    // It slept (one sleep lasts up to 5 s) and was woken by the post, not by its time running out.
    expect(waited).toBeGreaterThanOrEqual(20);
    expect(waited).toBeLessThan(4000);
    expect(ctl[CTL.SLEEPERS]).toBe(0);
  });

  it('returns DRIVER_PEER_FAILED when another thread failed while it waited', () => {
    const { w, ctl } = wait({ spins: 1000, waitMs: 1, timeoutMs: 60_000 });
    ctl[CTL.ERROR] = 1;
    expect(w(1)).toBe(DRIVER_PEER_FAILED);
    expect(ctl[CTL.SLEEPERS]).toBe(0);
  });

  it('returns DRIVER_TIMED_OUT when the step is not posted within the limit, after sleeping', () => {
    const { w } = wait({ spins: 1000, waitMs: 2, timeoutMs: 20 });
    const start = performance.now();
    expect(w(1)).toBe(DRIVER_TIMED_OUT);
    // Ten sleeps of 2 ms: the spins alone take microseconds.
    expect(performance.now() - start).toBeGreaterThanOrEqual(19);
  });

  it('gives each mailbox whole cache lines, with room for spikes after the counts', () => {
    expect(mailboxShape(2)).toEqual({ bytes: 64, slots: 12 });
    expect(mailboxShape(13)).toEqual({ bytes: 64, slots: 1 });
    expect(mailboxShape(14)).toEqual({ bytes: 128, slots: 16 });
  });
});
