/**
 * Connectivity by distance (`{kind: "distance"}`) on placed groups: connection counts by
 * distance against the rule's probability within the binomial spread (on a torus and on a
 * sheet with edges), procedural rows equal to stored ones, the same spikes stored or procedural
 * and in both back ends, placements, and the checks.
 */
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeNetworkSpec, distanceProb, expCurrent, gridPositions, input, lif, network, positionsAt, randomPositions, recordSpikes, uniform, type PositionsSpec } from '../../src/index.js';
import { buildNetwork } from '../../src/kernel.js';
import { rowTargets } from '../../src/kernel/synapses/bitRows.js';
import { sheetOf } from '../../src/kernel/synapses/positions.js';
import type { NetworkSpec } from '../../src/model/networkSpec.js';

function spec(positions: PositionsSpec, connectivity: Record<string, unknown>, size = 900): NetworkSpec {
  return {
    seed: 5,
    groups: [{ kind: 'lif', name: 'E', size, tau: 15, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 }, positions }],
    projections: [{ name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'distance', ...connectivity }, synapse: { kind: 'expCurrent', tau: 6, g: 0.3 } }],
    inputs: [{ kind: 'constant', group: 'E', value: 16 }],
  } as unknown as NetworkSpec;
}

/** Every pair's distance (wrapped on a torus of side 1), binned; counts of synapses and sums of p and p(1 − p) per bin. */
function byDistance(net: NetworkSpec, p0: number, sigma: number, periodic: boolean, bins: number, reach: number) {
  const built = buildNetwork(net, { backend: 'js' });
  const g = net.groups[0]!;
  const { x, y } = sheetOf(g, net.seed)!;
  const n = g.size;
  const observed = new Float64Array(bins);
  const expected = new Float64Array(bins);
  const variance = new Float64Array(bins);
  const connected = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = rowTargets(built.projections[0]!.synapses, i);
    connected.fill(0);
    for (const j of row) connected[j] = 1;
    for (let j = 0; j < n; j++) {
      let dx = x[j]! - x[i]!;
      let dy = y[j]! - y[i]!;
      if (periodic) {
        dx -= Math.round(dx);
        dy -= Math.round(dy);
      }
      const d = Math.hypot(dx, dy);
      const b = Math.floor((d / reach) * bins);
      if (b >= bins) {
        expect(connected[j]).toBe(0);
        continue;
      }
      const p = p0 * Math.exp(-(d * d) / (2 * sigma * sigma));
      observed[b]! += connected[j]!;
      expected[b]! += p;
      variance[b]! += p * (1 - p);
    }
  }
  return { observed, expected, variance, total: built.projections[0]!.synapseCount };
}

describe('connectivity by distance', () => {
  for (const periodic of [true, false]) {
    it(`connects pairs at p0·exp(−d²/2σ²): counts per distance within the binomial spread (${periodic ? 'torus' : 'sheet with edges'})`, () => {
      const net = spec(randomPositions(1, 1), { p0: 0.6, sigma: 0.08, periodic });
      // Beyond 8σ the probability is below 1e-13: no synapse there (checked pair by pair).
      const { observed, expected, variance, total } = byDistance(net, 0.6, 0.08, periodic, 16, 8 * 0.08);
      expect(total).toBeGreaterThan(10_000);
      for (let b = 0; b < 16; b++) {
        const spread = Math.sqrt(variance[b]!);
        expect(Math.abs(observed[b]! - expected[b]!), `bin ${b}: ${observed[b]} against ${expected[b]!.toFixed(1)}`).toBeLessThanOrEqual(4 * spread + 1e-9);
      }
      // And the whole: the sum of p over all pairs.
      const all = expected.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - all)).toBeLessThan(4 * Math.sqrt(variance.reduce((a, b) => a + b, 0)));
    });
  }

  it('draws the same rows procedurally as stored (compressed or bit rows), and leaves out (i, i) when asked', () => {
    for (const selfConnections of [true, false]) {
      const stored = buildNetwork(spec(gridPositions(1, 1), { p0: 1, sigma: 0.05, periodic: true, selfConnections }), { backend: 'js' });
      const drawn = buildNetwork(spec(gridPositions(1, 1), { p0: 1, sigma: 0.05, periodic: true, selfConnections, procedural: true }), { backend: 'js' });
      const bits = buildNetwork(spec(gridPositions(1, 1), { p0: 1, sigma: 0.05, periodic: true, selfConnections }), { backend: 'js', synapseStorage: 'bits' });
      const row = drawn.projections[0]!.procedural!.row;
      const out = new Uint32Array(900);
      for (let i = 0; i < 900; i++) {
        const n = row(i, out);
        expect(Array.from(out.subarray(0, n))).toEqual(Array.from(rowTargets(stored.projections[0]!.synapses, i)));
        expect(Array.from(rowTargets(bits.projections[0]!.synapses, i))).toEqual(Array.from(out.subarray(0, n)));
        // p0 = 1 at distance 0: (i, i) is a synapse exactly when allowed.
        expect(out.subarray(0, n).includes(i)).toBe(selfConnections);
      }
    }
  });

  it('gives the same spikes stored or procedural, and in JavaScript or WebAssembly', async () => {
    const run = async (procedural: boolean, backend: 'js' | 'wasm') => {
      const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
        network({ seed: 3 }),
        lif('E', { size: 900, tau: 15, threshold: 15, reset: 0, v0: uniform(0, 15), positions: gridPositions(1, 1) }),
        expCurrent('EE', { pre: 'E', post: 'E', connectivity: distanceProb(0.5, 0.08, { periodic: true, procedural }), tau: 6, g: 0.2 }),
        input('E', 15.5),
      );
      const record = await lastValueFrom(build(net$, { backend }).pipe(recordSpikes()));
      return [Array.from(record.groups.E!.steps), Array.from(record.groups.E!.indices)];
    };
    const stored = await run(false, 'js');
    expect(stored[0]!.length).toBeGreaterThan(500);
    expect(await run(true, 'js')).toEqual(stored);
    expect(await run(false, 'wasm')).toEqual(stored);
  });

  it('places neurons on a grid row by row, at random from the seed, or where given', () => {
    const g = (positions: PositionsSpec, size: number) => ({ kind: 'poisson', name: 'P', size, rate: 1, positions }) as never;
    const grid = sheetOf(g(gridPositions(3, 2), 6), 1)!;
    // 6 neurons on 3 × 2: 3 columns, 2 rows, cells of 1 × 1.
    expect(Array.from(grid.x)).toEqual([0.5, 1.5, 2.5, 0.5, 1.5, 2.5]);
    expect(Array.from(grid.y)).toEqual([0.5, 0.5, 0.5, 1.5, 1.5, 1.5]);
    const random = sheetOf(g(randomPositions(2, 1), 20_000), 1)!;
    expect(Math.max(...random.x)).toBeLessThan(2);
    expect(Math.min(...random.y)).toBeGreaterThanOrEqual(0);
    // Uniform: mean width/2 within 4 standard errors (sd of U(0, 2) is 2/√12).
    const mean = random.x.reduce((a, b) => a + b, 0) / 20_000;
    expect(Math.abs(mean - 1)).toBeLessThan((4 * 2) / Math.sqrt(12 * 20_000));
    expect(Array.from(sheetOf(g(randomPositions(2, 1), 5), 1)!.x)).toEqual(Array.from(random.x.subarray(0, 5)));
    expect(Array.from(sheetOf(g(randomPositions(2, 1), 5), 2)!.x)).not.toEqual(Array.from(random.x.subarray(0, 5)));
    expect(Array.from(sheetOf(g(positionsAt([1, 2], [3, 4]), 2), 1)!.y)).toEqual([3, 4]);
  });

  it('refuses an unplaced group, sheets of two sizes on a torus, and coordinates of the wrong length', () => {
    const issues = (net: unknown) => {
      const r = decodeNetworkSpec(net);
      return r._tag === 'Left' ? r.left.map((i) => `${i.path}: ${i.message}`) : [];
    };
    const two = (a: PositionsSpec | undefined, b: PositionsSpec | undefined, periodic: boolean) => ({
      seed: 1,
      groups: [
        { kind: 'poisson', name: 'P', size: 4, rate: 1, ...(a === undefined ? {} : { positions: a }) },
        { kind: 'lif', name: 'E', size: 4, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 }, ...(b === undefined ? {} : { positions: b }) },
      ],
      projections: [{ name: 'PE', pre: 'P', post: 'E', connectivity: { kind: 'distance', p0: 0.5, sigma: 0.1, periodic }, synapse: { kind: 'expCurrent', tau: 5, g: 1 } }],
      inputs: [],
    });
    expect(issues(two(gridPositions(1, 1), undefined, false))).toEqual(['projections[0].connectivity: the distance rule needs both groups placed on a sheet: give "E" positions (grid, random or values)']);
    expect(issues(two(gridPositions(1, 1), gridPositions(2, 1), true))).toEqual(['projections[0].connectivity.periodic: periodic boundaries need one sheet: "P" lies on 1 × 1 and "E" on 2 × 1']);
    expect(issues(two(gridPositions(1, 1), positionsAt([0, 1, 2, 3], [0, 0, 0, 0]), true))[0]).toMatch(/periodic boundaries need the sheet's width and height/);
    expect(issues(two(gridPositions(1, 1), positionsAt([0, 1, 2], [0, 0, 0, 0]), false))).toEqual(['groups[1].positions.x: 3 coordinates for a group of 4: one per neuron']);
    expect(issues(two(gridPositions(1, 1), gridPositions(1, 1), true))).toEqual([]);
  });
});
