import { describe, expect, it } from 'vitest';
import { allToAll, clock, fixedInDegree, fixedOutDegree, pairs, SpecError, type ConnectivitySpec, type NetworkSpec } from '../../src/index.js';
import { bitRowsFromRows } from '../../src/kernel/synapses/bitRows.js';
import { bitRowsOf, buildNetwork, createKernel, csrOf, estimateMemory, isBitRows, rowTargets, storageRule, synapseBytes, type BuiltNetwork } from '../../src/kernel.js';
import { csrFromRows } from '../../src/kernel/synapses/csr.js';
import { tian2020 } from '../../examples/tian2020/network.js';
import { twoGroups } from './twoGroups.js';

/** Two groups of 70 and 45 neurons, one projection between them. */
const spec = (c: ConnectivitySpec, sizes: [number, number] = [70, 45]): NetworkSpec => twoGroups(c, sizes, false, 3);

/** Every row's targets, read from the arrays themselves. */
function plainRows(s: { rows: number; cols: number; wordsPerRow: number; words: Uint32Array }): number[][] {
  return Array.from({ length: s.rows }, (_, i) => {
    const row: number[] = [];
    for (let j = 0; j < s.cols; j++) if ((s.words[i * s.wordsPerRow + Math.floor(j / 32)]! >>> j % 32) & 1) row.push(j);
    return row;
  });
}

describe('bit rows', () => {
  it('store each row\'s targets as one bit each, for any number of targets, and read back as CSR', () => {
    for (const cols of [1, 31, 32, 33, 64, 100]) {
      // Row i: the targets j with (i + j) % 3 === 0, and the last one.
      const row = (i: number, out: Uint32Array): number => {
        let n = 0;
        for (let j = 0; j < cols; j++) if ((i + j) % 3 === 0 || j === cols - 1) out[n++] = j;
        return n;
      };
      const bits = bitRowsFromRows(7, cols, row);
      const csr = csrFromRows(7, cols, row, 7 * cols);
      expect(bits.wordsPerRow).toBe(2 * Math.ceil(cols / 64));
      expect(bits.words.length).toBe(7 * 2 * Math.ceil(cols / 64));
      expect(bits.nnz).toBe(csr.nnz);
      const expected = Array.from({ length: 7 }, (_, i) => Array.from(csr.col.subarray(csr.rowPtr[i], csr.rowPtr[i + 1])));
      expect(plainRows(bits)).toEqual(expected);
      expect(Array.from({ length: 7 }, (_, i) => Array.from(rowTargets(bits, i)))).toEqual(expected);
      const back = csrOf(bits);
      expect(Array.from(back.rowPtr)).toEqual(Array.from(csr.rowPtr));
      expect(Array.from(back.col)).toEqual(Array.from(csr.col));
      expect(plainRows(bitRowsOf(csr))).toEqual(expected);
      expect(csrOf(csr)).toBe(csr);
      expect(synapseBytes(bits)).toBe(8 * 7 * Math.ceil(cols / 64));
    }
  });

  it('refuse a target listed twice or outside the group, naming the row', () => {
    expect(() => bitRowsFromRows(3, 10, (i, out) => ((out[0] = 4), (out[1] = i === 2 ? 4 : 5), 2))).toThrow(/row 2 lists target 4 twice/);
    expect(() => bitRowsFromRows(3, 10, (_, out) => ((out[0] = 10), 1))).toThrow(/row 0 lists target 10 outside \[0, 10\)/);
  });

  it('hold the same synapses as compressed sparse rows for every rule (synapseStorage "bits")', () => {
    const rules: ConnectivitySpec[] = [
      { kind: 'fixedProbability', p: 0.3 } as ConnectivitySpec,
      allToAll() as ConnectivitySpec,
      fixedOutDegree(9) as ConnectivitySpec,
      fixedInDegree(11) as ConnectivitySpec,
      pairs([0, 0, 5, 69], [44, 3, 3, 0]) as ConnectivitySpec,
    ];
    for (const rule of rules) {
      const csr = buildNetwork(spec(rule), { synapseStorage: 'csr' }).projections[0]!.synapses;
      const bits = buildNetwork(spec(rule), { synapseStorage: 'bits' }).projections[0]!.synapses;
      expect(isBitRows(csr)).toBe(false);
      expect(isBitRows(bits)).toBe(true);
      expect(bits.nnz).toBe(csr.nnz);
      for (let i = 0; i < 70; i++) expect(Array.from(rowTargets(bits, i))).toEqual(Array.from(rowTargets(csr, i)));
    }
  });

  it('are what "auto" takes when compressed sparse rows would exceed the memory limit', () => {
    const dense = tian2020(clock({ dt: 0.1, duration: 1 }), { neurons: 3000, seed: 2 }).spec;
    const csrBytes = estimateMemory(dense).bytes;
    const bitBytes = estimateMemory(dense, 0.1, 'smaller').bytes;
    // 2-byte indices at p = 0.25 against a bit per pair: about a quarter (traces and V aside).
    expect(bitBytes).toBeLessThan(0.3 * csrBytes);
    expect(storageRule(dense, csrBytes + 1, 'auto')).toBe('csr');
    expect(storageRule(dense, csrBytes - 1, 'auto')).toBe('smaller');
    expect(storageRule(dense, csrBytes - 1, 'csr')).toBe('csr');
    const fits = buildNetwork(dense, { maxBytes: csrBytes + 1 });
    expect(fits.projections.every((p) => !isBitRows(p.synapses))).toBe(true);
    const tight = buildNetwork(dense, { maxBytes: bitBytes + 1 });
    expect(tight.projections.every((p) => isBitRows(p.synapses))).toBe(true);
    // The estimate of each projection is its words and its traces, exactly.
    estimateMemory(dense, 0.1, 'smaller').projections.forEach((e, pi) => {
      const p = tight.projections[pi]!;
      expect(e.bits).toBe(true);
      expect(e.bytes).toBe(synapseBytes(p.synapses) + 8 * p.synapses.cols);
    });
    // Too tight for either: refused, quoting the smaller estimate.
    expect(() => buildNetwork(dense, { maxBytes: bitBytes - 1 })).toThrow(SpecError);
    // Sparse projections stay compressed sparse rows under "smaller": bits would be larger.
    const sparse = spec({ kind: 'fixedProbability', p: 0.02 } as ConnectivitySpec, [2000, 2000]);
    expect(estimateMemory(sparse, 0.1, 'smaller').projections[0]!.bits).toBe(false);
    expect(isBitRows(buildNetwork(sparse, { maxBytes: 1 << 20 }).projections[0]!.synapses)).toBe(false);
  });

  it('give the seed network the spikes, potentials and traces of compressed sparse rows, on both back ends and 1 to 3 threads', () => {
    // Odd sizes, so that the threads' ranges end inside words (E 2,401 and I 600 neurons).
    const net$ = tian2020(clock({ dt: 0.1, duration: 1 }), { neurons: 3001, seed: 4 });
    const csr = net$.build({ synapseStorage: 'csr' }).built;
    const bits = net$.build({ synapseStorage: 'bits' }).built;
    expect(bits.projections.every((p) => isBitRows(p.synapses))).toBe(true);
    const run = (built: BuiltNetwork, backend: 'js' | 'wasm', threads: number): number[][] => {
      const k = createKernel(built, { dt: 0.1, maxBlock: 100, threads, backend });
      const out: number[][] = [];
      try {
        for (let b = 0; b < 6; b++) {
          let done = 0;
          while (done < 100) {
            done += k.run(100 - done);
            for (const g of [0, 1]) out.push(Array.from(k.spikes(g).indices));
          }
        }
        for (const g of k.groups) out.push(Array.from(g.V));
        for (const p of k.projections) out.push(Array.from(p.s));
      } finally {
        k.close();
      }
      return out;
    };
    const reference = run(csr, 'js', 1);
    expect(reference.slice(0, 12).flat().length).toBeGreaterThan(100);
    for (const backend of ['js', 'wasm'] as const) {
      for (const threads of [1, 2, 3]) expect(run(bits, backend, threads)).toEqual(reference);
    }
  });
});
