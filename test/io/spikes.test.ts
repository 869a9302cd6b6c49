import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { clock, decodeSpikes, encodeSpikes, input, lif, network, recordSpikes, spikesToCsv, uniform, type SpikeRecord } from '../../src/index.js';

const record: SpikeRecord = {
  dt: 0.1,
  startStep: 0,
  steps: 10,
  groups: {
    E: { group: 'E', size: 4, steps: Float64Array.from([0, 3, 3, 7]), indices: Int32Array.from([2, 0, 3, 1]) },
    Iñ: { group: 'Iñ', size: 2, steps: Float64Array.from([3, 9]), indices: Int32Array.from([1, 0]) },
  },
};

describe('spikesToCsv', () => {
  it('writes one line per spike in time order, groups in record order within a step, times without float noise', () => {
    expect(spikesToCsv(record)).toBe(['time_ms,group,index', '0,E,2', '0.3,E,0', '0.3,E,3', '0.3,Iñ,1', '0.7,E,1', '0.9,Iñ,0', ''].join('\n'));
  });

  it('writes only the header for a run without spikes', () => {
    expect(spikesToCsv({ ...record, groups: { E: { group: 'E', size: 4, steps: new Float64Array(0), indices: new Int32Array(0) } } })).toBe('time_ms,group,index\n');
  });
});

describe('encodeSpikes / decodeSpikes', () => {
  it('lays out the header and groups as documented', () => {
    const bytes = encodeSpikes(record);
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('SSPK');
    expect([view.getUint32(4, true), view.getFloat64(8, true), view.getUint32(16, true), view.getUint32(20, true), view.getUint32(24, true)]).toEqual([1, 0.1, 0, 10, 2]);
    // Group E: name length 1 padded to 4, size 4, count 4, 4 steps, 4 indices.
    expect(view.getUint32(28, true)).toBe(1);
    expect([view.getUint32(36, true), view.getUint32(40, true)]).toEqual([4, 4]);
    expect([0, 1, 2, 3].map((k) => view.getUint32(44 + 4 * k, true))).toEqual([0, 3, 3, 7]);
    expect([0, 1, 2, 3].map((k) => view.getUint32(60 + 4 * k, true))).toEqual([2, 0, 3, 1]);
    // Group Iñ: 3 UTF-8 bytes padded to 4, then 2 spikes: 8 bytes each.
    expect(view.getUint32(76, true)).toBe(3);
    expect(bytes.length).toBe(76 + 4 + 4 + 8 + 16);
  });

  it('round-trips a recorded run exactly', async () => {
    const net$ = clock({ dt: 0.1, duration: 30 }).pipe(
      network({ seed: 5 }),
      lif('A', { size: 50, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      lif('B', { size: 300, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      input('A', 1.5),
      input('B', 2),
    );
    const recorded = await lastValueFrom(net$.pipe(recordSpikes()));
    expect(recorded.groups.B!.indices.length).toBeGreaterThan(100);
    expect(decodeSpikes(encodeSpikes(recorded))).toEqual(recorded);
  });

  it('refuses bytes that are not a .spikes file, or are cut short, naming where', () => {
    expect(() => decodeSpikes(new TextEncoder().encode('time_ms,group,index\n0,E,1\n'))).toThrow('decodeSpikes: not a .spikes file (the first 4 bytes are not "SSPK")');
    const bytes = encodeSpikes(record);
    expect(() => decodeSpikes(bytes.subarray(0, 50))).toThrow('decodeSpikes: the data ends at byte 50, inside the 4 spikes of group "E" (byte 44)');
    expect(() => decodeSpikes(bytes.subarray(0, 10))).toThrow('decodeSpikes: the data ends at byte 10, inside the header (byte 0)');
    const v2 = bytes.slice();
    new DataView(v2.buffer).setUint32(4, 2, true);
    expect(() => decodeSpikes(v2)).toThrow('decodeSpikes: version 2 is not supported (only 1)');
  });
});
