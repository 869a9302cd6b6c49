/**
 * How the threads' shares move depends on the host's scheduling: not gated by CI
 * (`npm run test:perf`). test/kernel/wasm/wasmKernel.test.ts checks the spikes and state while
 * they move.
 */
import { describe, expect, it } from 'vitest';
import { movingSharesSpec } from '../kernel/wasm/movingSharesSpec.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

describe('threadBalance in a running kernel', () => {
  it('moves the shares toward the thread that keeps the other waiting', () => {
    const spec = movingSharesSpec();
    const net = buildNetwork(spec);
    const wasm = createKernel(net, { dt: 0.1, maxBlock: 128, threads: 2, backend: 'wasm' });
    try {
      for (let b = 0; b < 40; b++) wasm.run(128);
      // 5,120 steps: 19 chances to move, each by 1/64: toward thread 0, never away.
      expect(wasm.shares[0]).toBeGreaterThan(0.5);
    } finally {
      wasm.close();
    }
  });
});
