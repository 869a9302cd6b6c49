/**
 * Runs Brunel 2000's model A and writes its raster and rates.
 *
 *   npm run brunel -- [--g 5] [--eta 2] [--duration MS=500] [--seed S=1] [--threads T=1] [--out DIR=out/brunel2000] [--json]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { clock } from '../../src/index.js';
import { brunel2000 } from './network.js';

const { values } = parseArgs({
  options: { g: { type: 'string' }, eta: { type: 'string' }, duration: { type: 'string' }, seed: { type: 'string' }, threads: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const g = Number(values.g ?? 5);
const eta = Number(values.eta ?? 2);
const duration = Number(values.duration ?? 500);
const seed = Number(values.seed ?? 1);
const threads = Number(values.threads ?? 1);
if (!(g >= 0 && eta >= 0 && duration > 0 && Number.isInteger(duration * 10) && Number.isInteger(seed) && seed >= 0 && Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
  process.stderr.write('brunel: --g and --eta must be numbers >= 0, --duration a number of ms > 0 (whole steps of 0.1 ms), --seed a whole number >= 0, --threads a whole number in [1, 64]\n');
  process.exit(2);
}
const summary = await runNetwork(brunel2000(clock({ dt: 0.1, duration }), { g, eta, seed }), {
  outDir: resolve(values.out ?? 'out/brunel2000'),
  threads,
  title: `Brunel 2000, model A, g = ${g}, eta = ${eta}, seed ${seed}`,
  log: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
});
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`rates: E ${summary.rates.E!.toFixed(2)} Hz, I ${summary.rates.I!.toFixed(2)} Hz; simulation ${summary.simSeconds.toFixed(3)} s\n`);
