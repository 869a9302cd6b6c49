/**
 * `threads: 'auto'` against one thread, on this machine, for the examples:
 *
 *   npm run bench:auto -- [--repeats R=3]
 *
 * For each network, what `'auto'` picks, and where it picks more than one thread, the best
 * simulation time of each (interleaved, R rounds) and their ratio (target: at most 1, that is,
 * never slower than one thread).
 */
import { parseArgs } from 'node:util';
import { lastValueFrom } from 'rxjs';
import { brunel2000 } from '../examples/brunel2000/network.js';
import { coba } from '../examples/coba/network.js';
import { cobahh } from '../examples/cobahh/network.js';
import { cuba } from '../examples/cuba/network.js';
import { ownModel } from '../examples/own-model/network.js';
import { tian2020 } from '../examples/tian2020/network.js';
import { vreeswijk1996 } from '../examples/vreeswijk1996/network.js';
import { clock, recordSpikes, type Clock, type Network } from '../src/index.js';
import { autoThreads, machineCores } from '../src/kernel.js';

const { values } = parseArgs({ options: { repeats: { type: 'string' } } });
const repeats = Number(values.repeats ?? 3);
const networks: [string, number, (c: Clock) => Network][] = [
  ['seed network (tian2020)', 1000, (c) => tian2020(c, { neurons: 10_000, seed: 1 })],
  ['COBA', 1000, (c) => coba(c, 1)],
  ['CUBA', 1000, (c) => cuba(c, 1)],
  ['COBAHH', 300, (c) => cobahh(c, 1)],
  ['Brunel 2000', 300, (c) => brunel2000(c, { seed: 1 })],
  ['van Vreeswijk 1996', 1000, (c) => vreeswijk1996(c, 1)],
  ['own models', 1000, (c) => ownModel(c, { seed: 1 })],
  // Procedural rows, drawn again at each spike by the WebAssembly module on every thread.
  ['seed network, procedural', 1000, (c) => tian2020(c, { neurons: 10_000, seed: 1, connectivity: 'procedural' })],
  ['  with weights', 300, (c) => tian2020(c, { neurons: 10_000, seed: 1, connectivity: 'procedural', synapses: 'weights' })],
  ['  with delays', 300, (c) => tian2020(c, { neurons: 10_000, seed: 1, connectivity: 'procedural', synapses: 'delays' })],
  ['  by distance', 100, (c) => tian2020(c, { neurons: 10_000, seed: 1, connectivity: 'procedural', sigma: 0.2 })],
];
console.log(`threads: 'auto' on ${machineCores()} cores, best of ${repeats} interleaved runs`);
for (const [name, duration, make] of networks) {
  const picked = autoThreads(make(clock({ dt: 0.1, duration })).spec);
  if (picked === 1) {
    console.log(`  ${name.padEnd(24)} auto picks 1 thread (the same as one thread)`);
    continue;
  }
  const sims = { one: make(clock({ dt: 0.1, duration })).build({ threads: 1 }), auto: make(clock({ dt: 0.1, duration })).build({ threads: 'auto' }) };
  const best = { one: Infinity, auto: Infinity };
  for (let r = 0; r < repeats; r++) {
    for (const key of ['one', 'auto'] as const) {
      const t0 = performance.now();
      await lastValueFrom(sims[key].pipe(recordSpikes()));
      best[key] = Math.min(best[key], (performance.now() - t0) / 1000);
    }
  }
  console.log(`  ${name.padEnd(24)} auto picks ${picked} threads: ${best.auto.toFixed(3)} s against ${best.one.toFixed(3)} s on one: ${(best.auto / best.one).toFixed(3)} (target <= 1)`);
}
process.exit(0);
