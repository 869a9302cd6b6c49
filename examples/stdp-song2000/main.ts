/**
 * Song, Miller & Abbott 2000: 1,000 Poisson inputs, one neuron, additive STDP (Brian2's
 * `synapses/STDP.py`), for 100 s of biological time.
 *
 *   npm run stdp -- [--seed S=1] [--duration MS=100000] [--out DIR=out/stdp-song2000] [--json]
 *
 * Writes weights.svg (the weight distribution over time) and final-weights.svg (its last
 * histogram, w / gmax), and prints the fraction of weights above gmax/2 and the output rate.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { forkJoin, lastValueFrom, share } from 'rxjs';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { clock, recordSpikes, recordWeights, weightDistributionSvg, linePlotSvg } from '../../src/index.js';
import { params, song2000 } from './network.js';
import { summary } from './summary.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, duration: { type: 'string', default: '100000' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
const seed = Number(values.seed);
const duration = Number(values.duration);
if (!(Number.isInteger(seed) && seed >= 0) || !(duration > 0 && Number.isInteger(duration / 1000))) {
  process.stderr.write(`stdp: --seed must be a whole number >= 0 and --duration a whole number of seconds in ms, got "${values.seed}", "${values.duration}"\n`);
  process.exit(2);
}

const t0 = performance.now();
const sim = song2000(clock({ dt: 0.1, duration }), { seed }).build();
const frames$ = sim.pipe(share());
const done = lastValueFrom(forkJoin([frames$.pipe(recordWeights('w')), frames$.pipe(recordSpikes(['neuron']))]));
const [weights, spikes] = await done;
const seconds = (performance.now() - t0) / 1000;
const result = { seed, ...summary(weights, spikes, params.gmax), wallSeconds: +seconds.toFixed(2) };
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const last = weights.values.subarray(weights.values.length - weights.width);
  const h = histogram(last);
  const files = writeFilesAtomically(resolve(values.out ?? 'out/stdp-song2000'), [
    ['weights.svg', weightDistributionSvg(weights, { domain: [0, params.gmax], bins: 40, title: `Input weights over ${duration / 1000} s of STDP (Song et al. 2000, seed ${seed})` })],
    ['final-weights.svg', linePlotSvg([{ name: 'synapses', x: h.x, y: h.y }], { title: `Final weights after ${duration / 1000} s`, xLabel: 'w / gmax', yLabel: 'Synapses' })],
  ]);
  process.stdout.write(
    `${duration / 1000} s in ${seconds.toFixed(1)} s: output rate ${result.rateHz.toFixed(1)} Hz, ` +
      `${(100 * result.fractionAboveHalf).toFixed(1)}% of weights above gmax/2, ${(100 * result.fractionNearBounds).toFixed(1)}% within 10% of 0 or gmax\n` +
      `figures: ${files.join(', ')}\n`,
  );
}

/** A histogram of w / gmax in 20 bins, as points at the bins' centres. */
function histogram(w: Float64Array): { x: number[]; y: number[] } {
  const counts = new Array<number>(20).fill(0);
  for (const v of w) counts[Math.min(19, Math.floor((v / params.gmax) * 20))]!++;
  return { x: counts.map((_, k) => (k + 0.5) / 20), y: counts };
}
