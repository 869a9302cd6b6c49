/**
 * Runs one of Brette et al. 2007's benchmarks, CUBA (examples/cuba), COBA (examples/coba) or
 * COBAHH (examples/cobahh), and writes its raster and rates; the same run path as the seed
 * network's demo.
 *
 *   npm run cuba -- [--duration MS=1000] [--seed S=1] [--threads T=1] [--out DIR=out/cuba] [--json]
 *   npm run coba -- [--duration MS=1000] [--seed S=1] [--threads T=1] [--out DIR=out/coba] [--json] [--equations]
 *   npm run cobahh -- [--duration MS=1000] [--seed S=1] [--threads T=1] [--out DIR=out/cobahh] [--json] [--equations]
 *
 * `--equations` (COBA and COBAHH) runs the network as Brian2 writes it, its neurons as equations
 * in the equation language (`cobaEquations`, `cobahhEquations`) with the conductances as their
 * variables, instead of the built-in kinds.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { clock, type Clock } from '../../src/index.js';
import { coba } from '../coba/network.js';
import { cobahh } from '../cobahh/network.js';
import { cuba } from '../cuba/network.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    duration: { type: 'string' },
    seed: { type: 'string' },
    threads: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    equations: { type: 'boolean', default: false },
  },
});
const models = {
  cuba,
  coba: (clock$: Clock, seed: number) => coba(clock$, seed, { asEquations: values.equations }),
  cobahh: (clock$: Clock, seed: number) => cobahh(clock$, seed, { asEquations: values.equations }),
};
const model = values.model as keyof typeof models;
const duration = Number(values.duration ?? 1000);
const seed = Number(values.seed ?? 1);
const threads = Number(values.threads ?? 1);
if (!(model in models) || (values.equations && model === 'cuba') || !(duration > 0 && Number.isInteger(duration * 10)) || !(Number.isInteger(seed) && seed >= 0) || !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
  process.stderr.write('brette2007: --model must be cuba, coba or cobahh, --duration a number of ms > 0 (whole steps of 0.1 ms), --seed a whole number >= 0 and --threads a whole number in [1, 64]; --equations is for coba and cobahh\n');
  process.exit(2);
}
const summary = await runNetwork(models[model](clock({ dt: 0.1, duration }), seed), {
  outDir: resolve(values.out ?? `out/${model}`),
  threads,
  title: `${model.toUpperCase()} (Brette et al. 2007), seed ${seed}`,
  log: values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
});
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else process.stdout.write(`rates: E ${summary.rates.E!.toFixed(2)} Hz, I ${summary.rates.I!.toFixed(2)} Hz; simulation ${summary.simSeconds.toFixed(3)} s\n`);
