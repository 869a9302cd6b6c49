/**
 * Runs the Tian et al. 2020 seed network and writes its raster plot.
 *
 *   npm run demo -- [--duration MS] [--neurons N] [--seed S] [--out DIR] [--json]
 *
 * Progress goes to stderr as the notebook's `report=0.1` does; with --json, one JSON object goes
 * to stdout: rates (Hz per group), spikes, synapses, buildSeconds, simSeconds, files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lastValueFrom, share } from 'rxjs';
import { clock, progress, rasterSvg, recordSpikes } from '../../src/index.js';
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
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write('usage: npm run demo -- [--duration MS=100] [--neurons N=10000] [--seed S=0] [--out DIR=out/tian2020] [--json]\n');
    return;
  }
  const duration = numberOption(values, 'duration', 100, (n) => Number.isFinite(n) && n > 0, 'a number of ms > 0');
  const neurons = numberOption(values, 'neurons', 10_000, (n) => Number.isInteger(n) && n >= 5, 'a whole number >= 5');
  const seed = numberOption(values, 'seed', 0, (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'a whole number in [0, 4294967295]');
  const outDir = resolve(String(values.out ?? 'out/tian2020'));

  const dt = 0.1;
  let t0 = performance.now();
  const sim = tian2020(clock({ dt, duration }), { neurons, seed }).build();
  const buildSeconds = (performance.now() - t0) / 1000;
  process.stderr.write(`Built ${neurons} neurons and ${sim.synapseCount} synapses in ${buildSeconds.toFixed(3)} s.\nStart running ...\n`);

  t0 = performance.now();
  const frames$ = sim.pipe(share());
  frames$.pipe(progress(0.1)).subscribe((p) => process.stderr.write(`Run ${(p.fraction * 100).toFixed(1)}% used ${p.seconds.toFixed(3)} s.\n`));
  const record = await lastValueFrom(frames$.pipe(recordSpikes()));
  const simSeconds = (performance.now() - t0) / 1000;
  process.stderr.write(`Simulation is done in ${simSeconds.toFixed(3)} s.\n`);

  const rates: Record<string, number> = {};
  let spikes = 0;
  for (const [name, train] of Object.entries(record.groups)) {
    rates[name] = train.indices.length / train.size / (duration / 1000);
    spikes += train.indices.length;
  }
  mkdirSync(outDir, { recursive: true });
  const raster = join(outDir, 'raster.svg');
  writeFileSync(raster, rasterSvg(record, { groups: ['E', 'I'], xlim: [0, duration], title: `Tian et al. 2020 E/I network, N = ${neurons}, seed ${seed}` }));
  const summary = { neurons, durationMs: duration, seed, dt, rates, spikes, synapses: sim.synapseCount, buildSeconds, simSeconds, files: [raster] };
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(
      `rates: ${Object.entries(rates).map(([g, r]) => `${g} ${r.toFixed(2)} Hz`).join(', ')}; ${spikes} spikes; ${sim.synapseCount} synapses\n` +
        `build ${buildSeconds.toFixed(3)} s, simulation ${simSeconds.toFixed(3)} s; raster: ${raster}\n`,
    );
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
