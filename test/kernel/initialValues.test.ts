import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeSimulationSpec, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel, randomStream } from '../../src/kernel.js';

const lifN = { kind: 'lif', name: 'N', size: 100000, tau: 10, threshold: 1e9, reset: 0 };

describe('initializers and initial traces', () => {
  it('draws normal initial values with the given mean and standard deviation', () => {
    const spec = { seed: 4, groups: [{ ...lifN, v0: { kind: 'normal', mean: -65, sd: 5 } }], projections: [], inputs: [] } as unknown as NetworkSpec;
    const V = createKernel(buildNetwork(spec), { dt: 0.1 }).groups[0]!.V;
    const n = V.length;
    const mean = V.reduce((a, x) => a + x, 0) / n;
    const sd = Math.sqrt(V.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    // Standard errors: 5/√n for the mean, 5/√(2n) for the standard deviation; 4 of each.
    expect(Math.abs(mean + 65)).toBeLessThan((4 * 5) / Math.sqrt(n));
    expect(Math.abs(sd - 5)).toBeLessThan((4 * 5) / Math.sqrt(2 * n));
    // The fraction beyond one standard deviation: 2(1 − Φ(1)) = 0.3173.
    const beyond = V.filter((x) => Math.abs(x + 65) > 5).length / n;
    expect(Math.abs(beyond - 0.3173)).toBeLessThan(4 * Math.sqrt((0.3173 * 0.6827) / n));
  });

  it('draws the potentials once, in the build, and starts every kernel from a copy of them', () => {
    const spec = {
      seed: 9,
      groups: [
        { ...lifN, size: 50, threshold: 20, v0: { kind: 'uniform', low: -5, high: 15 } },
        { kind: 'poisson', name: 'P', size: 4, rate: 10 },
      ],
      projections: [],
      inputs: [{ kind: 'constant', group: 'N', value: 30 }],
    } as unknown as NetworkSpec;
    const built = buildNetwork(spec);
    // The uniform draw, written out: low + (high − low) · u from the stream init:N.V.
    const rng = randomStream(9, 'init:N.V');
    const expected = Array.from({ length: 50 }, () => -5 + 20 * rng.float());
    expect(Array.from(built.v0[0]!)).toEqual(expected);
    expect(Array.from(built.v0[1]!)).toEqual([0, 0, 0, 0]);
    const first = createKernel(built, { dt: 0.1, maxBlock: 100 });
    expect(Array.from(first.groups[0]!.V)).toEqual(expected);
    first.run(100); // every neuron is driven past threshold: every potential changes
    expect(Array.from(first.groups[0]!.V).some((v, i) => v !== expected[i])).toBe(true);
    expect(Array.from(built.v0[0]!)).toEqual(expected);
    expect(Array.from(createKernel(built, { dt: 0.1 }).groups[0]!.V)).toEqual(expected);
  });

  it('starts each trace at s0, which then decays as the synapse does', () => {
    const spec = {
      seed: 1,
      groups: [{ ...lifN, size: 3, v0: { kind: 'constant', value: 0 } }],
      projections: [{ name: 'NN', pre: 'N', post: 'N', connectivity: { kind: 'oneToOne' }, synapse: { kind: 'expCurrent', tau: 5, g: 1 }, s0: { kind: 'values', values: [1, 2, 3] } }],
      inputs: [],
    } as unknown as NetworkSpec;
    const kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 10 });
    expect(Array.from(kernel.projections[0]!.s)).toEqual([1, 2, 3]);
    kernel.run(10);
    // Forward Euler on τ ds/dt = −s: s_k = s0 (1 − dt/τ)^k.
    kernel.projections[0]!.s.forEach((s, i) => expect(s).toBeCloseTo((i + 1) * (1 - 0.1 / 5) ** 10, 12));
  });

  it('refuses s0 on a delta synapse and a wrong number of values, with their paths', () => {
    const base = {
      seed: 1,
      groups: [{ ...lifN, size: 3, v0: { kind: 'constant', value: 0 } }],
      inputs: [],
      run: { dt: 0.1, duration: 1 },
    };
    const projection = (synapse: unknown, s0: unknown): unknown => ({ name: 'NN', pre: 'N', post: 'N', connectivity: { kind: 'oneToOne' }, synapse, s0 });
    const delta = decodeSimulationSpec({ ...base, projections: [projection({ kind: 'delta', w: 1 }, { kind: 'constant', value: 1 })] });
    expect(E.isLeft(delta) && delta.left).toEqual([{ path: 'projections[0].s0', message: 'a delta synapse has no trace to start' }]);
    const short = decodeSimulationSpec({ ...base, projections: [projection({ kind: 'expCurrent', tau: 5, g: 1 }, { kind: 'values', values: [1] })] });
    expect(E.isLeft(short) && short.left).toEqual([{ path: 'projections[0].s0.values', message: 'has 1 values for a group of 3' }]);
    const negative = decodeSimulationSpec({ ...base, projections: [projection({ kind: 'expCurrent', tau: 5, g: 1 }, { kind: 'normal', mean: 1, sd: -1 })] });
    expect(E.isLeft(negative) && negative.left).toEqual([{ path: 'projections[0].s0.sd', message: 'expected a finite number >= 0, got -1' }]);
  });
});
