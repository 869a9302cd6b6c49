import { describe, expect, it } from 'vitest';
import { linePlotSvg } from '../../src/index.js';

describe('linePlotSvg', () => {
  const svg = linePlotSvg(
    [
      { name: 'balanced', x: [0, 1, 2, 3], y: [5, 6, 12, 12] },
      { name: 'input & gain', x: [0, 3], y: [0, 10], dashed: true },
    ],
    { title: 'Rates <E>', xLabel: 'Time (ms)', yLabel: 'Rate (Hz)', markers: [{ x: 1.5, label: 'step' }] },
  );

  it('draws one path per series with one segment per point, in the order given', () => {
    const paths = [...svg.matchAll(/<path class="series" data-name="([^"]*)" d="([^"]*)"/g)];
    expect(paths.map((p) => p[1])).toEqual(['balanced', 'input &amp; gain']);
    expect(paths.map((p) => (p[2]!.match(/[ML]/g) ?? []).length)).toEqual([4, 2]);
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it('maps data through linear scales: equal y values share a pixel row, larger y is higher', () => {
    const d = svg.match(/data-name="balanced" d="([^"]*)"/)![1]!;
    const ys = [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys[2]).toBe(ys[3]);
    expect(ys[1]!).toBeLessThan(ys[0]!);
    expect(ys[2]!).toBeLessThan(ys[1]!);
  });

  it('has axes with labels, a marker, a legend, and escaped text', () => {
    expect(svg).toMatch(/<text class="label"[^>]*>Time \(ms\)<\/text>/);
    expect(svg).toMatch(/<text class="label"[^>]*>Rate \(Hz\)<\/text>/);
    expect(svg).toContain('class="marker"');
    expect(svg).toMatch(/class="marker-label"[^>]*>step</);
    expect(svg).toContain('>Rates &lt;E&gt;</text>');
    expect((svg.match(/class="legend"/g) ?? []).length).toBe(2);
  });

  it('refuses values that are not finite, naming the series and the point', () => {
    expect(() => linePlotSvg([{ name: 'E', x: [0, 1], y: [1, NaN] }])).toThrow('linePlotSvg: series "E" has a value that is not finite at point 1: (1, NaN)');
    expect(() => linePlotSvg([{ name: 'E', x: [0, 1], y: [1] }])).toThrow('linePlotSvg: series "E" has 2 x values and 1 y values');
  });
});
