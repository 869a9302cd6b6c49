import { describe, expect, it } from 'vitest';
import { rasterSvg, type SpikeRecord } from '../../src/index.js';

const record: SpikeRecord = {
  dt: 0.1,
  startStep: 0,
  steps: 1000,
  groups: {
    E: { group: 'E', size: 80, steps: Float64Array.of(0, 10, 10, 500, 999), indices: Int32Array.of(3, 0, 79, 40, 5) },
    I: { group: 'I', size: 20, steps: Float64Array.of(20, 700), indices: Int32Array.of(19, 0) },
  },
};

function marks(svg: string, group: string): number {
  const panel = svg.split(`data-group="${group}"`)[1]!;
  const d = /class="spikes" d="([^"]*)"/.exec(panel)![1]!;
  return (d.match(/M/g) ?? []).length;
}

describe('rasterSvg', () => {
  it('draws one mark per spike in range, E panel above I, with axes and labels', () => {
    const svg = rasterSvg(record, { groups: ['E', 'I'], xlim: [0, 100] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(marks(svg, 'E')).toBe(5);
    expect(marks(svg, 'I')).toBe(2);
    expect(svg.indexOf('data-group="E"')).toBeLessThan(svg.indexOf('data-group="I"'));
    expect(svg).toContain('>Time (ms)</text>');
    expect(svg).toContain('>E neuron index</text>');
    // x ticks from d3's scale: 0, 10, ..., 100 ms.
    for (const t of [0, 50, 100]) expect(svg).toContain(`text-anchor="middle">${t}</text>`);
  });

  it('leaves out spikes outside xlim', () => {
    expect(marks(rasterSvg(record, { xlim: [0, 50] }), 'E')).toBe(4);
  });

  it('refuses a group the record does not have', () => {
    expect(() => rasterSvg(record, { groups: ['X'] })).toThrow('rasterSvg: no group "X" in the record (groups: E, I)');
  });
});
