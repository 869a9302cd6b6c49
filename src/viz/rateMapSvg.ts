/**
 * A rate map: where on the sheet a placed group fired, in a row of time windows. Each neuron is
 * a square `<rect class="cell">` at its position (side from the sheet's area per neuron), colored
 * by its rate in the window on one scale for all windows (d3's viridis), so that a spot of
 * activity and its course over time can be read at a glance.
 *
 * @example
 * ```ts
 * import { rateMapSvg, sheetOf } from 'spikestream';
 * const sheet = sheetOf(spec.groups[0], spec.seed)!;   // a placed group
 * writeFileSync('map.svg', rateMapSvg(record, { group: 'E', sheet, windows: [[200, 300], [300, 305], [305, 350]] }));
 * ```
 * @module
 */
import { interpolateViridis, scaleSequential } from 'd3';
import type { Sheet } from '../kernel/index.js';
import type { SpikeRecord } from '../stream/recordSpikes.js';
import { bounds } from '../model/bounds.js';
import { escapeXml, svgOpen } from './svgParts.js';

/** Options of {@link rateMapSvg}. */
export interface RateMapOptions {
  /** The placed group. */
  readonly group: string;
  /** Its neurons' positions (`sheetOf`). */
  readonly sheet: Sheet;
  /** Time windows [from, to) in ms, one panel each. */
  readonly windows: ReadonlyArray<readonly [number, number]>;
  /** Highest rate of the color scale, Hz (default: the highest rate in any window). */
  readonly maxRate?: number;
  readonly title?: string;
  /** Side of each panel, px (default 220). */
  readonly panel?: number;
}

/**
 * Each neuron's rate in each window, Hz.
 *
 * @param record - spikes from `recordSpikes`
 * @param group - the group
 * @param windows - [from, to) in ms
 * @returns one array of rates per window
 */
export function windowRates(record: SpikeRecord, group: string, windows: ReadonlyArray<readonly [number, number]>): Float64Array[] {
  const train = record.groups[group];
  if (train === undefined) throw new RangeError(`windowRates: no group "${group}" in the record (groups: ${Object.keys(record.groups).join(', ')})`);
  return windows.map(([from, to]) => {
    if (!(to > from)) throw new RangeError(`windowRates: window [${from}, ${to}) is empty`);
    const counts = new Float64Array(train.size);
    for (let k = 0; k < train.steps.length; k++) {
      const t = train.steps[k]! * record.dt;
      if (t >= from && t < to) counts[train.indices[k]!]! += 1;
    }
    return counts.map((c) => c / ((to - from) / 1000));
  });
}

/**
 * @param record - spikes from `recordSpikes`
 * @param options - the group, its sheet, the windows
 * @returns a standalone SVG document: a panel per window, a cell per neuron, a color bar
 */
export function rateMapSvg(record: SpikeRecord, options: RateMapOptions): string {
  const { sheet, windows } = options;
  const rates = windowRates(record, options.group, windows);
  if (sheet.x.length !== record.groups[options.group]!.size) throw new RangeError(`rateMapSvg: the sheet has ${sheet.x.length} positions, the group ${record.groups[options.group]!.size} neurons`);
  const side = options.panel ?? 220;
  const gap = 16;
  const top = 40;
  const width = windows.length * (side + gap) + gap + 70;
  const height = side + top + 40;
  // The sheet, or the box around given coordinates.
  const [xs, ys] = Number.isFinite(sheet.width) ? [[0, sheet.width], [0, sheet.height]] : [bounds(sheet.x), bounds(sheet.y)];
  const span = Math.max(xs[1]! - xs[0]!, ys[1]! - ys[0]!) || 1;
  const scale = side / span;
  // Each neuron covers the sheet's area over the group's size: a square of that area.
  const cell = Math.max(1, Math.sqrt(((xs[1]! - xs[0]!) * (ys[1]! - ys[0]!) || span * span) / sheet.x.length) * scale);
  const top$ = options.maxRate ?? Math.max(1e-9, ...rates.map((r) => r.reduce((a, b) => Math.max(a, b), 0)));
  const color = scaleSequential(interpolateViridis).domain([0, top$]);
  const parts = [svgOpen(width, height, options.title)];
  windows.forEach(([from, to], w) => {
    const left = gap + w * (side + gap);
    parts.push(`<g class="panel" data-from="${from}" data-to="${to}">`);
    parts.push(`<rect x="${left}" y="${top}" width="${side}" height="${side}" fill="${color(0)}"/>`);
    rates[w]!.forEach((r, i) => {
      const cx = left + (sheet.x[i]! - xs[0]!) * scale;
      const cy = top + side - (sheet.y[i]! - ys[0]!) * scale;
      parts.push(`<rect class="cell" x="${(cx - cell / 2).toFixed(1)}" y="${(cy - cell / 2).toFixed(1)}" width="${cell.toFixed(1)}" height="${cell.toFixed(1)}" fill="${color(Math.min(r, top$))}"/>`);
    });
    parts.push(`<text x="${left + side / 2}" y="${top + side + 18}" text-anchor="middle">${escapeXml(`${from}–${to} ms`)}</text>`, '</g>');
  });
  // The color bar.
  const barX = width - 50;
  for (let k = 0; k < 50; k++) parts.push(`<rect x="${barX}" y="${(top + side - ((k + 1) * side) / 50).toFixed(1)}" width="12" height="${(side / 50 + 0.5).toFixed(1)}" fill="${color((k + 0.5) * (top$ / 50))}"/>`);
  parts.push(`<text x="${barX + 16}" y="${top + 4}">${escapeXml(`${top$.toFixed(0)} Hz`)}</text>`, `<text x="${barX + 16}" y="${top + side}">0</text>`, '</svg>');
  return parts.join('\n');
}
