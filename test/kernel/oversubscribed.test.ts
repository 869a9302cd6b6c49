import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { CTL, threadRuntime } from '../../src/kernel/threads/threadRuntime.js';
import { waitFunction } from '../../src/kernel/wasm/wasmDriver.js';
import { wasmModule } from '../../src/kernel/wasm/wasmModule.js';

// This machine, as the kernel sees it, has one core: every threaded kernel is oversubscribed.
vi.mock('../../src/kernel/threads/machineCores.js', () => ({ machineCores: () => 1 }));
const { buildNetwork, createKernel } = await import('../../src/kernel.js');
const { cuba } = await import('../../examples/cuba/network.js');
const { clock } = await import('../../src/index.js');

/**
 * A worker that waits up to 300 ms for a sleeper at `ctl[SLEEPERS]`, then posts `value` at
 * `word` and wakes it; it reports whether it saw the sleeper.
 */
function poster(buffer: SharedArrayBuffer, ctlAt: number, wordAt: number, value: number): Promise<boolean> {
  const code = `const { workerData: d, parentPort } = require('node:worker_threads');
    const ctl = new Int32Array(d.buffer, d.ctlAt, ${CTL.LENGTH}), word = new Int32Array(d.buffer, d.wordAt, 1);
    const t0 = Date.now(); let saw = false;
    while (Date.now() - t0 < 300) if (Atomics.load(ctl, ${CTL.SLEEPERS}) > 0) { saw = true; break; }
    Atomics.store(word, 0, d.value); Atomics.notify(word, 0); parentPort.postMessage(saw);`;
  const w = new Worker(code, { eval: true, workerData: { buffer, ctlAt, wordAt, value } });
  return new Promise((resolve) => w.once('message', (saw: boolean) => void w.terminate().then(() => resolve(saw))));
}

describe('threads that outnumber the cores', () => {
  it('sleep at the spin limit the kernel sets (CTL.SPIN_LIMIT) in JavaScript, not after the default spins', async () => {
    // waitWhile with a default that would spin for seconds, and the limit word set to 1.
    const text = threadRuntime.replace(/BARRIER_SPINS = \d+/, `BARRIER_SPINS = ${2 ** 31 - 1}`);
    expect(text).not.toBe(threadRuntime);
    const waitWhile = new Function(`${text}\nreturn waitWhile;`)() as (ctl: Int32Array, index: number, value: number) => void;
    const buffer = new SharedArrayBuffer(4 * CTL.LENGTH);
    const ctl = new Int32Array(buffer);
    Atomics.store(ctl, CTL.SPIN_LIMIT, 1);
    const saw = poster(buffer, 0, 4 * CTL.SEQ, 1);
    waitWhile(ctl, CTL.SEQ, 0);
    expect(await saw).toBe(true);
  });

  it('sleep at the spin limit the kernel sets in WebAssembly, not after the module\'s spins', async () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    const module = new WebAssembly.Module(wasmModule({ pages: 1, shared: { maximum: 1 }, functions: [waitFunction({ spins: 2 ** 31 - 1, waitMs: 5000, timeoutMs: 60_000 })] }));
    const w = new WebAssembly.Instance(module, { env: { memory } }).exports.w as (ctl: number, address: number, value: number) => number;
    Atomics.store(new Int32Array(memory.buffer, 64, CTL.LENGTH), CTL.SPIN_LIMIT, 1);
    const saw = poster(memory.buffer as unknown as SharedArrayBuffer, 64, 256, 8);
    expect(w(64, 256, 8)).toBe(0);
    expect(await saw).toBe(true);
  });

  it('give the spikes of one thread, sleeping at every meeting (JavaScript and WebAssembly)', () => {
    const net = buildNetwork(cuba(clock({ dt: 0.1, duration: 50 }), 3).spec);
    const spikes = (threads: number, backend: 'js' | 'wasm'): number[] => {
      const kernel = createKernel(net, { dt: 0.1, threads, maxBlock: 500, backend });
      try {
        kernel.run(500);
        return net.groups.flatMap((_, g) => Array.from(kernel.spikes(g).indices));
      } finally {
        kernel.close();
      }
    };
    for (const backend of ['js', 'wasm'] as const) {
      const one = spikes(1, backend);
      expect(one.length).toBeGreaterThan(100);
      expect(spikes(2, backend)).toEqual(one);
    }
  });
});
