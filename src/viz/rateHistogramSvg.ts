/**
 * The distribution of single-neuron firing rates, one histogram per group: how many neurons
 * fired at each rate over the recorded time. Bars are one `<rect class="bar">` each, from d3's
 * `bin` and linear scales; the groups share the bins and stand side by side within each.
 *
 * @example
 * ```ts
 * import { rateHistogramSvg } from 'spikestream';
 * writeFileSync('rates-histogram.svg', rateHistogramSvg(record, { bins: 30 }));
 * ```
 * @module
 */
import { bin as d3bin, scaleLinear } from 'd3';
import type { SpikeRecord } from '../stream/recordSpikes.js';
import { bottomAxis, escapeXml, leftAxis, svgOpen } from './svgParts.js';

/** Options of {@link rateHistogramSvg}. */
export interface RateHistogramOptions {
  /** Groups (default: all in the record). */
  readonly groups?: readonly string[];
  /** Number of bins, approximately: d3 picks round bin edges (default 30). */
  readonly bins?: number;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const MARGIN = { top: 30, right: 120, bottom: 50, left: 70 };

/**
 * The firing rate of every neuron of a group over the record, Hz.
 *
 * @param record - spikes from `recordSpikes`
 * @param group - the group
 * @returns one rate per neuron
 */
export function neuronRates(record: SpikeRecord, group: string): Float64Array {
  const train = record.groups[group];
  if (train === undefined) throw new RangeError(`neuronRates: no group "${group}" in the record (groups: ${Object.keys(record.groups).join(', ')})`);
  const counts = new Float64Array(train.size);
  for (let k = 0; k < train.indices.length; k++) counts[train.indices[k]!]! += 1;
  const seconds = (record.steps * record.dt) / 1000;
  return counts.map((c) => c / seconds);
}

/**
 * @param record - spikes from `recordSpikes`
 * @param options - groups, bins, title, size
 * @returns a standalone SVG document: one bar per non-empty (group, bin), counts of neurons
 */
export function rateHistogramSvg(record: SpikeRecord, options: RateHistogramOptions = {}): string {
  const width = options.width ?? 700;
  const height = options.height ?? 400;
  const names = options.groups ?? Object.keys(record.groups);
  const rates = names.map((name) => neuronRates(record, name));
  let max = 0;
  for (const r of rates) for (const x of r) max = Math.max(max, x);
  const x = scaleLinear().domain([0, max > 0 ? max : 1]).nice().range([MARGIN.left, width - MARGIN.right]);
  const binner = d3bin().domain(x.domain() as [number, number]).thresholds(x.ticks(options.bins ?? 30));
  const histograms = rates.map((r) => binner(Array.from(r)));
  const top = Math.max(1, ...histograms.flatMap((h) => h.map((b) => b.length)));
  const y = scaleLinear().domain([0, top]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  const parts = [svgOpen(width, height, options.title)];
  histograms.forEach((h, g) => {
    const color = PALETTE[g % PALETTE.length]!;
    parts.push(`<g class="histogram" data-group="${escapeXml(names[g]!)}" fill="${color}">`);
    for (const b of h) {
      if (b.length === 0) continue;
      const [x0, x1] = [x(b.x0!), x(b.x1!)];
      const w = (x1 - x0) / names.length;
      const left = x0 + g * w;
      parts.push(`<rect class="bar" x="${left.toFixed(1)}" y="${y(b.length).toFixed(1)}" width="${Math.max(0.5, w - 0.5).toFixed(1)}" height="${(y(0) - y(b.length)).toFixed(1)}" data-count="${b.length}"/>`);
    }
    parts.push('</g>');
    const ly = MARGIN.top + 18 * g + 6;
    parts.push(`<rect x="${width - MARGIN.right + 12}" y="${ly - 5}" width="12" height="10" fill="${color}"/>`);
    parts.push(`<text class="legend" x="${width - MARGIN.right + 30}" y="${ly}" dy="0.32em">${escapeXml(names[g]!)}</text>`);
  });
  parts.push(...bottomAxis(x, height - MARGIN.bottom, 'Firing rate (Hz)'), ...leftAxis(y, MARGIN.left, 'Neurons', 5));
  parts.push('</svg>');
  return parts.join('\n');
}
