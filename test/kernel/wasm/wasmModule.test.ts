import { describe, expect, it } from 'vitest';
import { op, sleb, uleb, wasmModule } from '../../../src/kernel/wasm/wasmModule.js';

describe('wasmModule', () => {
  it('encodes LEB128 integers as the WebAssembly specification does', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(uleb(2 ** 32 - 1)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-64)).toEqual([0x40]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('imports functions ahead of its own: the imports take the first indices, its functions the next', () => {
    // twice(x) = half(x)·4 calls the import (index 0); eight(x) = twice(x)·4 calls twice (1 + 0).
    const bytes = wasmModule({
      pages: 1,
      imports: [{ name: 'half', params: ['f64'], result: 'f64' }],
      functions: [
        { name: 'twice', params: ['f64'], result: 'f64', locals: [], body: [...op.get(0), ...op.call(0), ...op.f64Const(4), ...op.f64Mul] },
        { name: 'eight', params: ['f64'], result: 'f64', locals: [], body: [...op.get(0), ...op.call(1), ...op.f64Const(4), ...op.f64Mul] },
      ],
    });
    const calls: number[] = [];
    const half = (x: number): number => (calls.push(x), x / 2);
    const { twice, eight } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: new WebAssembly.Memory({ initial: 1 }), half } }).exports as Record<string, (x: number) => number>;
    expect([twice!(3), eight!(3), calls]).toEqual([6, 24, [3, 3]]);
  });
});
