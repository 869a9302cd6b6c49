/**
 * A raster plot as an SVG string, made with d3 scales: one panel per group, stacked, time on
 * the shared x axis, as the Tian et al. 2020 notebook's figure (E above, I below).
 *
 * Spikes are drawn compactly: one `<path>` per panel, a short vertical stroke per spike, so a
 * raster of 80,000 spikes stays a few megabytes and renders quickly. Works in Node and in the
 * browser (it builds a string, no DOM).
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
}

const MARGIN = { top: 30, right: 20, bottom: 45, left: 70 };
const GAP = 20;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

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
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  if (options.title) parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">${escape(options.title)}</text>`);
  let top = MARGIN.top;
  trains.forEach((train, p) => {
    const h = (plotHeight * Math.sqrt(train.size)) / total;
    const y = scaleLinear().domain([0, train.size]).range([top + h, top]);
    const mark = Math.max(0.6, Math.min(2, h / train.size));
    let d = '';
    for (let k = 0; k < train.indices.length; k++) {
      const t = train.steps[k]! * record.dt;
      if (t < t0 || t > t1) continue;
      d += `M${x(t).toFixed(1)} ${y(train.indices[k]! + 1).toFixed(1)}v${mark.toFixed(1)}`;
    }
    parts.push(`<g class="panel" data-group="${escape(train.group)}">`);
    parts.push(`<path class="spikes" d="${d}" stroke="black" stroke-width="${Math.max(1, (x(t0 + record.dt) - x(t0)) * 0.8).toFixed(2)}" fill="none"/>`);
    // y axis
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${top}" y2="${top + h}" stroke="black"/>`);
    for (const tick of y.ticks(4)) {
      parts.push(`<line x1="${MARGIN.left - 5}" x2="${MARGIN.left}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="black"/>`);
      parts.push(`<text class="tick" x="${MARGIN.left - 8}" y="${y(tick).toFixed(1)}" dy="0.32em" text-anchor="end">${tick}</text>`);
    }
    parts.push(`<text class="label" transform="translate(18,${(top + h / 2).toFixed(1)}) rotate(-90)" text-anchor="middle">${escape(train.group)} neuron index</text>`);
    parts.push('</g>');
    top += h + (p < trains.length - 1 ? GAP : 0);
    if (p === trains.length - 1) {
      // x axis under the last panel
      parts.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${top}" y2="${top}" stroke="black"/>`);
      for (const tick of x.ticks(10)) {
        parts.push(`<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${top}" y2="${top + 5}" stroke="black"/>`);
        parts.push(`<text class="tick" x="${x(tick).toFixed(1)}" y="${top + 18}" text-anchor="middle">${tick}</text>`);
      }
      parts.push(`<text class="label" x="${((MARGIN.left + width - MARGIN.right) / 2).toFixed(1)}" y="${top + 38}" text-anchor="middle">Time (ms)</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}
