/**
 * `spikestream export SPEC.json --to pynn`: writes the PyNN script of a simulation file (and,
 * with `--exact`, the NumPy files of the synapses spikestream draws) for NEURON or NEST, on one
 * machine or under MPI (docs/scaling-out.md). Node only.
 *
 * @example
 * ```ts
 * await exportCommand(['net.json', '--to', 'pynn', '--out', 'cluster/net.py'], io);
 * ```
 * @module
 */
import { basename, dirname, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { toPyNN } from '../io/pynn/toPyNN.js';
import { SpecError } from '../model/specError.js';
import { resolveSpec } from '../stream/fromSpec.js';
import { CliFailure, maxBytesOption, numberOption, parse, readJson, specFailure, type CliIo } from './cliArgs.js';
import { outputProblem, writeFilesAtomically } from './writeFilesAtomically.js';

/** The usage of `spikestream export`. */
export const EXPORT_USAGE = `usage: spikestream export SPEC.json --to pynn [options]

  --to pynn         write a PyNN 0.10 script (NEURON or NEST, one machine or MPI)
  --out FILE.py     the script (default out/<file name>/<file name>.py); data files and the
                    run's spikes (FILE.spikes) go beside it
  --exact           also write the synapses and initial potentials spikestream draws (NumPy
                    files), so that both simulators run the same network; without it the script
                    draws its own from the same rules, as a cluster run of a large network must
  --duration MS     the script's default duration instead of the file's run.duration
  --seed S          the script's seed instead of the file's (and, with --exact, the draws')
  --max-memory GB   with --exact, refuse networks estimated above this (default 80% of RAM)

Run the script with python3 FILE.py, or mpirun -n K python3 FILE.py; read its spikes back with
spikestream import-spikes FILE.spikes.
`;

/**
 * Runs `spikestream export`.
 *
 * @param args - the arguments after `export`
 * @param io - stdout and stderr
 * @returns the exit code
 * @throws CliFailure with the message and code to report
 */
export function exportCommand(args: readonly string[], io: CliIo): number {
  const parsed = parse(args, { to: { type: 'string' }, out: { type: 'string' }, exact: { type: 'boolean' }, duration: { type: 'string' }, seed: { type: 'string' }, 'max-memory': { type: 'string' } }, EXPORT_USAGE, io);
  if (parsed === null) return 0;
  const { file, values } = parsed;
  if (values.to !== 'pynn') throw new CliFailure(`--to must be pynn${values.to === undefined ? ' (the only format so far), and is required' : `, got "${String(values.to)}"`}`, 2);
  const duration = numberOption(values.duration, 'duration', (n) => Number.isFinite(n) && n > 0, 'a number of ms > 0');
  const seed = numberOption(values.seed, 'seed', (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'a whole number in [0, 4294967295]');
  const maxBytes = maxBytesOption(values['max-memory']);
  const name = file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  if (typeof values.out === 'string' && !/\.py$/.test(values.out)) throw new CliFailure(`--out must name a .py file, got "${values.out}"`, 2);
  const out = resolve(typeof values.out === 'string' ? values.out : `out/${name}/${name}.py`);
  const stem = basename(out).replace(/\.py$/, '');
  const resolved = resolveSpec(readJson(file), { duration, seed });
  if (E.isLeft(resolved)) throw specFailure(file, resolved.left);
  let exported;
  try {
    exported = toPyNN(resolved.right, { exact: values.exact === true, stem, maxBytes });
  } catch (e) {
    if (e instanceof SpecError) throw new CliFailure(`"${file}" cannot be exported to PyNN:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, 1);
    if (e instanceof RangeError) throw new CliFailure(`--out: ${e.message.replace(/^toPyNN: /, '')}`, 2);
    throw e;
  }
  const entries: Array<[string, string | Uint8Array]> = [[basename(out), exported.script], ...exported.files.map((f): [string, Uint8Array] => [f.name, f.bytes])];
  const problem = outputProblem(dirname(out), entries.map(([n]) => n));
  if (problem !== null) throw new CliFailure(`cannot write the export of "${file}": ${problem}`, 1);
  const written = writeFilesAtomically(dirname(out), entries);
  io.stdout.write(`wrote ${written.join(', ')}\nrun: python3 ${out} (or mpirun -n K python3 ${out}); then: spikestream import-spikes ${out.replace(/\.py$/, '.spikes')}\n`);
  return 0;
}
