/**
 * Reward from a closed loop gates learning (see rewardLearning.ts).
 *
 *   npm run reward -- [--seconds S=30] [--seed N=1] [--out DIR=out/reward-stdp]
 *
 * Prints the output's spikes per epoch of A and of B, first and last few seconds, and writes
 * reward.svg: spikes per epoch and the inputs' mean weights over time.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lastValueFrom, toArray } from 'rxjs';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { linePlotSvg } from '../../src/index.js';
import { rewardLearning } from './rewardLearning.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, out: { type: 'string' } } });
const seconds = Number(values.seconds);
const seed = Number(values.seed);
if (!(Number.isInteger(seconds) && seconds >= 2) || !(Number.isInteger(seed) && seed >= 0)) {
  process.stderr.write(`reward: --seconds must be a whole number >= 2 and --seed a whole number >= 0, got "${values.seconds}", "${values.seed}"\n`);
  process.exit(2);
}
const t0 = performance.now();
const epochs = await lastValueFrom(rewardLearning({ seconds, seed }).pipe(toArray()));
const perEpoch = (input: 'A' | 'B', from: number, to: number): number => {
  const xs = epochs.filter((e) => e.input === input && e.t > from && e.t <= to).map((e) => e.spikes);
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
};
const last = epochs[epochs.length - 1]!;
process.stdout.write(
  `first 4 s: ${perEpoch('A', 0, 4000).toFixed(1)} spikes per A epoch, ${perEpoch('B', 0, 4000).toFixed(1)} per B epoch\n` +
    `last 4 s:  ${perEpoch('A', last.t - 4000, last.t).toFixed(1)} per A epoch, ${perEpoch('B', last.t - 4000, last.t).toFixed(1)} per B epoch\n` +
    `mean weights from A ${last.wA.toFixed(3)}, from B ${last.wB.toFixed(3)} (both drawn from uniform(0.03, 0.05))\n`,
);
const t = epochs.map((e) => e.t / 1000);
const [file] = writeFilesAtomically(resolve(values.out ?? 'out/reward-stdp'), [
  [
    'reward.svg',
    linePlotSvg(
      [
        { name: 'mean weight from A × 100', x: t, y: epochs.map((e) => 100 * e.wA) },
        { name: 'mean weight from B × 100', x: t, y: epochs.map((e) => 100 * e.wB) },
        { name: 'output spikes per A epoch', x: epochs.filter((e) => e.input === 'A').map((e) => e.t / 1000), y: epochs.filter((e) => e.input === 'A').map((e) => e.spikes), dashed: true },
        { name: 'output spikes per B epoch', x: epochs.filter((e) => e.input === 'B').map((e) => e.t / 1000), y: epochs.filter((e) => e.input === 'B').map((e) => e.spikes), dashed: true },
      ],
      { title: `Reward-gated STDP in a closed loop (seed ${seed})`, xLabel: 'Time (s)', yLabel: '' },
    ),
  ],
]);
process.stdout.write(`${seconds} s in ${((performance.now() - t0) / 1000).toFixed(1)} s; figure: ${file}\n`);
