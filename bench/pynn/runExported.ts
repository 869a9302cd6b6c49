/**
 * Runs a network on PyNN as `spikestream export --to pynn` would have it run: exports it with
 * `toPyNN` into a folder, runs the script with `/usr/bin/python3` (under `mpirun` for more than
 * one rank) and reads its spikes back. Used by bench/pynn/compare.ts and the tests that run
 * exported scripts (test/io/pynnRun.test.ts); bench/pynn/setup.sh installs what it needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSpikes, toPyNN, type SpikeRecord } from '../../src/index.js';
import type { SimulationSpec } from '../../src/model/simulationSpec.js';

export const PYTHON = '/usr/bin/python3';

/**
 * Why PyNN cannot run exported scripts here, or null when it can: PyNN must import and build a
 * cell on NEURON (bench/pynn/setup.sh), and, for `ranks` > 1, mpirun must exist.
 */
export function pynnProblem(ranks = 1): string | null {
  const check = spawnSync(PYTHON, ['-c', 'import pyNN.neuron as sim; sim.setup(); sim.Population(1, sim.IF_curr_exp()); sim.end()'], { stdio: 'ignore' });
  if (check.status !== 0) return 'PyNN on NEURON is not set up (bash bench/pynn/setup.sh)';
  if (ranks > 1 && spawnSync('mpirun', ['--version'], { stdio: 'ignore' }).status !== 0) return 'mpirun is missing (apt-get install openmpi-bin)';
  return null;
}

/** What a run on PyNN gave. */
export interface PyNNRun {
  readonly record: SpikeRecord;
  /** Wall-clock time of the script (build and run), s. */
  readonly seconds: number;
  /** The script itself, for a reader who wants it. */
  readonly script: string;
  /** What the script printed. */
  readonly output: string;
}

/**
 * Exports `spec` and runs it on NEURON.
 *
 * @param spec - the simulation
 * @param options - `exact` (the synapses spikestream draws), `ranks` (MPI processes, default 1),
 *   `args` (more arguments for the script), `inspect` (a Python snippet run in the script's
 *   folder after it, whose output is appended to `output`)
 * @returns the spikes and the time taken
 * @throws Error with the script's last output when it fails
 */
export function runOnPyNN(spec: SimulationSpec, options: { exact?: boolean; ranks?: number; args?: readonly string[]; inspect?: string } = {}): PyNNRun {
  const dir = mkdtempSync(join(tmpdir(), 'spikestream-pynn-'));
  try {
    const { script, files } = toPyNN(spec, { exact: options.exact === true, stem: 'network' });
    writeFileSync(join(dir, 'network.py'), script);
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    const ranks = options.ranks ?? 1;
    const script$ = ['network.py', ...(options.args ?? [])];
    const [command, args] = ranks > 1 ? ['mpirun', ['--allow-run-as-root', '--oversubscribe', '-n', String(ranks), PYTHON, ...script$]] : [PYTHON, script$];
    const t0 = performance.now();
    const result = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, maxBuffer: 1 << 26 });
    const seconds = (performance.now() - t0) / 1000;
    if (result.status !== 0) throw new Error(`the exported script failed (${result.status ?? result.signal}):\n${`${result.stdout}\n${result.stderr}`.slice(-3000)}`);
    let output = result.stdout;
    if (options.inspect !== undefined) {
      const inspected = spawnSync(PYTHON, ['-c', options.inspect], { cwd: dir, encoding: 'utf8' });
      if (inspected.status !== 0) throw new Error(`the inspection failed:\n${inspected.stderr.slice(-2000)}`);
      output += inspected.stdout;
    }
    return { record: decodeSpikes(readFileSync(join(dir, 'network.spikes'))), seconds, script, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
