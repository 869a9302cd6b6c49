/**
 * Runs van Vreeswijk & Sompolinsky 1996's balanced network (BrainPy's version) and writes its
 * raster and rates.
 *
 *   npm run vreeswijk -- [--duration MS=1000] [--seed S=1] [--out DIR=out/vreeswijk1996] [--json]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { clock } from '../../src/index.js';
import { vreeswijk1996 } from './network.js';

const { values } = parseArgs({
  options: { duration: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const duration = Number(values.duration ?? 1000);
const seed = Number(values.seed ?? 1);
if (!(duration > 0 && Number.isInteger(duration * 10) && Number.isInteger(seed) && seed >= 0)) {
  process.stderr.write('vreeswijk: --duration must be a number of ms > 0 (whole steps of 0.1 ms) and --seed a whole number >= 0\n');
  process.exit(2);
}
const summary = await runNetwork(vreeswijk1996(clock({ dt: 0.1, duration }), seed), {
  outDir: resolve(values.out ?? 'out/vreeswijk1996'),
  title: `van Vreeswijk & Sompolinsky 1996 (BrainPy's parameters), seed ${seed}`,
  log: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
});
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`rates: E ${summary.rates.E!.toFixed(2)} Hz, I ${summary.rates.I!.toFixed(2)} Hz; simulation ${summary.simSeconds.toFixed(3)} s\n`);
