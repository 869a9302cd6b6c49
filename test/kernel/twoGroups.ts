import type { ConnectivitySpec, NetworkSpec } from '../../src/index.js';

/** Two LIF groups, A and B, and one projection P from A to B (to A itself when `same`), by `connectivity`. */
export function twoGroups(connectivity: ConnectivitySpec, sizes: [number, number] = [60, 40], same = false, seed = 1): NetworkSpec {
  const v0 = { kind: 'uniform', low: 0, high: 1 };
  return {
    seed,
    groups: [
      { kind: 'lif', name: 'A', size: sizes[0], tau: 10, threshold: 1, reset: 0, v0 },
      { kind: 'lif', name: 'B', size: sizes[1], tau: 10, threshold: 1, reset: 0, v0 },
    ],
    projections: [{ name: 'P', pre: 'A', post: same ? 'A' : 'B', connectivity, synapse: { kind: 'expCurrent', tau: 3, g: 0.1 } }],
    inputs: [],
  } as unknown as NetworkSpec;
}
