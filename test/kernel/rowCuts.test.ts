import { describe, expect, it } from 'vitest';
import { cuba } from '../../examples/cuba/network.js';
import { clock, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, csrOf, prepareKernel } from '../../src/kernel.js';
import { cachedCutStarts, rowCut, rowCuts, rowCutsAt } from '../../src/kernel/synapses/rowCuts.js';
import { gridStart, threadRange } from '../../src/kernel/threads/threadBalance.js';

/** The cut by a plain scan of the row. */
function plainCut(rowPtr: ArrayLike<number>, col: ArrayLike<number>, i: number, start: number): number {
  let j = rowPtr[i]!;
  while (j < rowPtr[i + 1]! && col[j]! < start) j++;
  return j;
}

describe('row cuts', () => {
  it('find each row\'s first target at or after a start, as a plain scan does, for any start', () => {
    // Sparse rows, dense rows and empty rows; 1-byte and 2-byte indices.
    const spec = {
      seed: 5,
      groups: [
        { kind: 'lif', name: 'A', size: 300, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
        { kind: 'lif', name: 'B', size: 3000, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [
        { name: 'AA', pre: 'A', post: 'A', connectivity: { kind: 'fixedProbability', p: 0.9 }, synapse: { kind: 'expCurrent', tau: 5, g: 0.1 } },
        { name: 'AB', pre: 'A', post: 'B', connectivity: { kind: 'fixedProbability', p: 0.003 }, synapse: { kind: 'expCurrent', tau: 5, g: 0.1 } },
        { name: 'BB', pre: 'B', post: 'B', connectivity: { kind: 'fixedProbability', p: 0.05 }, synapse: { kind: 'expCurrent', tau: 5, g: 0.1 } },
      ],
      inputs: [],
    } as unknown as NetworkSpec;
    const net = buildNetwork(spec);
    for (const csr of net.projections.map((p) => csrOf(p.synapses))) {
      const starts = [0, 1, 2, 17, Math.floor(csr.cols / 3), Math.floor(csr.cols / 2), csr.cols - 1, csr.cols, csr.cols + 5];
      const tables = rowCutsAt(csr, starts);
      starts.forEach((start, k) => {
        for (let i = 0; i < csr.rows; i++) expect(tables[k]![i]).toBe(plainCut(csr.rowPtr, csr.col, i, start));
      });
      // Cached: asked again, one at a time, the same tables.
      expect(rowCut(csr, starts[4]!)).toBe(tables[4]);
      // The JavaScript threads' interleaved cuts.
      const three = rowCuts(csr, 3);
      for (let i = 0; i < csr.rows; i++) {
        expect(three[2 * i]).toBe(plainCut(csr.rowPtr, csr.col, i, threadRange(csr.cols, 1, 3)[0]));
        expect(three[2 * i + 1]).toBe(plainCut(csr.rowPtr, csr.col, i, threadRange(csr.cols, 2, 3)[0]));
      }
    }
  });

  it('are computed ahead by prepareKernel: the equal split\'s and those near it', () => {
    const net = cuba(clock({ dt: 0.1, duration: 1 }), 4).build().built;
    const csr = csrOf(net.projections[0]!.synapses);
    expect(cachedCutStarts(csr)).toEqual([]);
    prepareKernel(net, { dt: 0.1, threads: 2, backend: 'wasm' });
    // The equal split (position 32 of 64) and 8 positions either side.
    expect(cachedCutStarts(csr)).toEqual(Array.from({ length: 17 }, (_, q) => gridStart(csr.cols, 24 + q)));
    const before = rowCutsAt(csr, [gridStart(csr.cols, 32)]);
    for (let i = 0; i < csr.rows; i += 97) expect(before[0]![i]).toBe(plainCut(csr.rowPtr, csr.col, i, gridStart(csr.cols, 32)));
  });
});
