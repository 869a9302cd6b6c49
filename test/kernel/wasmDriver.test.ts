import { describe, expect, it } from 'vitest';
import { CTL } from '../../src/kernel/threadRuntime.js';
import { barrierFunction, DRIVER_PEER_FAILED, DRIVER_TIMED_OUT } from '../../src/kernel/wasm/wasmDriver.js';
import { wasmModule } from '../../src/kernel/wasm/wasmModule.js';

/** The barrier alone, on a fresh shared memory: control words at byte 64, a thread's count at 256. */
function barrier(limits?: Parameters<typeof barrierFunction>[0]): { b: (threads: number, k: number) => number; ctl: Int32Array; last: Int32Array } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const module = new WebAssembly.Module(wasmModule({ pages: 1, shared: { maximum: 1 }, functions: [barrierFunction(limits)] }));
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  const b = exports.b as (ctl: number, threads: number, last: number, k: number) => number;
  return {
    b: (threads, k) => b(64, threads, 256, k),
    ctl: new Int32Array(memory.buffer, 64, CTL.LENGTH),
    last: new Int32Array(memory.buffer, 256, 1),
  };
}

describe('the WebAssembly barrier (wasmDriver)', () => {
  it('lets the last thread through: counts it, moves the generation on, clears the next step\'s flags, returns this step\'s', () => {
    const { b, ctl, last } = barrier();
    ctl[CTL.COUNT] = 2; // two of three threads are waiting
    ctl[CTL.FLAGS + 1] = 3; // step 5's flags
    ctl[CTL.FLAGS] = 1; // step 6's, left from step 4
    expect(b(3, 5)).toBe(3);
    expect([ctl[CTL.COUNT], ctl[CTL.GEN], ctl[CTL.FLAGS], last[0]]).toEqual([0, 1, 0, 1]);
  });

  it('returns DRIVER_PEER_FAILED when another thread failed while it waited', () => {
    const { b, ctl } = barrier({ spins: 1000, waitMs: 1, timeoutMs: 60_000 });
    ctl[CTL.ERROR] = 1;
    expect(b(2, 0)).toBe(DRIVER_PEER_FAILED);
    // It arrived and no one else did: the count says so, the generation did not move.
    expect([ctl[CTL.COUNT], ctl[CTL.GEN], ctl[CTL.SLEEPERS]]).toEqual([1, 0, 0]);
  });

  it('returns DRIVER_TIMED_OUT when no other thread arrives within the limit, after sleeping', () => {
    const { b } = barrier({ spins: 1000, waitMs: 2, timeoutMs: 20 });
    const start = performance.now();
    expect(b(2, 0)).toBe(DRIVER_TIMED_OUT);
    // Ten sleeps of 2 ms: the spins alone take microseconds.
    expect(performance.now() - start).toBeGreaterThanOrEqual(19);
  });
});
