/**
 * The locally connected balanced network of Tian et al. 2020, against the homogeneous one: a spot
 * of extra drive flashed onto part of the E sheet.
 *
 *   npm run local-response -- [--neurons N=10000] [--trials K=3] [--sigma S=0.2] [--radius R=0.15]
 *                             [--amplitude A=6] [--out DIR=out/tian2020-local] [--json]
 *
 * Each trial runs 400 ms; at 300 ms the E neurons within R of (0.3, 0.6) on the unit torus get
 * A more drive (6: the fast-response example's step, a fifth of the drive). Writes
 * rate-map-{local,homogeneous}.svg/.png (the E rate on the sheet before, during the first 5 ms
 * and from 20 ms after the spot, first trial), raster-by-x-{local,homogeneous}.svg/.png (the E
 * spikes with neurons ordered by their x coordinate) and response.svg/.png (the E rate inside
 * and outside the spot, mean of the trials); --json prints each network's rates, latency and the distance from
 * the response's centre to the spot's, mean over trials.
 */
import { resolve } from 'node:path';
import { svgToPng } from '../../src/cli/svgToPng.js';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { linePlotSvg, rasterSvg, rateMapSvg, type SpikeRecord } from '../../src/index.js';
import { exampleArgs } from '../tian2020-fast-response/exampleArgs.js';
import { meanTrace } from '../tian2020-fast-response/fastResponse.js';
import { maskedTrace, spotTrial, summarize, type SpotOptions, type SpotSummary, type SpotTrial } from './localResponse.js';

const { values, num } = exampleArgs('local-response', { neurons: { type: 'string' }, trials: { type: 'string' }, sigma: { type: 'string' }, radius: { type: 'string' }, amplitude: { type: 'string' }, out: { type: 'string' } });
const neurons = num('neurons', 10_000, (n) => Number.isInteger(n) && n >= 3000, 'a whole number >= 3000 (smaller seed networks are silent)');
const trials = num('trials', 3, (n) => Number.isInteger(n) && n >= 1, 'a whole number >= 1');
const sigma = num('sigma', 0.2, (n) => n >= Math.sqrt(0.25 / (2 * Math.PI)) && n <= 0.5, 'a number in [0.2, 0.5] (below 0.2 the connection probability would pass 1)');
const radius = num('radius', 0.15, (n) => n > 0 && n < 0.5, 'a number in (0, 0.5)');
const amplitude = num('amplitude', 6, (n) => Number.isFinite(n), 'a number');
const outDir = resolve(String(values.out ?? 'out/tian2020-local'));

const networks = { local: sigma, homogeneous: undefined } as const;
const base = { neurons, stepAt: 300, duration: 400, center: [0.3, 0.6] as const, radius, amplitude };
const runs: Record<string, { first: SpotTrial; summaries: SpotSummary[]; inside: ReturnType<typeof maskedTrace>[]; outside: ReturnType<typeof maskedTrace>[] }> = {};
for (const [name, s] of Object.entries(networks)) {
  const summaries: SpotSummary[] = [];
  const inside = [];
  const outside = [];
  let first: SpotTrial | undefined;
  for (let seed = 1; seed <= trials; seed++) {
    const o: SpotOptions = { ...base, seed, sigma: s };
    const trial = await spotTrial(o);
    first ??= trial;
    summaries.push(summarize(trial, o));
    inside.push(maskedTrace(trial, 1, 0.5));
    outside.push(maskedTrace(trial, 0, 0.5));
  }
  runs[name] = { first: first!, summaries, inside, outside };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const result = Object.fromEntries(
  Object.entries(runs).map(([name, r]) => [
    name,
    {
      insideBefore: mean(r.summaries.map((s) => s.inside.before)),
      insideAfter: mean(r.summaries.map((s) => s.inside.after)),
      outsideBefore: mean(r.summaries.map((s) => s.outside.before)),
      outsideAfter: mean(r.summaries.map((s) => s.outside.after)),
      latencyMs: mean(r.summaries.map((s) => s.latencyMs)),
      centreErrorEarly: mean(r.summaries.map((s) => s.centreErrorEarly)),
      centreErrorLate: mean(r.summaries.map((s) => s.centreErrorLate)),
    },
  ]),
);

/**
 * A trial's E spikes with each neuron numbered by its place along x (ties by y), so that a raster
 * shows the spot as a band: the spot's neurons lie in one range of x.
 */
function byPosition(trial: SpotTrial): SpikeRecord {
  const { x, y } = trial.sheet;
  const order = Array.from(x.keys()).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const rank = new Int32Array(order.length);
  order.forEach((i, r) => (rank[i] = r));
  const train = trial.record.groups.E!;
  // Within a step, ascending by the new numbers, as a record's spikes are.
  const k = Array.from(train.steps.keys()).sort((a, b) => train.steps[a]! - train.steps[b]! || rank[train.indices[a]!]! - rank[train.indices[b]!]!);
  return { ...trial.record, groups: { E: { group: 'E', size: train.size, steps: Float64Array.from(k, (j) => train.steps[j]!), indices: Int32Array.from(k, (j) => rank[train.indices[j]!]!) } } };
}

const windows = [[200, 300], [300, 305], [320, 400]] as const;
const maxRate = 40;
const figures: Array<[string, string]> = [
  ...Object.entries(runs).map(([name, r]): [string, string] => [
    `rate-map-${name}.svg`,
    rateMapSvg(r.first.record, { group: 'E', sheet: r.first.sheet, windows, maxRate, title: `${name === 'local' ? `Local network (σ = ${sigma})` : 'Homogeneous network'}: E rate on the sheet; spot at (0.3, 0.6), r = ${radius}, from 300 ms` }),
  ]),
  ...Object.entries(runs).map(([name, r]): [string, string] => [
    `raster-by-x-${name}.svg`,
    rasterSvg(byPosition(r.first), { xlim: [250, 400], title: `${name === 'local' ? `Local network (σ = ${sigma})` : 'Homogeneous network'}: E spikes, neurons ordered by x; spot on x ∈ [0.15, 0.45] from 300 ms` }),
  ]),
  [
    'response.svg',
    linePlotSvg(
      Object.entries(runs).flatMap(([name, r]) => {
        const [i, o] = [meanTrace(r.inside), meanTrace(r.outside)];
        return [
          { name: `${name === 'local' ? 'local' : 'homog.'} in`, x: i.t.map((t) => t + 0.25), y: i.rate, color: name === 'local' ? '#d62728' : '#1f77b4' },
          { name: `${name === 'local' ? 'local' : 'homog.'} out`, x: o.t.map((t) => t + 0.25), y: o.rate, color: name === 'local' ? '#d62728' : '#1f77b4', dashed: true },
        ];
      }),
      { title: `E rate inside and outside the spot, mean of ${trials} trials (N = ${neurons})`, xLabel: 'Time (ms)', yLabel: 'Rate (Hz)', xlim: [250, 400], markers: [{ x: 300, label: 'spot on' }] },
    ),
  ],
];
const files = writeFilesAtomically(outDir, [...figures, ...figures.map(([name, svg]): [string, Uint8Array] => [name.replace(/\.svg$/, '.png'), svgToPng(svg, { scale: 2 })])]);
if (values.json) process.stdout.write(`${JSON.stringify({ sigma, radius, amplitude, trials, ...result, files })}\n`);
else {
  for (const [name, r] of Object.entries(result)) {
    process.stdout.write(
      `${name}: inside the spot ${r.insideBefore.toFixed(2)} -> ${r.insideAfter.toFixed(2)} Hz, outside ${r.outsideBefore.toFixed(2)} -> ${r.outsideAfter.toFixed(2)} Hz; ` +
        `latency to 63% ${r.latencyMs.toFixed(2)} ms; response centre ${r.centreErrorEarly.toFixed(3)} (first 5 ms) and ${r.centreErrorLate.toFixed(3)} (from 20 ms) from the spot's\n`,
    );
  }
  process.stdout.write(`wrote ${files.join(', ')}\n`);
}
