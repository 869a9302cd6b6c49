import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { allToAll, build, clock, expCurrent, fixedInDegree, fixedOutDegree, fixedTotal, input, lif, network, oneToOne, pairs, recordSpikes, SpecError, uniform, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel, type Csr } from '../../src/kernel.js';
import { streamKey, subKey, Xoshiro128 } from '../../src/kernel/numeric/random.js';
import { csrOf as asCsr } from '../../src/kernel/synapses/bitRows.js';
import { twoGroups } from './twoGroups.js';

const spec = twoGroups;

const csrOf = (s: NetworkSpec): Csr => asCsr(buildNetwork(s).projections[0]!.synapses);
const row = (c: Csr, i: number): number[] => Array.from(c.col.subarray(c.rowPtr[i]!, c.rowPtr[i + 1]!));
const rowsOf = (c: Csr): number[][] => Array.from({ length: c.rows }, (_, i) => row(c, i));
const sortedDistinct = (r: number[]): boolean => r.every((x, k) => k === 0 || x > r[k - 1]!);

describe('connectivity rules', () => {
  it('allToAll: every pair, or every pair but (i, i)', () => {
    expect(rowsOf(csrOf(spec(allToAll(), [3, 4])))).toEqual([[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]);
    expect(rowsOf(csrOf(spec(allToAll({ selfConnections: false }), [3, 3], true)))).toEqual([[1, 2], [0, 2], [0, 1]]);
  });

  it('oneToOne: i to i, and refused for groups of different sizes', () => {
    expect(rowsOf(csrOf(spec(oneToOne(), [3, 3])))).toEqual([[0], [1], [2]]);
    expect(() => buildNetwork(spec(oneToOne(), [3, 4]))).toThrow('projections[0].connectivity: oneToOne needs groups of the same size, got 3 and 4');
  });

  it('fixedOutDegree: every row has exactly k distinct sorted targets, never itself when asked', () => {
    const c = csrOf(spec(fixedOutDegree(7, { selfConnections: false }), [60, 60], true));
    rowsOf(c).forEach((r, i) => {
      expect(r).toHaveLength(7);
      expect(sortedDistinct(r)).toBe(true);
      expect(r).not.toContain(i);
    });
  });

  it('fixedInDegree and fixedOutDegree: exactly the synapses of a plain construction from the same streams (Floyd\'s algorithm with a Set, pairs sorted)', () => {
    // Floyd's k of [0, m) without `skip`, as a Set, in the order the streams are read.
    const floyd = (rng: Xoshiro128, m: number, k: number, skip: number): number[] => {
      const range = skip >= 0 ? m - 1 : m;
      const chosen = new Set<number>();
      for (let j = range - k; j < range; j++) {
        const t = Math.floor(rng.float() * (j + 1));
        chosen.add(chosen.has(t) ? j : t);
      }
      return [...chosen].map((v) => (skip >= 0 && v >= skip ? v + 1 : v));
    };
    for (const [rule, sizes, same] of [
      [fixedInDegree(7), [30, 50], false],
      [fixedInDegree(29, { selfConnections: false }), [30, 30], true],
      [fixedOutDegree(11), [40, 25], false],
      [fixedOutDegree(24, { selfConnections: false }), [25, 25], true],
    ] as const) {
      const net = buildNetwork(spec(rule, [...sizes], same, 4));
      const csr = asCsr(net.projections[0]!.synapses);
      const key = streamKey(4, 'proj:' + net.spec.projections[0]!.name);
      const rows: number[][] = Array.from({ length: csr.rows }, () => []);
      const { k } = rule as { k: number };
      if (rule.kind === 'fixedInDegree') {
        for (let j = 0; j < csr.cols; j++) for (const i of floyd(new Xoshiro128(subKey(key, j)), csr.rows, k, same ? j : -1)) rows[i]!.push(j);
      } else {
        for (let i = 0; i < csr.rows; i++) rows[i] = floyd(new Xoshiro128(subKey(key, i)), csr.cols, k, same ? i : -1).sort((a, b) => a - b);
      }
      expect(rowsOf(csr)).toEqual(rows);
    }
  });

  it('fixedInDegree: every column has exactly k distinct sources, rows sorted, sources spread evenly', () => {
    const c = csrOf(spec(fixedInDegree(20), [60, 400]));
    const inDegree = new Array<number>(400).fill(0);
    const outDegree = rowsOf(c).map((r) => {
      expect(sortedDistinct(r)).toBe(true);
      for (const j of r) inDegree[j]!++;
      return r.length;
    });
    expect(new Set(inDegree)).toEqual(new Set([20]));
    // Each pre neuron is picked with probability 20/60 per column: out-degrees ~ Binomial(400, 1/3).
    const mean = outDegree.reduce((a, b) => a + b) / 60;
    expect(mean).toBeCloseTo((400 * 20) / 60, 10);
    const sd = Math.sqrt(400 * (1 / 3) * (2 / 3));
    for (const d of outDegree) expect(Math.abs(d - mean)).toBeLessThan(5 * sd);
  });

  it('fixedTotal: exactly n distinct pairs, never (i, i) when asked, rows near n / rows', () => {
    const c = csrOf(spec(fixedTotal(1200, { selfConnections: false }), [60, 60], true));
    expect(c.nnz).toBe(1200);
    const rows = rowsOf(c);
    rows.forEach((r, i) => {
      expect(sortedDistinct(r)).toBe(true);
      expect(r).not.toContain(i);
    });
    // Row counts ~ hypergeometric around 20 (1200 of 60 x 59 pairs).
    for (const r of rows) expect(Math.abs(r.length - 20)).toBeLessThan(5 * Math.sqrt(20));
  });

  it('pairs: exactly the pairs given, by row; duplicates, bad indices and unequal lists refused', () => {
    expect(rowsOf(csrOf(spec(pairs([2, 0, 2, 1], [3, 1, 0, 1]), [3, 4])))).toEqual([[1], [1], [0, 3]]);
    expect(() => buildNetwork(spec(pairs([0, 0], [1, 1]), [3, 4]))).toThrow('projections[0].connectivity.pre[1]: the pair (0, 1) is given twice');
    expect(() => buildNetwork(spec(pairs([5], [1]), [3, 4]))).toThrow('projections[0].connectivity.pre[0]: index 5 is out of range for a group of 3');
    expect(() => buildNetwork(spec(pairs([0, 1], [1]), [3, 4]))).toThrow('pre has 2 indices and post 1');
  });

  it('refuses degrees and totals the groups cannot give', () => {
    expect(() => buildNetwork(spec(fixedInDegree(61), [60, 40]))).toThrow('projections[0].connectivity.k: 61 distinct inputs per neuron, but only 60 presynaptic neurons are available');
    expect(() => buildNetwork(spec(fixedOutDegree(60, { selfConnections: false }), [60, 60], true))).toThrow('only 59 postsynaptic neurons are available');
    expect(() => buildNetwork(spec(fixedTotal(2401), [60, 40]))).toThrow('2401 distinct pairs, but only 2400 pairs are available');
    expect(() => buildNetwork(spec(fixedInDegree(2.5)))).toThrow(SpecError);
  });

  it('draw the same synapses for the same seed, and others for another seed', () => {
    for (const c of [fixedInDegree(5), fixedOutDegree(5), fixedTotal(300)]) {
      expect(rowsOf(csrOf(spec(c, [60, 40], false, 3)))).toEqual(rowsOf(csrOf(spec(c, [60, 40], false, 3))));
      expect(rowsOf(csrOf(spec(c, [60, 40], false, 3)))).not.toEqual(rowsOf(csrOf(spec(c, [60, 40], false, 4))));
    }
  });

  it('run in the kernel, on one thread or two, with the same spikes', async () => {
    const net$ = clock({ dt: 0.1, duration: 50 }).pipe(
      network({ seed: 5 }),
      lif('E', { size: 300, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedInDegree(30, { selfConnections: false }), tau: 3, g: 0.02 }),
      expCurrent('EE2', { pre: 'E', post: 'E', connectivity: oneToOne(), tau: 3, g: -0.05 }),
      input('E', 1.2),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(100);
    expect(two).toEqual(one);
    const kernel = createKernel(build(net$).built, { dt: 0.1 });
    expect(kernel.run(10)).toBe(10);
  });
});
