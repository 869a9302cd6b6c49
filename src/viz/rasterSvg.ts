/**
 * A raster plot as an SVG string, made with d3 scales: one panel per group, stacked, time on
 * the shared x axis, as the Tian et al. 2020 notebook's figure (E above, I below).
 *
 * Spikes are drawn compactly: one `<path>` per panel, a short vertical stroke per spike, so a
 * raster of 80,000 spikes stays a few megabytes and renders quickly. Above `maxSpikes` (default
 * 500,000) a panel is drawn as a density instead, each pixel's spikes counted and shaded in
 * eight levels, and says so: the document's size is then bounded by the figure's pixels, not by
 * the spikes (a run of 33 million spikes would otherwise make a string longer than the engine
 * allows). Works in Node and in the browser (it builds a string, no DOM).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { rasterSvg } from 'spikestream';
 * writeFileSync('raster.svg', rasterSvg(record, { groups: ['E', 'I'], xlim: [0, 100] }));
 * ```
 * @module
 */
import { scaleLinear } from 'd3';
import { bottomAxis, escapeXml as escape, leftAxis, svgOpen } from './svgParts.js';
import type { SpikeRecord } from '../stream/recordSpikes.js';

/** Options of {@link rasterSvg}. */
export interface RasterOptions {
  /** Groups to draw, top to bottom (default: all in the record). */
  readonly groups?: readonly string[];
  /** x-axis range, ms: `[start, end]` (default: the recorded steps). */
  readonly xlim?: readonly [number, number];
  /** Width in px (default 1000). */
  readonly width?: number;
  /** Height in px (default 600). */
  readonly height?: number;
  /** Title above the plot. */
  readonly title?: string;
  /** Most spikes drawn one by one; above, each panel is a binned density (default 500,000). */
  readonly maxSpikes?: number;
}

/** Shades of a binned panel: a cell's level is ⌈8 · count / most⌉. */
const LEVELS = 8;

const MARGIN = { top: 30, right: 20, bottom: 45, left: 70 };
const GAP = 20;

/**
 * @param record - spikes from `recordSpikes`
 * @param options - groups, time range, size, title
 * @returns a standalone SVG document
 */
export function rasterSvg(record: SpikeRecord, options: RasterOptions = {}): string {
  const names = options.groups ?? Object.keys(record.groups);
  const width = options.width ?? 1000;
  const height = options.height ?? 600;
  const [t0, t1] = options.xlim ?? [record.startStep * record.dt, (record.startStep + record.steps) * record.dt];
  const trains = names.map((name) => {
    const train = record.groups[name];
    if (train === undefined) throw new RangeError(`rasterSvg: no group "${name}" in the record (groups: ${Object.keys(record.groups).join(', ')})`);
    return train;
  });
  const x = scaleLinear().domain([t0, t1]).range([MARGIN.left, width - MARGIN.right]);
  const plotHeight = height - MARGIN.top - MARGIN.bottom - GAP * Math.max(0, names.length - 1);
  // Panel heights follow group sizes (the seed's figure gives E 3/5 and I 2/5: close enough).
  const total = trains.reduce((n, t) => n + Math.sqrt(t.size), 0);
  // Spikes in the time range, all panels: drawn one by one up to maxSpikes.
  const first = Math.ceil(t0 / record.dt - 1e-9);
  const last = Math.floor(t1 / record.dt + 1e-9);
  const shown = trains.reduce((n, t) => n + countBetween(t.steps, first, last), 0);
  const binned = shown > (options.maxSpikes ?? 500_000);
  const parts: string[] = [];
  const note = binned ? `${shown.toLocaleString('en-US')} spikes, shown as density per pixel` : '';
  parts.push(svgOpen(width, height, options.title === undefined ? (binned ? note : undefined) : binned ? `${options.title} (${note})` : options.title));
  let top = MARGIN.top;
  trains.forEach((train, p) => {
    const h = (plotHeight * Math.sqrt(train.size)) / total;
    const y = scaleLinear().domain([0, train.size]).range([top + h, top]);
    parts.push(`<g class="panel" data-group="${escape(train.group)}">`);
    if (binned) parts.push(...densityPanel(train, record.dt, x, [t0, t1], top, h));
    else {
      const mark = Math.max(0.6, Math.min(2, h / train.size));
      let d = '';
      for (let k = 0; k < train.indices.length; k++) {
        const t = train.steps[k]! * record.dt;
        if (t < t0 || t > t1) continue;
        d += `M${x(t).toFixed(1)} ${y(train.indices[k]! + 1).toFixed(1)}v${mark.toFixed(1)}`;
      }
      parts.push(`<path class="spikes" d="${d}" stroke="black" stroke-width="${Math.max(1, (x(t0 + record.dt) - x(t0)) * 0.8).toFixed(2)}" fill="none"/>`);
    }
    parts.push(...leftAxis(y, MARGIN.left, `${train.group} neuron index`));
    parts.push('</g>');
    top += h + (p < trains.length - 1 ? GAP : 0);
    if (p === trains.length - 1) {
      parts.push(...bottomAxis(x, top, 'Time (ms)'));
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** How many of the ascending steps lie in [first, last]. */
function countBetween(steps: ArrayLike<number>, first: number, last: number): number {
  const lower = (v: number): number => {
    let [lo, hi] = [0, steps.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (steps[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lower(last + 1) - lower(first);
}

/**
 * A panel as a density: the spikes counted per pixel cell (time across, neurons up), each
 * non-empty cell a square shaded by its level, one path per level.
 */
function densityPanel(train: SpikeRecord['groups'][string], dt: number, x: (t: number) => number, [t0, t1]: readonly [number, number], top: number, h: number): string[] {
  const left = x(t0);
  const cols = Math.max(1, Math.round(x(t1) - left));
  const rows = Math.max(1, Math.round(h));
  const counts = new Uint32Array(cols * rows);
  for (let k = 0; k < train.indices.length; k++) {
    const t = train.steps[k]! * dt;
    if (t < t0 || t > t1) continue;
    const c = Math.min(cols - 1, Math.floor(x(t) - left));
    // Neuron 0 at the bottom, as in the stroke raster.
    const r = Math.min(rows - 1, Math.floor(((train.size - 1 - train.indices[k]!) / train.size) * rows));
    counts[r * cols + c]! += 1;
  }
  let most = 0;
  for (const n of counts) most = Math.max(most, n);
  const paths = Array.from({ length: LEVELS }, () => [] as string[]);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const n = counts[r * cols + c]!;
      if (n > 0) paths[Math.ceil((LEVELS * n) / most) - 1]!.push(`M${(left + c).toFixed(0)} ${(top + (r * h) / rows).toFixed(1)}h1v${(h / rows).toFixed(2)}h-1z`);
    }
  }
  return paths.flatMap((d, level) => (d.length === 0 ? [] : [`<path class="density" d="${d.join('')}" fill="black" fill-opacity="${((level + 1) / LEVELS).toFixed(3)}"/>`]));
}
