/**
 * `spikestream import-spikes FILE.spikes`: reads the spikes of a run elsewhere (the script
 * `spikestream export` writes, on NEURON or NEST, under MPI) and gives the same summary and
 * figures as `spikestream run`. Node only.
 *
 * @example
 * ```ts
 * await importSpikesCommand(['cluster/net.spikes', '--json'], io);
 * ```
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeSpikes } from '../io/spikesBinary.js';
import { CliFailure, parse, type CliIo } from './cliArgs.js';
import { RUN_OUTPUTS, recordFiles, recordSummary } from './runNetwork.js';
import { outputProblem, writeFilesAtomically } from './writeFilesAtomically.js';

/** The usage of `spikestream import-spikes`. */
export const IMPORT_SPIKES_USAGE = `usage: spikestream import-spikes FILE.spikes [options]

  --out DIR         write the figures and spikes as spikestream run does (default out/<file name>)
  --no-files        write nothing, only report
  --json            print the summary (rates per group, spikes) as one JSON object on stdout
  --title T         the raster plot's title (default the file's name)

FILE.spikes is spikestream's spike format, which the script of spikestream export writes.
`;

/**
 * Runs `spikestream import-spikes`.
 *
 * @param args - the arguments after `import-spikes`
 * @param io - stdout and stderr
 * @returns the exit code
 * @throws CliFailure with the message and code to report
 */
export function importSpikesCommand(args: readonly string[], io: CliIo): number {
  const parsed = parse(args, { out: { type: 'string' }, 'no-files': { type: 'boolean' }, json: { type: 'boolean' }, title: { type: 'string' } }, IMPORT_SPIKES_USAGE, io);
  if (parsed === null) return 0;
  const { file, values } = parsed;
  const name = file.replace(/^.*[\\/]/, '').replace(/\.spikes$/i, '');
  let record;
  try {
    record = decodeSpikes(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message.replace(/^decodeSpikes: /, '');
    throw new CliFailure(`cannot read "${file}": ${why}`, 1);
  }
  if (typeof values.out === 'string' && values.out.trim() === '') throw new CliFailure('--out must name a folder, got an empty path', 2);
  const outDir = values['no-files'] === true ? undefined : resolve(typeof values.out === 'string' ? values.out : `out/${name}`);
  const problem = outDir === undefined ? null : outputProblem(outDir, RUN_OUTPUTS);
  if (problem !== null) throw new CliFailure(`cannot write the figures of "${file}": ${problem}`, 1);
  const { durationMs, rates, spikes } = recordSummary(record);
  const files = outDir === undefined ? [] : writeFilesAtomically(outDir, recordFiles(record, typeof values.title === 'string' ? values.title : name));
  if (values.json === true) io.stdout.write(`${JSON.stringify({ file, durationMs, dt: record.dt, rates, spikes, files })}\n`);
  else {
    const list = Object.entries(rates).map(([g, r]) => `${g} ${r.toFixed(2)} Hz`).join(', ');
    io.stdout.write(`${file}: ${durationMs} ms; rates: ${list}; ${spikes} spikes${files.length > 0 ? `; wrote ${files.join(', ')}` : ''}\n`);
  }
  return 0;
}
