/**
 * A network run by spikestream and, exported with `toPyNN`, by PyNN on NEURON, side by side in
 * one run: mean rates per group, their ratio, and each one's wall-clock time.
 *
 *   npm run bench:pynn -- [--file F=examples/tian2020/network.json] [--seeds 1,2,3]
 *                         [--duration MS=1000] [--ranks K=2] [--exact] [--one-rank]
 *
 * With --exact both run the very same synapses and initial potentials; without, PyNN draws its
 * own from the same rules (as a cluster run does), so rates agree within the seed-to-seed
 * spread: the mean over seeds is printed. --one-rank also runs the first seed on one rank, to
 * show that the rank count does not change the result. Needs bash bench/pynn/setup.sh.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { fromSpec, recordSpikes, type SpikeRecord } from '../../src/index.js';
import { resolveSpec } from '../../src/stream/fromSpec.js';
import { recordSummary } from '../../src/cli/runNetwork.js';
import { pynnProblem, runOnPyNN } from './runExported.js';

const { values } = parseArgs({ options: { file: { type: 'string' }, seeds: { type: 'string' }, duration: { type: 'string' }, ranks: { type: 'string' }, exact: { type: 'boolean' }, 'one-rank': { type: 'boolean' } } });
const file = values.file ?? 'examples/tian2020/network.json';
const seeds = (values.seeds ?? '1,2,3').split(',').map(Number);
const duration = Number(values.duration ?? 1000);
const ranks = Number(values.ranks ?? 2);
const exact = values.exact === true;
const problem = pynnProblem(ranks);
if (problem !== null) {
  console.log(`(${problem})`);
  process.exit(0);
}

const rates = (r: SpikeRecord): Record<string, number> => recordSummary(r).rates;
const ours: Record<string, number>[] = [];
const theirs: Record<string, number>[] = [];
console.log(`${file}, ${duration} ms, ${exact ? 'exact (the same synapses)' : 'PyNN draws its own synapses'}, NEURON on ${ranks} rank(s):`);
for (const seed of seeds) {
  const resolved = resolveSpec(JSON.parse(readFileSync(file, 'utf8')), { seed, duration });
  if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
  const t0 = performance.now();
  const record = await lastValueFrom(fromSpec(resolved.right).pipe(recordSpikes()));
  const ourSeconds = (performance.now() - t0) / 1000;
  const run = runOnPyNN(resolved.right, { exact, ranks });
  ours.push(rates(record));
  theirs.push(rates(run.record));
  const line = Object.keys(ours.at(-1)!).map((g) => `${g} ${ours.at(-1)![g]!.toFixed(2)} / ${theirs.at(-1)![g]!.toFixed(2)} Hz (${(theirs.at(-1)![g]! / ours.at(-1)![g]!).toFixed(3)})`);
  console.log(`  seed ${seed}: spikestream / NEURON ${line.join(', ')}; time ${ourSeconds.toFixed(1)} s / ${run.seconds.toFixed(1)} s`);
}
const mean = (rs: Record<string, number>[], g: string): number => rs.reduce((s, r) => s + r[g]!, 0) / rs.length;
const groups = Object.keys(ours[0]!);
console.log(`  mean over seeds: ${groups.map((g) => `${g} ${mean(ours, g).toFixed(2)} / ${mean(theirs, g).toFixed(2)} Hz (ratio ${(mean(theirs, g) / mean(ours, g)).toFixed(3)}, target within 5%)`).join(', ')}`);
if (values['one-rank'] === true && ranks !== 1) {
  const resolved = resolveSpec(JSON.parse(readFileSync(file, 'utf8')), { seed: seeds[0], duration });
  if (E.isLeft(resolved)) throw new Error(JSON.stringify(resolved.left));
  const one = runOnPyNN(resolved.right, { exact, ranks: 1 });
  const r1 = rates(one.record);
  console.log(`  seed ${seeds[0]} on one rank: ${groups.map((g) => `${g} ${r1[g]!.toFixed(2)} Hz (${ranks} ranks: ${theirs[0]![g]!.toFixed(2)})`).join(', ')}; time ${one.seconds.toFixed(1)} s`);
}
