import { describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../src/index.js';
import { buildNetwork, csrOf, isBitRows, prepareKernel, workersReady, type CsrAlloc } from '../../src/kernel.js';
import { sharedAlloc } from '../../src/kernel/synapses/csr.js';
import { parallelRows, drawsInParallel } from '../../src/kernel/synapses/parallelRows.js';
import { cutStarts, rowCutsAt } from '../../src/kernel/synapses/rowCuts.js';
import { streamKey } from '../../src/kernel/numeric/random.js';

/** The cut by a plain scan of the row: its first target at or after `start`. */
function plainCut(rowPtr: ArrayLike<number>, col: ArrayLike<number>, i: number, start: number): number {
  let j = rowPtr[i]!;
  while (j < rowPtr[i + 1]! && col[j]! < start) j++;
  return j;
}

const lif = (name: string, size: number) => ({ kind: 'lif', name, size, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } });
const fixed = (name: string, pre: string, post: string, p: number, more: object = {}) => ({ name, pre, post, connectivity: { kind: 'fixedProbability', p, ...more }, synapse: { kind: 'expCurrent', tau: 5, g: 0.1 } });

// 1-byte (A: 200), 2-byte (B: 3000) and 4-byte (C: 70,000 targets) indices; self-connections
// left out; p below 1/16 (drawn on one thread); a projection with fewer rows than ranges.
const spec = {
  seed: 11,
  groups: [lif('A', 200), lif('B', 3000), lif('C', 70_000), lif('D', 3)],
  projections: [
    fixed('AA', 'A', 'A', 0.5, { selfConnections: false }),
    fixed('AB', 'A', 'B', 0.3),
    fixed('BB', 'B', 'B', 0.1, { selfConnections: false }),
    fixed('BA', 'B', 'A', 0.02),
    fixed('AC', 'A', 'C', 0.07),
    fixed('DB', 'D', 'B', 0.5),
  ],
  inputs: [],
} as unknown as NetworkSpec;

describe('parallel build', () => {
  it('draws the synapses of one thread, bit for bit, and the row cuts a plain scan finds, on 2 and 3 threads', async () => {
    await workersReady(2);
    const one = buildNetwork(spec, { backend: 'js' });
    for (const threads of [2, 3]) {
      const many = buildNetwork(spec, { backend: 'js', threads });
      many.projections.forEach((p, k) => {
        const a = csrOf(one.projections[k]!.synapses);
        const b = csrOf(p.synapses);
        expect(b.nnz, p.spec.name).toBe(a.nnz);
        expect(Array.from(b.rowPtr), p.spec.name).toEqual(Array.from(a.rowPtr));
        expect(b.col.constructor, p.spec.name).toBe(a.col.constructor);
        expect(Buffer.from(b.col.buffer, b.col.byteOffset, b.col.byteLength).equals(Buffer.from(a.col.buffer, a.col.byteOffset, a.col.byteLength)), p.spec.name).toBe(true);
        // The cuts the threads wrote as they drew, where the run's threads start (either back end).
        const starts = cutStarts(b.cols, threads, 'both');
        const tables = rowCutsAt(b, starts);
        starts.forEach((start, q) => {
          for (let i = 0; i < b.rows; i += 7) expect(tables[q]![i]).toBe(plainCut(b.rowPtr, b.col, i, start));
        });
      });
      // And prepareKernel finds them ready.
      prepareKernel(many, { dt: 0.1, threads, backend: 'js' });
    }
  });

  it('draws bit rows as one thread does, word for word, beside compressed rows', () => {
    const one = buildNetwork(spec, { backend: 'js', synapseStorage: 'bits' });
    for (const threads of [2, 3]) {
      const many = buildNetwork(spec, { backend: 'js', synapseStorage: 'bits', threads });
      many.projections.forEach((p, k) => {
        const a = one.projections[k]!.synapses;
        const b = p.synapses;
        expect(isBitRows(b), p.spec.name).toBe(isBitRows(a));
        expect(b.nnz, p.spec.name).toBe(a.nnz);
        if (isBitRows(a) && isBitRows(b)) expect(Buffer.from(b.words.buffer, b.words.byteOffset, b.words.byteLength).equals(Buffer.from(a.words.buffer, a.words.byteOffset, a.words.byteLength)), p.spec.name).toBe(true);
      });
    }
  });

  it('the same synapses in WebAssembly memory, the same spikes as one thread', async () => {
    const one = buildNetwork(spec);
    const two = buildNetwork(spec, { threads: 2 });
    expect(two.wasm === null).toBe(one.wasm === null);
    two.projections.forEach((p, k) => expect(Array.from(csrOf(p.synapses).col.subarray(0, 5000))).toEqual(Array.from(csrOf(one.projections[k]!.synapses).col.subarray(0, 5000))));
  });

  it('leaves to one thread what it does not draw, and a projection whose range outgrew its room', () => {
    expect(drawsInParallel({ kind: 'fixedProbability', p: 0.25 } as never)).toBe(true);
    expect(drawsInParallel({ kind: 'fixedProbability', p: 0.02 } as never)).toBe(false);
    expect(drawsInParallel({ kind: 'fixedProbability', p: 0.25, procedural: true } as never)).toBe(false);
    expect(drawsInParallel({ kind: 'fixedInDegree', k: 10 } as never)).toBe(false);
    const task = { c: { kind: 'fixedProbability', p: 0.5 } as never, rows: 400, cols: 400, key: streamKey(3, 'proj:X'), selfAllowed: true };
    expect(parallelRows([task], 1, sharedAlloc)).toEqual([null]);
    expect(parallelRows([task], 2, sharedAlloc)[0]).not.toBeNull();
    // An index array with room for a tenth of the synapses: every range outgrows its region.
    const cramped: CsrAlloc = { ...sharedAlloc, index: (bound, length) => sharedAlloc.index(bound, Math.floor(length / 10)) };
    expect(parallelRows([task], 2, cramped)).toEqual([null]);
  });
});
