/**
 * A line plot as a standalone SVG document: population rates over time, an input and the
 * response to it, membrane potential traces. Each series is one `<path>`, with d3 linear scales
 * and axes; vertical markers flag events such as a stimulus step.
 *
 * @example
 * ```ts
 * import { linePlotSvg } from 'spikestream';
 * const svg = linePlotSvg(
 *   [{ name: 'E rate', x: [0, 1, 2], y: [5, 6, 5.5] }],
 *   { xLabel: 'Time (ms)', yLabel: 'Rate (Hz)', markers: [{ x: 1, label: 'step' }] },
 * );
 * ```
 * @module
 */
import { scaleLinear } from 'd3';
import { bottomAxis, escapeXml, leftAxis, svgOpen } from './svgParts.js';

/** One line. */
export interface LineSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Stroke colour (default: from a fixed palette, in order). */
  readonly color?: string;
  /** Draw dashed. */
  readonly dashed?: boolean;
}

/** Options of {@link linePlotSvg}. */
export interface LinePlotOptions {
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** x range (default: the data's). */
  readonly xlim?: readonly [number, number];
  /** y range (default: the data's, from 0 when all values are positive). */
  readonly ylim?: readonly [number, number];
  /** Vertical lines at x, labelled. */
  readonly markers?: ReadonlyArray<{ readonly x: number; readonly label?: string }>;
  /** Width in px (default 900). */
  readonly width?: number;
  /** Height in px (default 400). */
  readonly height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const MARGIN = { top: 30, right: 150, bottom: 50, left: 70 };

/**
 * Draws line series.
 *
 * @param series - the lines; x and y of equal length
 * @param options - labels, ranges, markers, size
 * @returns a standalone SVG document
 * @throws RangeError naming the series and the point when a value is not finite (a blow-up is
 *   reported, not plotted) or when x and y differ in length
 */
export function linePlotSvg(series: readonly LineSeries[], options: LinePlotOptions = {}): string {
  const width = options.width ?? 900;
  const height = options.height ?? 400;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const s of series) {
    if (s.x.length !== s.y.length) throw new RangeError(`linePlotSvg: series "${s.name}" has ${s.x.length} x values and ${s.y.length} y values`);
    for (let k = 0; k < s.x.length; k++) {
      const [x, y] = [s.x[k]!, s.y[k]!];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`linePlotSvg: series "${s.name}" has a value that is not finite at point ${k}: (${x}, ${y})`);
      [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    }
  }
  if (x0 > x1) [x0, x1, y0, y1] = [0, 1, 0, 1];
  if (y0 >= 0) y0 = 0;
  if (y1 === y0) y1 = y0 + 1;
  const x = scaleLinear().domain(options.xlim ?? [x0, x1]).range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear().domain(options.ylim ?? [y0, y1]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  const parts = [svgOpen(width, height, options.title)];
  const [left, right] = x.range() as [number, number];
  const [bottom, top] = y.range() as [number, number];
  parts.push(`<clipPath id="plot"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath>`);
  for (const m of options.markers ?? []) {
    const px = x(m.x).toFixed(1);
    parts.push(`<line class="marker" x1="${px}" x2="${px}" y1="${top}" y2="${bottom}" stroke="#888" stroke-dasharray="4 3"/>`);
    if (m.label) parts.push(`<text class="marker-label" x="${px}" y="${top - 4}" text-anchor="middle" fill="#555">${escapeXml(m.label)}</text>`);
  }
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    let d = '';
    for (let k = 0; k < s.x.length; k++) d += `${k === 0 ? 'M' : 'L'}${x(s.x[k]!).toFixed(1)} ${y(s.y[k]!).toFixed(1)}`;
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<path class="series" data-name="${escapeXml(s.name)}" d="${d}" stroke="${color}" stroke-width="1.5" fill="none" clip-path="url(#plot)"${dash}/>`);
    const ly = MARGIN.top + 18 * i + 6;
    parts.push(`<line x1="${right + 12}" x2="${right + 36}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`);
    parts.push(`<text class="legend" x="${right + 42}" y="${ly}" dy="0.32em">${escapeXml(s.name)}</text>`);
  });
  parts.push(...bottomAxis(x, bottom, options.xLabel ?? ''), ...leftAxis(y, left, options.yLabel ?? '', 5));
  parts.push('</svg>');
  return parts.join('\n');
}
