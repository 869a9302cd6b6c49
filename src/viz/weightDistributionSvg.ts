/**
 * The distribution of a projection's weights over time, from a weight probe's record: one
 * column per sample, its cells the fraction of the synapses whose weight falls in each bin
 * (darker: more), so that learning shows as weights moving between bins (Song et al. 2000's
 * bimodal split shows as two dark bands at the bounds). Cells are `<rect class="cell">`,
 * from d3's `bin` and linear scales; with `final: true`, a histogram of the last sample.
 *
 * @example
 * ```ts
 * import { weightDistributionSvg } from 'spikestream';
 * writeFileSync('weights.svg', weightDistributionSvg(record, { bins: 40, title: 'Input weights' }));
 * ```
 * @module
 */
import { bin as d3bin, scaleLinear } from 'd3';
import type { WeightRecord } from '../stream/recordWeights.js';
import { bottomAxis, escapeXml, leftAxis, svgOpen } from './svgParts.js';

/** Options of {@link weightDistributionSvg}. */
export interface WeightDistributionOptions {
  /** Number of weight bins, approximately: d3 picks round bin edges (default 30). */
  readonly bins?: number;
  /** The weight axis (default: the record's smallest to largest weight). */
  readonly domain?: readonly [number, number];
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { top: 30, right: 30, bottom: 50, left: 70 };

/**
 * @param record - a weight probe's record (`recordWeights`), at least one sample
 * @param options - bins, weight range, title, size
 * @returns a standalone SVG document
 * @throws RangeError for an empty record or a weight that is not finite
 */
export function weightDistributionSvg(record: WeightRecord, options: WeightDistributionOptions = {}): string {
  const width = options.width ?? 700;
  const height = options.height ?? 400;
  const n = record.steps.length;
  if (n === 0 || record.width === 0) throw new RangeError(`weightDistributionSvg: record "${record.name}" has no samples`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < record.values.length; k++) {
    const w = record.values[k]!;
    if (!Number.isFinite(w)) throw new RangeError(`weightDistributionSvg: record "${record.name}" has a weight that is not finite (${w}) at sample ${Math.floor(k / record.width)}`);
    lo = Math.min(lo, w);
    hi = Math.max(hi, w);
  }
  const [w0, w1] = options.domain ?? [lo, hi > lo ? hi : lo + 1];
  const seconds = record.steps.map((s) => (s * record.dt) / 1000);
  const last = seconds[n - 1]!;
  // Each sample's column reaches to the next sample (the last one as wide as the one before).
  const span = n > 1 ? last - seconds[n - 2]! : 1;
  const x = scaleLinear().domain([seconds[0]!, last + span]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain([w0, w1]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  const binner = d3bin().domain(y.domain() as [number, number]).thresholds(y.ticks(options.bins ?? 30));
  const parts = [svgOpen(width, height, options.title)];
  parts.push(`<g class="distribution" data-projection="${escapeXml(record.projection)}">`);
  for (let k = 0; k < n; k++) {
    const bins = binner(Array.from(record.values.subarray(k * record.width, (k + 1) * record.width)));
    const [xa, xb] = [x(seconds[k]!), x(k + 1 < n ? seconds[k + 1]! : last + span)];
    for (const b of bins) {
      if (b.length === 0) continue;
      const fraction = b.length / record.width;
      // Shade by fraction, with a floor so that a lone synapse still shows.
      const shade = Math.round(235 * (1 - Math.min(1, 0.15 + Math.sqrt(fraction))));
      parts.push(
        `<rect class="cell" x="${xa.toFixed(1)}" y="${y(b.x1!).toFixed(1)}" width="${Math.max(0.5, xb - xa).toFixed(1)}" height="${Math.max(0.5, y(b.x0!) - y(b.x1!)).toFixed(1)}" fill="rgb(${shade},${shade},${Math.min(255, shade + 20)})" data-fraction="${fraction.toFixed(4)}"/>`,
      );
    }
  }
  parts.push('</g>');
  parts.push(...bottomAxis(x, height - MARGIN.bottom, 'Time (s)'), ...leftAxis(y, MARGIN.left, `Weight (${record.projection})`, 5));
  parts.push('</svg>');
  return parts.join('\n');
}
