import type { NetworkSpec } from '../../../src/index.js';

/**
 * A network whose work falls on thread 1 of 2: every synapse targets the upper quarter of C,
 * which thread 1 owns, so thread 1 does all the scatter, arrives last at nearly every barrier,
 * and the threads' shares move toward thread 0 (threadBalance). Used where the spikes are checked
 * while shares move, and where the direction of the move is (test/perf).
 */
export function movingSharesSpec(): NetworkSpec {
  const pre: number[] = [];
  const post: number[] = [];
  for (let i = 0; i < 400; i++) for (let j = 0; j < 500; j++) pre.push(i), post.push(1500 + j);
  return {
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
}
