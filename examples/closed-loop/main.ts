/**
 * Clamp the seed network's E rate at 10 Hz, then at 15 Hz from 500 ms, by closed-loop control
 * of its drive.
 *
 *   npm run closed-loop -- [--realtime] [--neurons N=10000] [--out DIR=out/closed-loop]
 *
 * Prints one line per 50 ms and writes closed-loop.svg (rate, target and drive over time).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lastValueFrom, toArray } from 'rxjs';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { linePlotSvg } from '../../src/index.js';
import { clampRate } from './clampRate.js';

const { values } = parseArgs({ options: { realtime: { type: 'boolean', default: false }, neurons: { type: 'string' }, out: { type: 'string' } } });
// In real time every step must finish within its 0.1 ms, its frame included (npm run
// bench:pacing measures the seed network so).
const neurons = Number(values.neurons ?? 10_000);
if (!(Number.isInteger(neurons) && neurons >= 3000)) {
  process.stderr.write(`closed-loop: --neurons must be a whole number >= 3000, got "${values.neurons}"\n`);
  process.exit(2);
}
const target = (t: number): number => (t <= 500 ? 10 : 15);

const samples$ = clampRate({ neurons, duration: 1000, target, realtime: values.realtime });
samples$.subscribe(({ t, rate, target, muF }) => {
  if ((t + 10) % 50 === 0) process.stdout.write(`t ${String(t + 10).padStart(4)} ms  rate ${rate.toFixed(1).padStart(5)} Hz  target ${target} Hz  mu_f ${muF.toFixed(3)}\n`);
});
const t0 = performance.now();
const samples = await lastValueFrom(samples$.pipe(toArray()));
const seconds = (performance.now() - t0) / 1000;
const t = samples.map((s) => s.t + 10);
const [file] = writeFilesAtomically(resolve(values.out ?? 'out/closed-loop'), [
  [
    'closed-loop.svg',
    linePlotSvg(
      [
        { name: 'E rate (10 ms)', x: t, y: samples.map((s) => s.rate) },
        { name: 'target', x: t, y: samples.map((s) => s.target), dashed: true },
        { name: 'mu_f × 100', x: t, y: samples.map((s) => 100 * s.muF) },
      ],
      { title: `Seed network, E rate clamped by its drive (N = ${neurons}${values.realtime ? ', real time' : ''})`, xLabel: 'Time (ms)', yLabel: 'Hz' },
    ),
  ],
]);
process.stdout.write(`1 s of biological time in ${seconds.toFixed(2)} s of wall time; figure: ${file}\n`);
