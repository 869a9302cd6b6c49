/**
 * State variable traces over time, one line per sampled neuron, from `recordSamples` (for
 * example membrane potentials from `sampleState('v', { target: 'E', variable: 'V', indices })`).
 *
 * @example
 * ```ts
 * import { tracesSvg } from 'spikestream';
 * writeFileSync('v.svg', tracesSvg(samples, { yLabel: 'V (mV)', threshold: 15 }));
 * ```
 * @module
 */
import type { SampleRecord } from '../stream/recordSamples.js';
import { linePlotSvg } from './linePlotSvg.js';

/** Options of {@link tracesSvg}. */
export interface TracesSvgOptions {
  readonly title?: string;
  /** y-axis label (default the probe's name). */
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * @param samples - a record from `recordSamples`
 * @param options - title, label, size
 * @returns a standalone SVG document, one `<path class="series">` per sampled neuron, one
 *   point per step (time = step · dt)
 * @throws RangeError when a sample is not finite (a blow-up is reported, not plotted)
 */
export function tracesSvg(samples: SampleRecord, options: TracesSvgOptions = {}): string {
  const width = samples.indices.length;
  const t = new Float64Array(samples.steps).map((_, k) => (samples.startStep + k) * samples.dt);
  const series = samples.indices.map((index, j) => ({
    name: `${samples.name}[${index}]`,
    x: t,
    y: new Float64Array(samples.steps).map((_, k) => samples.values[k * width + j]!),
  }));
  return linePlotSvg(series, { title: options.title, xLabel: 'Time (ms)', yLabel: options.yLabel ?? samples.name, width: options.width, height: options.height });
}
