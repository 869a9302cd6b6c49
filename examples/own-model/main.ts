/**
 * Runs models written as equations (network.ts): a quadratic integrate-and-fire population and
 * adaptive-threshold neurons it drives through alpha-function synapses, and writes their raster.
 *
 *   npx tsx examples/own-model/main.ts [--duration MS=1000] [--seed S=1] [--out DIR=out/own-model] [--json]
 *
 * The same network as a file: `npx spikestream run examples/own-model/network.json`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { clock } from '../../src/index.js';
import { ownModel } from './network.js';

const { values } = parseArgs({ options: { duration: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
const duration = Number(values.duration ?? 1000);
const seed = Number(values.seed ?? 1);
if (!(Number.isFinite(duration) && duration > 0) || !(Number.isInteger(seed) && seed >= 0)) {
  process.stderr.write('own-model: --duration must be a number of ms > 0 and --seed a whole number >= 0\n');
  process.exit(2);
}
const summary = await runNetwork(ownModel(clock({ dt: 0.1, duration }), { seed }), {
  outDir: resolve(values.out ?? 'out/own-model'),
  title: `Models written as equations: QIF (Q) and adaptive threshold (A), seed ${seed}`,
  log: (line) => process.stderr.write(`${line}\n`),
});
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else {
  const rates = Object.entries(summary.rates).map(([g, r]) => `${g} ${r.toFixed(2)} Hz`).join(', ');
  process.stdout.write(`rates: ${rates}; ${summary.spikes} spikes; simulation ${summary.simSeconds.toFixed(3)} s (${summary.backend}); wrote ${summary.files.join(', ')}\n`);
}
