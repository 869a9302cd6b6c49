import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { svgToPng } from '../../src/cli/svgToPng.js';
import { binnedRate, neuronRates, populationRateSvg, rasterSvg, rateHistogramSvg, rateMapSvg, tracesSvg, windowRates, type SampleRecord, type SpikeRecord } from '../../src/index.js';

// 10 steps of 1 ms. E: 4 neurons; neuron 0 fires 4 times, neuron 1 twice, 2 once, 3 never. I: 2 neurons.
const record: SpikeRecord = {
  dt: 1,
  startStep: 0,
  steps: 10,
  groups: {
    E: { group: 'E', size: 4, steps: Float64Array.from([0, 0, 1, 4, 5, 5, 9]), indices: Int32Array.from([0, 1, 0, 0, 1, 2, 0]) },
    I: { group: 'I', size: 2, steps: Float64Array.from([2, 3]), indices: Int32Array.from([1, 1]) },
  },
};

describe('binnedRate / populationRateSvg', () => {
  it('counts spikes per bin over group size and bin length (Hz)', () => {
    const { t, rate } = binnedRate(record, 'E', 5);
    expect(Array.from(t)).toEqual([0, 5]);
    // [0, 5): 4 spikes / 4 neurons / 5 ms = 200 Hz; [5, 10): 3 spikes -> 150 Hz.
    expect(Array.from(rate)).toEqual([200, 150]);
  });

  it('draws one path per group with one point per bin', () => {
    const svg = populationRateSvg(record, { bin: 2 });
    const paths = [...svg.matchAll(/data-name="(\w+)" d="([^"]*)"/g)];
    expect(paths.map((p) => p[1])).toEqual(['E', 'I']);
    expect(paths.map((p) => (p[2]!.match(/[ML]/g) ?? []).length)).toEqual([5, 5]);
    expect(svg).toContain('Population rate (Hz, 2 ms bins)');
  });
});

describe('neuronRates / rateHistogramSvg', () => {
  it('gives each neuron its own rate over the record', () => {
    // 10 ms: 4 spikes -> 400 Hz, 2 -> 200 Hz, 1 -> 100 Hz, 0.
    expect(Array.from(neuronRates(record, 'E'))).toEqual([400, 200, 100, 0]);
  });

  it('draws bars whose counts add up to the group sizes', () => {
    const svg = rateHistogramSvg(record, { bins: 4 });
    for (const [group, size] of [['E', 4], ['I', 2]] as const) {
      const g = svg.match(new RegExp(`<g class="histogram" data-group="${group}"[^>]*>([\\s\\S]*?)</g>`))![1]!;
      const counts = [...g.matchAll(/data-count="(\d+)"/g)].map((m) => Number(m[1]));
      expect(counts.reduce((a, b) => a + b)).toBe(size);
    }
    expect(svg).toContain('>Firing rate (Hz)</text>');
    expect(svg).toContain('>Neurons</text>');
  });
});

describe('tracesSvg', () => {
  const samples: SampleRecord = { name: 'v', dt: 0.5, startStep: 2, steps: 3, indices: [7, 9], values: Float64Array.from([1, 2, 3, 4, 5, 6]) };

  it('draws one trace per sampled neuron, one point per step', () => {
    const svg = tracesSvg(samples, { yLabel: 'V (mV)' });
    const paths = [...svg.matchAll(/data-name="([^"]+)" d="([^"]*)"/g)];
    expect(paths.map((p) => p[1])).toEqual(['v[7]', 'v[9]']);
    expect(paths.map((p) => (p[2]!.match(/[ML]/g) ?? []).length)).toEqual([3, 3]);
  });

  it('refuses to plot a blow-up', () => {
    expect(() => tracesSvg({ ...samples, values: Float64Array.from([1, 2, NaN, 4, 5, 6]) })).toThrow('series "v[7]" has a value that is not finite at point 1');
  });
});

describe('svgToPng', () => {
  it('renders a raster to a PNG of the scaled size that is not blank', () => {
    const png = PNG.sync.read(Buffer.from(svgToPng(rasterSvg(record, { width: 300, height: 200 }), { scale: 2 })));
    expect([png.width, png.height]).toEqual([600, 400]);
    let dark = 0;
    let white = 0;
    for (let k = 0; k < png.data.length; k += 4) {
      const lum = png.data[k]! + png.data[k + 1]! + png.data[k + 2]!;
      if (lum < 200) dark++;
      else if (lum > 750) white++;
    }
    // Mostly white background, with axes, labels and spike marks in black.
    expect(white / (600 * 400)).toBeGreaterThan(0.8);
    expect(dark).toBeGreaterThan(500);
  });

  it('refuses a scale that is not positive', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { scale: 0 })).toThrow('svgToPng: scale must be a number > 0, got 0');
  });
});

describe('windowRates / rateMapSvg', () => {
  const sheet = { x: Float64Array.from([0.25, 0.75, 0.25, 0.75]), y: Float64Array.from([0.25, 0.25, 0.75, 0.75]), width: 1, height: 1, area: 1 };

  it('counts each neuron\'s spikes per window over its length (Hz)', () => {
    // [0, 5): neuron 0 fires at 0, 1, 4 (3 spikes), 1 at 0 (1), 2 never. [5, 10): 0 at 9, 1 at 5, 2 at 5.
    const [early, late] = windowRates(record, 'E', [[0, 5], [5, 10]]);
    expect(Array.from(early!)).toEqual([600, 200, 0, 0]);
    expect(Array.from(late!)).toEqual([200, 200, 200, 0]);
    expect(() => windowRates(record, 'X', [[0, 1]])).toThrow(/no group "X"/);
    expect(() => windowRates(record, 'E', [[3, 3]])).toThrow(/empty/);
  });

  it('draws a panel per window and a cell per neuron at its place, brighter where it fired more', () => {
    const svg = rateMapSvg(record, { group: 'E', sheet, windows: [[0, 5], [5, 10]], maxRate: 600 });
    const panels = [...svg.matchAll(/<g class="panel"[\s\S]*?<\/g>/g)].map((m) => m[0]);
    expect(panels).toHaveLength(2);
    const cells = [...panels[0]!.matchAll(/class="cell" x="([\d.]+)" y="([\d.]+)"[^>]*fill="([^"]+)"/g)];
    expect(cells).toHaveLength(4);
    // Neuron 0 (bottom left) left of neuron 1 and below neuron 2 (SVG's y grows downwards).
    expect(Number(cells[0]![1])).toBeLessThan(Number(cells[1]![1]));
    expect(Number(cells[0]![2])).toBeGreaterThan(Number(cells[2]![2]));
    // Viridis: 600 Hz (the top) is yellow, 0 Hz dark purple.
    expect(cells[0]![3]).toBe('#fde725');
    expect(cells[2]![3]).toBe('#440154');
    expect(() => rateMapSvg(record, { group: 'E', sheet: { ...sheet, x: sheet.x.subarray(0, 3) }, windows: [[0, 5]] })).toThrow(/3 positions, the group 4 neurons/);
  });
});
