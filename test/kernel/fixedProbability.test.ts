import { describe, expect, it } from 'vitest';
import { Xoshiro128, subKey, type Csr } from '../../src/kernel.js';
import { fixedProbability } from '../../src/kernel/synapses/fixedProbability.js';

function rows(csr: Csr): number[][] {
  return Array.from({ length: csr.rows }, (_, i) => Array.from(csr.col.subarray(csr.rowPtr[i], csr.rowPtr[i + 1])));
}

/** Checks the invariants every CSR must have: sorted rows, no duplicates, indices in range. */
function expectWellFormed(csr: Csr): void {
  expect(csr.rowPtr[0]).toBe(0);
  expect(csr.rowPtr[csr.rows]).toBe(csr.nnz);
  expect(csr.col.length).toBe(csr.nnz);
  const bad: string[] = [];
  rows(csr).forEach((row, i) => {
    for (let k = 0; k < row.length; k++) {
      if (!(row[k]! >= 0 && row[k]! < csr.cols)) bad.push(`row ${i}: index ${row[k]} out of range`);
      if (k > 0 && !(row[k]! > row[k - 1]!)) bad.push(`row ${i}: ${row[k - 1]} then ${row[k]} (duplicate or unsorted)`);
    }
  });
  expect(bad.slice(0, 5)).toEqual([]);
}

/** |count − np| within 5 binomial standard deviations. */
function expectBinomial(count: number, n: number, p: number): void {
  expect(Math.abs(count - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)) + 1);
}

describe('fixedProbability', () => {
  for (const p of [0.25, 0.5, 0.02, 0.001]) {
    it(`draws a binomial number of synapses, sorted, unique and in range (p = ${p})`, () => {
      const csr = fixedProbability(800, 1200, p, 12345);
      expectWellFormed(csr);
      expectBinomial(csr.nnz, 800 * 1200, p);
      // Every target is hit about as often: column counts are binomial(800, p) too.
      const hits = new Array<number>(1200).fill(0);
      for (const j of csr.col) hits[j]!++;
      const meanHits = hits.reduce((a, b) => a + b, 0) / 1200;
      expect(Math.abs(meanHits - 800 * p)).toBeLessThan(5 * Math.sqrt((800 * p * (1 - p)) / 1200) + 0.01);
    });
  }

  it('keeps every pair with p = 1 and none with p = 0', () => {
    expect(fixedProbability(30, 40, 1, 1).nnz).toBe(1200);
    expect(fixedProbability(30, 40, 0, 1).nnz).toBe(0);
  });

  it('leaves out (i, i) when selfConnections is false', () => {
    const csr = fixedProbability(300, 300, 1, 9, false);
    expect(csr.nnz).toBe(300 * 299);
    rows(csr).forEach((row, i) => expect(row).not.toContain(i));
    const some = fixedProbability(500, 500, 0.3, 9, false);
    rows(some).forEach((row, i) => expect(row).not.toContain(i));
    expectWellFormed(some);
  });

  it('uses the narrowest index type that fits the target group', () => {
    expect(fixedProbability(10, 256, 0.5, 1).col).toBeInstanceOf(Uint8Array);
    expect(fixedProbability(10, 257, 0.5, 1).col).toBeInstanceOf(Uint16Array);
    expect(fixedProbability(10, 65536, 0.01, 1).col).toBeInstanceOf(Uint16Array);
    expect(fixedProbability(2, 65537, 0.01, 1).col).toBeInstanceOf(Uint32Array);
  });

  it('draws row i from substream i only: rows do not depend on how many rows there are', () => {
    const small = rows(fixedProbability(10, 500, 0.25, 77));
    const large = rows(fixedProbability(400, 500, 0.25, 77));
    expect(large.slice(0, 10)).toEqual(small);
  });

  it('keeps pair (i, j) when the j-th draw of row i has its top 31 bits below p * 2^31', () => {
    // The same rule written plainly with the generator class.
    const p = 0.3;
    const csr = fixedProbability(20, 300, p, 4242);
    rows(csr).forEach((row, i) => {
      const g = new Xoshiro128(subKey(4242, i));
      const expected: number[] = [];
      for (let j = 0; j < 300; j++) if (g.uint32() >>> 1 < Math.floor(p * 2 ** 31)) expected.push(j);
      expect(row).toEqual(expected);
    });
  });
});
