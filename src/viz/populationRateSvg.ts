/**
 * Population firing rates over time, one line per group, from a spike record: the spikes of
 * each group in bins of `bin` ms, divided by the group's size and the bin length.
 *
 * @example
 * ```ts
 * import { populationRateSvg } from 'spikestream';
 * writeFileSync('rates.svg', populationRateSvg(record, { bin: 2 }));
 * ```
 * @module
 */
import type { SpikeRecord } from '../stream/recordSpikes.js';
import { linePlotSvg } from './linePlotSvg.js';

/** Options of {@link populationRateSvg}. */
export interface PopulationRateSvgOptions {
  /** Groups to draw (default: all in the record). */
  readonly groups?: readonly string[];
  /** Bin width, ms (default 1). */
  readonly bin?: number;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * The binned rate of one group: bin starts (ms) and rates (Hz). A last partial bin is dropped.
 *
 * @param record - spikes from `recordSpikes`
 * @param group - the group
 * @param bin - bin width, ms
 * @returns times and rates
 */
export function binnedRate(record: SpikeRecord, group: string, bin: number): { t: Float64Array; rate: Float64Array } {
  const train = record.groups[group];
  if (train === undefined) throw new RangeError(`binnedRate: no group "${group}" in the record (groups: ${Object.keys(record.groups).join(', ')})`);
  const t0 = record.startStep * record.dt;
  const bins = Math.floor((record.steps * record.dt) / bin + 1e-9);
  const counts = new Float64Array(bins);
  for (let k = 0; k < train.steps.length; k++) {
    const b = Math.floor((train.steps[k]! * record.dt - t0) / bin + 1e-9);
    if (b >= 0 && b < bins) counts[b]! += 1;
  }
  return { t: new Float64Array(bins).map((_, b) => t0 + b * bin), rate: counts.map((c) => c / train.size / (bin / 1000)) };
}

/**
 * @param record - spikes from `recordSpikes`
 * @param options - groups, bin width, title, size
 * @returns a standalone SVG document, one `<path class="series">` per group, points at bin centres
 */
export function populationRateSvg(record: SpikeRecord, options: PopulationRateSvgOptions = {}): string {
  const bin = options.bin ?? 1;
  if (!(bin > 0 && Number.isFinite(bin))) throw new RangeError(`populationRateSvg: bin must be a number of ms > 0, got ${bin}`);
  const series = (options.groups ?? Object.keys(record.groups)).map((name) => {
    const { t, rate } = binnedRate(record, name, bin);
    return { name, x: t.map((x) => x + bin / 2), y: rate };
  });
  return linePlotSvg(series, {
    title: options.title,
    xLabel: 'Time (ms)',
    yLabel: `Population rate (Hz, ${bin} ms bins)`,
    xlim: [record.startStep * record.dt, (record.startStep + record.steps) * record.dt],
    width: options.width,
    height: options.height,
  });
}
