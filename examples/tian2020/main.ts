/**
 * Runs the Tian et al. 2020 seed network and writes its raster plot.
 *
 *   npm run demo -- [--duration MS] [--neurons N] [--seed S] [--threads T] [--backend auto|js|wasm] [--connectivity stored|procedural|bits]
 *                   [--synapses shared|weights|stdp|delays] [--max-memory GB] [--out DIR] [--json]
 *
 * `--synapses weights` stores the weights per synapse (the same spikes); `--synapses stdp` lets
 * the E→E synapses learn by pair STDP; `--synapses delays` gives every synapse a delay uniform in
 * [0, 2) ms (see `tian2020`).
 *
 * Progress goes to stderr as the notebook's `report=0.1` does; with --json, one JSON object goes
 * to stdout: rates (Hz per group), spikes, synapses, buildSeconds, simSeconds, files. It runs
 * through the same `runNetwork` as `spikestream run examples/tian2020/network.json`, and writes
 * raster.svg and raster.png, rates.svg, rate-histogram.svg, spikes.csv and spikes.spikes to --out.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { clock } from '../../src/index.js';
import { tian2020 } from './network.js';

function fail(message: string): never {
  process.stderr.write(`tian2020: ${message}\n`);
  process.exit(2);
}

function numberOption(values: Record<string, unknown>, name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!check(n)) fail(`--${name} must be ${what}, got "${String(raw)}"`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: {
        duration: { type: 'string' },
        neurons: { type: 'string' },
        seed: { type: 'string' },
        threads: { type: 'string' },
        backend: { type: 'string' },
        connectivity: { type: 'string' },
        synapses: { type: 'string' },
        'max-memory': { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write('usage: npm run demo -- [--duration MS=100] [--neurons N=10000] [--seed S=0] [--threads T=1|auto] [--backend auto|js|wasm] [--connectivity stored|procedural|bits] [--synapses shared|weights|stdp|delays] [--max-memory GB] [--out DIR=out/tian2020] [--json]\n');
    return;
  }
  const duration = numberOption(values, 'duration', 100, (n) => Number.isFinite(n) && n > 0, 'a number of ms > 0');
  const neurons = numberOption(values, 'neurons', 10_000, (n) => Number.isInteger(n) && n >= 5, 'a whole number >= 5');
  const seed = numberOption(values, 'seed', 0, (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'a whole number in [0, 4294967295]');
  const threads = values.threads === 'auto' ? 'auto' : numberOption(values, 'threads', 1, (n) => Number.isInteger(n) && n >= 1 && n <= 64, 'a whole number in [1, 64] or auto');
  const backend = String(values.backend ?? 'auto');
  if (backend !== 'auto' && backend !== 'js' && backend !== 'wasm') fail(`--backend must be auto, js or wasm, got "${backend}"`);
  const connectivity = String(values.connectivity ?? 'stored');
  if (connectivity !== 'stored' && connectivity !== 'procedural' && connectivity !== 'bits') fail(`--connectivity must be stored, procedural or bits, got "${connectivity}"`);
  const synapses = String(values.synapses ?? 'shared');
  if (synapses !== 'shared' && synapses !== 'weights' && synapses !== 'stdp' && synapses !== 'delays') fail(`--synapses must be shared, weights, stdp or delays, got "${synapses}"`);
  const maxGb = numberOption(values, 'max-memory', 8 * 2 ** 30 / 1e9, (n) => Number.isFinite(n) && n > 0, 'a number of GB > 0');
  const outDir = resolve(String(values.out ?? 'out/tian2020'));

  const dt = 0.1;
  // bits: stored, as bit rows (see BuildOptions.synapseStorage).
  const summary = await runNetwork(tian2020(clock({ dt, duration }), { neurons, seed, connectivity: connectivity === 'procedural' ? 'procedural' : 'stored', synapses }), {
    outDir,
    synapseStorage: connectivity === 'bits' ? 'bits' : 'auto',
    threads,
    backend: backend as 'auto' | 'js' | 'wasm',
    maxBytes: maxGb * 1e9,
    title: `Tian et al. 2020 E/I network, N = ${neurons}, seed ${seed}`,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const rates = Object.entries(summary.rates).map(([g, r]) => `${g} ${r.toFixed(2)} Hz`).join(', ');
    process.stdout.write(
      `rates: ${rates}; ${summary.spikes} spikes; ${summary.synapses} synapses\n` +
        `build ${summary.buildSeconds.toFixed(3)} s, simulation ${summary.simSeconds.toFixed(3)} s (${summary.backend}); wrote ${summary.files.join(', ')}\n`,
    );
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
