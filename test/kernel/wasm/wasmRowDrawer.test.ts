import { describe, expect, it } from 'vitest';
import { fixedProbabilityRow, streamKey } from '../../../src/kernel.js';
import { proceduralRows } from '../../../src/kernel/synapses/fixedProbability.js';
import { wasmRowDrawer } from '../../../src/kernel/wasm/wasmRowDrawer.js';

/** Row i of both generators, as arrays. */
function bothRows(cols: number, p: number, self: boolean, order: readonly number[]): { js: number[][]; wasm: number[][] } {
  const key = streamKey(11, `drawer ${cols} ${p} ${self}`);
  const js = fixedProbabilityRow(cols, p, key, self);
  const wasm = wasmRowDrawer(proceduralRows(cols, p, key, self));
  expect(wasm).not.toBeNull();
  const out = new Uint32Array(cols);
  const take = (g: (i: number, out: Uint32Array) => number) => order.map((i) => Array.from(out.subarray(0, g(i, out))));
  return { js: take(js), wasm: take(wasm!) };
}

describe('wasmRowDrawer', () => {
  it.each([
    [10_000, 0.25, true],
    [8_000, 0.25, false],
    [2_000, 0.9, false],
    [101, 1 / 16, true],
    [33, 1, false],
    [33, 1, true],
    [7, 0.5, false],
    [1, 0.5, true],
  ])('draws the rows of fixedProbabilityRow, bit for bit (%i columns, p = %f, self-connections %s)', (cols, p, self) => {
    const { js, wasm } = bothRows(cols, p, self, Array.from({ length: 41 }, (_, i) => i));
    expect(wasm).toEqual(js);
    // Self-connections left out where asked: row i never holds i.
    if (!self) wasm.forEach((row, i) => expect(row).not.toContain(i));
  });

  it('draws any row asked for, in any order (a new batch of four where the row is not in the last)', () => {
    const { js, wasm } = bothRows(500, 0.3, false, [9, 3, 4, 5, 6, 7, 100, 99, 101, 0]);
    expect(wasm).toEqual(js);
  });

  it('leaves p below 1/16 to JavaScript (its gaps are drawn with Math.log)', () => {
    expect(wasmRowDrawer(proceduralRows(100, 0.05, 3, true))).toBeNull();
  });
});
