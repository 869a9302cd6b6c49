/**
 * Runs the COBA benchmark and writes its raster; the same run path as the seed network's demo.
 *
 *   npm run coba -- [--duration MS=1000] [--seed S=1] [--out DIR=out/coba] [--json]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { clock } from '../../src/index.js';
import { coba } from './network.js';

const { values } = parseArgs({ options: { duration: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
const duration = Number(values.duration ?? 1000);
const seed = Number(values.seed ?? 1);
if (!(duration > 0 && Number.isInteger(duration * 10)) || !(Number.isInteger(seed) && seed >= 0)) {
  process.stderr.write('coba: --duration must be a number of ms > 0 (whole steps of 0.1 ms) and --seed a whole number >= 0\n');
  process.exit(2);
}
const summary = await runNetwork(coba(clock({ dt: 0.1, duration }), seed), {
  outDir: resolve(values.out ?? 'out/coba'),
  title: `COBA (Brette et al. 2007), seed ${seed}`,
  log: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
});
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`rates: E ${summary.rates.E!.toFixed(2)} Hz, I ${summary.rates.I!.toFixed(2)} Hz; simulation ${summary.simSeconds.toFixed(3)} s\n`);
