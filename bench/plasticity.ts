/**
 * Per-synapse weights and learning, measured in one run:
 *
 *   npm run bench:stdp -- [--repeats R=3] [--seeds S=5] [--no-brian2]
 *
 * 1. The seed network (N = 10,000, 1 s, one thread) with its weights shared (as the notebook),
 *    stored per synapse (all 1: the same spikes), and with its E→E synapses learning by pair STDP
 *    (examples/tian2020 `synapses: 'stdp'`), on one thread (WebAssembly, and JavaScript) and two
 *    (JavaScript), and with a delay of its own
 *    on every synapse (`synapses: 'delays'`, in WebAssembly on one and two threads and in
 *    JavaScript): simulation time, best of R
 *    interleaved runs, and the ratios. Targets: per-synapse weights at most 1.3x shared; STDP at most 1.0x Brian2 C++
 *    standalone running the same rule with its event-driven traces (bench/brian2/tian2020.py
 *    --stdp, the network run as Brian2 records it).
 * 2. Song et al. 2000 (examples/stdp-song2000, 100 s) over S seeds against Brian2's own example
 *    (bench/brian2/song2000.py) over the same number: the output rate and the final weights'
 *    shape, mean ± standard deviation, and the simulation times.
 *
 * Brian2 runs when `/usr/bin/python3 -c 'import brian2'` works (apt-get install python3-brian).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { forkJoin, lastValueFrom, share } from 'rxjs';
import { clock, recordSpikes, recordWeights } from '../src/index.js';
import { tian2020 } from '../examples/tian2020/network.js';
import { params, song2000 } from '../examples/stdp-song2000/network.js';
import { summary } from '../examples/stdp-song2000/summary.js';

const { values } = parseArgs({ options: { repeats: { type: 'string' }, seeds: { type: 'string' }, 'no-brian2': { type: 'boolean' } } });
const repeats = Number(values.repeats ?? 3);
const seeds = Number(values.seeds ?? 5);
const python = '/usr/bin/python3';
const haveBrian2 = values['no-brian2'] !== true && spawnSync(python, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0;
const brian2 = (script: string, args: string[]): Record<string, number> =>
  JSON.parse(execFileSync(python, [script, ...args], { cwd: 'bench/brian2', encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!) as Record<string, number>;

// 1. The seed network.
const variants = [
  ['shared', 'shared', 1, 'auto'],
  ['weights', 'weights', 1, 'auto'],
  ['stdp', 'stdp', 1, 'auto'],
  ['stdp, js', 'stdp', 1, 'js'],
  ['stdp, 2 threads', 'stdp', 2, 'auto'],
  ['delays', 'delays', 1, 'auto'],
  ['delays, 2 threads', 'delays', 2, 'auto'],
  ['delays, js', 'delays', 1, 'js'],
] as const;
const best: Record<string, number> = {};
const rates: Record<string, number> = {};
for (let r = 0; r < repeats; r++) {
  for (const [name, synapses, threads, backend] of variants) {
    const sim = tian2020(clock({ dt: 0.1, duration: 1000 }), { seed: 1, synapses }).build({ threads, backend });
    const t0 = performance.now();
    const record = await lastValueFrom(sim.pipe(recordSpikes()));
    const seconds = (performance.now() - t0) / 1000;
    best[name] = Math.min(best[name] ?? Infinity, seconds);
    rates[name] = record.groups.E!.indices.length / 8000;
    if (r === 0) console.log(`  ${name.padEnd(16)} backend ${sim.backend}`);
  }
}
console.log('Seed network, N = 10,000, 1 s: simulation seconds (best of %d), E rate', repeats);
for (const [v] of variants) console.log(`  ${v.padEnd(16)} ${best[v]!.toFixed(3)} s  ${rates[v]!.toFixed(2)} Hz`);
console.log(`  stdp, WebAssembly / JavaScript (one thread; the rule in JavaScript in both): ${(best.stdp! / best['stdp, js']!).toFixed(2)}x`);
console.log(`  stdp, 2 threads (JavaScript) / 1 thread (WebAssembly): ${(best['stdp, 2 threads']! / best.stdp!).toFixed(2)}x`);
console.log(`  per-synapse weights / shared: ${(best.weights! / best.shared!).toFixed(2)}x (target <= 1.3x)`);
console.log(`  per-synapse delays (uniform in [0, 2) ms) / shared: ${(best.delays! / best.shared!).toFixed(2)}x; 2 threads / 1: ${(best['delays, 2 threads']! / best.delays!).toFixed(2)}x; WebAssembly / JavaScript: ${(best.delays! / best['delays, js']!).toFixed(2)}x`);
if (haveBrian2) {
  const theirs = brian2('tian2020.py', ['--stdp', '--dir', '/tmp/brian2-tian-stdp']);
  console.log(`  Brian2 C++ standalone, same STDP: ${theirs.simSeconds!.toFixed(3)} s, E rate ${(theirs as unknown as { rates: Record<string, number> }).rates.E!.toFixed(2)} Hz`);
  console.log(`  STDP / Brian2: ${(best.stdp! / theirs.simSeconds!).toFixed(2)}x (target <= 1.0x)`);
}

// 2. Song et al. 2000.
const stats = (xs: number[]): string => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${mean.toFixed(3)} ± ${sd.toFixed(3)}`;
};
const ours: { rateHz: number; fractionAboveHalf: number; fractionNearBounds: number; simSeconds: number }[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const sim = song2000(clock({ dt: 0.1, duration: 100_000 }), { seed, sampleEvery: 1_000_000 }).build();
  const frames$ = sim.pipe(share());
  const t0 = performance.now();
  const [w, s] = await lastValueFrom(forkJoin([frames$.pipe(recordWeights('w')), frames$.pipe(recordSpikes(['neuron']))]));
  ours.push({ ...summary(w, s, params.gmax), simSeconds: (performance.now() - t0) / 1000 });
}
const theirs = haveBrian2 ? Array.from({ length: seeds }, (_, k) => brian2('song2000.py', ['--seed', String(k + 1), '--duration', '100000'])) : [];
console.log(`Song et al. 2000, 100 s, seeds 1-${seeds}: mean ± sd`);
for (const key of ['rateHz', 'fractionAboveHalf', 'fractionNearBounds', 'simSeconds'] as const) {
  console.log(`  ${key.padEnd(19)} spikestream ${stats(ours.map((o) => o[key]))}${theirs.length > 0 ? `   Brian2 ${stats(theirs.map((t) => t[key]!))}` : ''}`);
}
