/**
 * How the threads' shares move depends on the host's scheduling: not gated by CI
 * (`npm run test:perf`). test/kernel/wasm/wasmKernel.test.ts checks the spikes and state while
 * they move.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

describe('threadBalance in a running kernel', () => {
  it('moves the shares toward the thread that keeps the other waiting', () => {
    // Every synapse targets the upper quarter of C, which thread 1 owns: thread 1 does all the
    // scatter, arrives last at nearly every barrier, and should give neurons to thread 0.
    const pre: number[] = [];
    const post: number[] = [];
    for (let i = 0; i < 400; i++) for (let j = 0; j < 500; j++) pre.push(i), post.push(1500 + j);
    const spec = {
      seed: 4,
      groups: [
        { kind: 'lif', name: 'A', size: 400, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
        { kind: 'lif', name: 'C', size: 2000, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 }, refractory: 0.5 },
      ],
      projections: [{ name: 'AC', pre: 'A', post: 'C', connectivity: { kind: 'pairs', pre, post }, synapse: { kind: 'expCurrent', tau: 5, g: 0.002 } }],
      // A Poisson input into A: its generators' states go with the neurons that change threads.
      inputs: [
        { kind: 'constant', group: 'A', value: 3 },
        { kind: 'constant', group: 'C', value: 0.5 },
        { kind: 'poisson', group: 'A', count: 10, rate: 20, weight: 0.05 },
      ],
    } as unknown as NetworkSpec;
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
