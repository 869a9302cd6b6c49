/**
 * The `spikestream` command line: `run`, `validate`, `serve` and `export` a simulation file, and
 * `import-spikes` of a run elsewhere (Node only).
 *
 * ```sh
 * npx spikestream validate examples/tian2020/network.json
 * npx spikestream run examples/tian2020/network.json --duration 1000 --json --out out/tian2020
 * ```
 *
 * Every failure (usage, file, spec, memory, numerical blow-up) is one readable message on
 * stderr and a non-zero exit code (2 for usage, 1 for the rest), never a stack trace, and no
 * output file is written unless the run completes.
 *
 * @example
 * ```ts
 * import { main } from './main.js';
 * const code = await main(['validate', 'net.json'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 * @module
 */
import { basename, dirname, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { estimateMemory, formatBytes, memoryIssues, SimulationError } from '../kernel/index.js';
import { CliFailure, maxBytesOption, numberOption, parse, readJson, specFailure, type CliIo } from './cliArgs.js';
import { networkOf } from '../model/simulationSpec.js';
import { SpecError } from '../model/specError.js';
import { fromSpec, resolveSpec } from '../stream/fromSpec.js';
import { RUN_OUTPUTS, runNetwork } from './runNetwork.js';
import { exportCommand } from './exportCommand.js';
import { importSpikesCommand } from './importSpikesCommand.js';
import { outputProblem, writeFilesAtomically } from './writeFilesAtomically.js';
import { serve } from '../io/serve.js';
import { BehaviorSubject, Subject } from 'rxjs';
import type { ClockControl } from '../stream/clock.js';

export type { CliIo } from './cliArgs.js';


const USAGE = `usage: spikestream <command> [options]

commands:
  run SPEC.json       build and run the simulation in SPEC.json, write its figures and spikes
  validate SPEC.json  check SPEC.json and estimate its size, without running it
  serve SPEC.json     run the simulation and stream its spikes over WebSocket (docs/streaming.md)
  export SPEC.json --to pynn
                      write a PyNN script that runs it on NEURON or NEST, under MPI (docs/scaling-out.md)
  import-spikes FILE.spikes
                      summarize and plot the spikes of such a run
  help                show this message

Run \`spikestream <command> --help\` for the options of a command.
`;

const RUN_USAGE = `usage: spikestream run SPEC.json [options]

  --duration MS     run this long instead of the file's run.duration
  --seed S          use this seed instead of the file's (0 to 4294967295)
  --out DIR         write the figures (raster.svg, raster.png, rates.svg, rate-histogram.svg) and
                    the spikes (spikes.csv, spikes.spikes) to DIR (default out/<file name>)
  --no-files        write nothing, only report
  --json            print the summary as one JSON object on stdout
  --quiet           no progress on stderr
  --max-memory GB   refuse networks estimated above this (default 80% of RAM)
  --threads N       run on N threads (default 1), or auto: as many as pay for the network's
                    size on this machine's cores; the spikes are the same for any N
  --backend B       auto (default: WebAssembly where the network allows, on one thread), js or
                    wasm; the spikes are the same for both
  --connectivity C  stored (default: as the file says) or procedural: store no synapse, draw
                    each spike's row again (the same synapses; for networks too large to store)
  --synapse-storage S
                    auto (default: compressed sparse rows, or bit rows where the network would
                    not fit in --max-memory otherwise), csr, or bits (one bit per pair: 0.5 bytes
                    per synapse at p = 0.25); the same synapses and spikes
`;

const SERVE_USAGE = `usage: spikestream serve SPEC.json [options]

  --port P          listen on port P (default 8080)
  --host H          listen on address H (default 127.0.0.1: this machine only)
  --token T         let in only clients that connect with ?token=T
  --record FILE     write the inputs the clients sent, with their steps, to FILE (JSON) at the
                    end: replayInputs(net, recording) runs the session again, the same spikes
  --realtime        pace the run to the wall clock, ticking every millisecond (then clients can
                    pause it and set its speed)
  --speed S         simulated ms per wall-clock ms, with --realtime (default 1)
  --lockstep K      in virtual time, run K steps at a time and wait, after each stretch, for
                    every client that subscribed with lockstep: true to answer {"type": "continue"}
                    (a closed loop with another program that replays exactly)
  --duration MS     run this long instead of the file's run.duration
  --seed S          use this seed instead of the file's (0 to 4294967295)
  --max-memory GB   refuse networks estimated above this (default 80% of RAM)

The run starts when the first client subscribes, and the server stops when it ends.
`;

const VALIDATE_USAGE = `usage: spikestream validate SPEC.json [options]

  --json            print the result as one JSON object on stdout
  --max-memory GB   report networks estimated above this (default 80% of RAM)
`;

/**
 * Runs the command line.
 *
 * @param args - the arguments after the program name
 * @param io - stdout and stderr
 * @returns the exit code
 */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'run':
        return await run(rest, io);
      case 'validate':
        return validate(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'export':
        return exportCommand(rest, io);
      case 'import-spikes':
        return importSpikesCommand(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return 0;
      case undefined:
        throw new CliFailure(`no command given\n\n${USAGE}`, 2);
      default:
        throw new CliFailure(`unknown command "${command}"\n\n${USAGE}`, 2);
    }
  } catch (e) {
    io.stderr.write(`spikestream: ${describeFailure(e)}\n`);
    return e instanceof CliFailure ? e.code : 1;
  }
}

/** The message alone: every error the command line expects says what and where in it. */
function describeFailure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The file with every fixedProbability projection made procedural or stored (--connectivity). */
function withConnectivity(json: unknown, procedural: boolean): unknown {
  const spec = json as { projections?: unknown };
  if (typeof json !== 'object' || json === null || !Array.isArray(spec.projections)) return json;
  return {
    ...json,
    projections: spec.projections.map((p: unknown) => {
      const c = (p as { connectivity?: { kind?: unknown } } | null)?.connectivity;
      if (typeof c !== 'object' || c === null || c.kind !== 'fixedProbability') return p;
      return { ...(p as object), connectivity: { ...c, procedural } };
    }),
  };
}


async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(
    args,
    {
      duration: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'no-files': { type: 'boolean' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      'max-memory': { type: 'string' },
      threads: { type: 'string' },
      backend: { type: 'string' },
      connectivity: { type: 'string' },
      'synapse-storage': { type: 'string' },
    },
    RUN_USAGE,
    io,
  );
  if (parsed === null) return 0;
  const { file, values } = parsed;
  const duration = numberOption(values.duration, 'duration', (n) => Number.isFinite(n) && n > 0, 'a number of ms > 0');
  const seed = numberOption(values.seed, 'seed', (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'a whole number in [0, 4294967295]');
  const maxBytes = maxBytesOption(values['max-memory']);
  const threads = values.threads === 'auto' ? 'auto' : numberOption(values.threads, 'threads', (n) => Number.isInteger(n) && n >= 1 && n <= 64, 'a whole number in [1, 64] or auto');
  const backend = values.backend ?? 'auto';
  if (backend !== 'auto' && backend !== 'js' && backend !== 'wasm') throw new CliFailure(`--backend must be auto, js or wasm, got "${String(backend)}"`, 2);
  const connectivity = values.connectivity;
  if (connectivity !== undefined && connectivity !== 'stored' && connectivity !== 'procedural') {
    throw new CliFailure(`--connectivity must be stored or procedural, got "${String(connectivity)}"`, 2);
  }
  const synapseStorage = values['synapse-storage'] ?? 'auto';
  if (synapseStorage !== 'auto' && synapseStorage !== 'csr' && synapseStorage !== 'bits') {
    throw new CliFailure(`--synapse-storage must be auto, csr or bits, got "${String(synapseStorage)}"`, 2);
  }
  const json = readJson(file);
  const resolved = resolveSpec(connectivity === undefined ? json : withConnectivity(json, connectivity === 'procedural'), { duration, seed });
  if (E.isLeft(resolved)) throw specFailure(file, resolved.left);
  const name = file.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  if (typeof values.out === 'string' && values.out.trim() === '') throw new CliFailure('--out must name a folder, got an empty path', 2);
  const outDir = values['no-files'] === true ? undefined : resolve(typeof values.out === 'string' ? values.out : `out/${name}`);
  // Checked before the run (runNetwork checks again), so that no run is spent on output that cannot be written.
  const problem = outDir === undefined ? null : outputProblem(outDir, RUN_OUTPUTS);
  if (problem !== null) throw new CliFailure(`cannot write the output of "${file}": ${problem}`, 1);
  const log = values.quiet === true ? undefined : (line: string) => io.stderr.write(`${line}\n`);
  let summary;
  try {
    summary = await runNetwork(fromSpec(resolved.right), { outDir, title: resolved.right.description ?? name, maxBytes, threads, backend, synapseStorage, log });
  } catch (e) {
    if (e instanceof SpecError) throw specFailure(file, e.issues);
    if (e instanceof SimulationError) throw new CliFailure(`the run of "${file}" stopped: ${e.message}; no files were written`, 1);
    if (e instanceof RangeError && e.message.startsWith('createKernel: backend')) throw new CliFailure(`${file}: --backend ${backend}: ${e.message.replace(/^createKernel: backend "wasm" /, '')}`, 2);
    if (e instanceof RangeError && e.message.includes('has procedural connectivity, which runs on one thread')) throw new CliFailure(`${file}: --threads ${threads}: ${e.message.replace(/^\w+: /, '')}`, 2);
    throw e;
  }
  if (values.json === true) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const rates = Object.entries(summary.rates).map(([g, r]) => `${g} ${r.toFixed(2)} Hz`).join(', ');
    io.stdout.write(
      `rates: ${rates}; ${summary.spikes} spikes; ${summary.synapses} synapses\n` +
        `build ${summary.buildSeconds.toFixed(3)} s, simulation ${summary.simSeconds.toFixed(3)} s` +
        `${summary.files.length > 0 ? `; wrote ${summary.files.join(', ')}` : ''}\n`,
    );
  }
  return 0;
}

async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(
    args,
    { port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, record: { type: 'string' }, realtime: { type: 'boolean' }, speed: { type: 'string' }, lockstep: { type: 'string' }, duration: { type: 'string' }, seed: { type: 'string' }, 'max-memory': { type: 'string' } },
    SERVE_USAGE,
    io,
  );
  if (parsed === null) return 0;
  const { file, values } = parsed;
  const port = numberOption(values.port, 'port', (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a whole number in [0, 65535]') ?? 8080;
  const speed = numberOption(values.speed, 'speed', (n) => Number.isFinite(n) && n > 0, 'a number > 0');
  if (speed !== undefined && values.realtime !== true) throw new CliFailure('--speed needs --realtime', 2);
  const every = numberOption(values.lockstep, 'lockstep', (n) => Number.isInteger(n) && n >= 1, 'a whole number of steps >= 1');
  if (every !== undefined && values.realtime === true) throw new CliFailure('--lockstep runs in virtual time: it cannot go with --realtime', 2);
  const lockstep = every === undefined ? undefined : { every, gate: new BehaviorSubject(0) };
  const duration = numberOption(values.duration, 'duration', (n) => Number.isFinite(n) && n > 0, 'a number of ms > 0');
  const seed = numberOption(values.seed, 'seed', (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff, 'a whole number in [0, 4294967295]');
  const maxBytes = maxBytesOption(values['max-memory']);
  const resolved = resolveSpec(readJson(file), { duration, seed });
  if (E.isLeft(resolved)) throw specFailure(file, resolved.left);
  const memory = memoryIssues(networkOf(resolved.right), maxBytes, 'auto', resolved.right.run.dt);
  if (memory.length > 0) throw specFailure(file, memory);
  if (typeof values.record === 'string') {
    const problem = outputProblem(dirname(resolve(values.record)), [basename(values.record)]);
    if (problem !== null) throw new CliFailure(`cannot write the recording: ${problem}`, 1);
  }
  const control = new Subject<ClockControl>();
  const realtime = values.realtime === true;
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  let server;
  try {
    const token = typeof values.token === 'string' ? values.token : undefined;
    // In real time a timer ticks every millisecond: a step's spikes leave about a millisecond
    // after it is due (npm run bench:serve), in chunks of about ten steps. The precise pacer
    // (the clock's default) would send a chunk per step to every client.
    server = await serve(fromSpec(resolved.right, { realtime, speed, control, ...(realtime ? { interval: 1 } : {}), ...(lockstep === undefined ? {} : { gate: lockstep.gate }) }), {
      port,
      host,
      control,
      ...(token === undefined ? {} : { token }),
      ...(lockstep === undefined ? {} : { lockstep }),
    });
  } catch (e) {
    throw new CliFailure(`cannot listen on ${host}:${port}: ${(e as Error).message}`, 1);
  }
  io.stderr.write(`serving "${file}" on ws://${host}:${server.port} (${realtime ? 'real time' : lockstep !== undefined ? `in lockstep, ${lockstep.every} steps at a time` : 'as fast as possible'}); the run starts when a client subscribes\n`);
  try {
    await server.done;
  } catch (e) {
    if (e instanceof SimulationError) throw new CliFailure(`the run of "${file}" stopped: ${e.message}`, 1);
    throw e;
  }
  if (typeof values.record === 'string') writeFilesAtomically(dirname(resolve(values.record)), [[basename(values.record), `${JSON.stringify(server.recording())}\n`]]);
  io.stderr.write(`the run ended; the server closed${typeof values.record === 'string' ? `; the session's inputs are in ${values.record}` : ''}\n`);
  return 0;
}

function validate(args: readonly string[], io: CliIo): number {
  const parsed = parse(args, { json: { type: 'boolean' }, 'max-memory': { type: 'string' } }, VALIDATE_USAGE, io);
  if (parsed === null) return 0;
  const { file, values } = parsed;
  const maxBytes = maxBytesOption(values['max-memory']);
  const resolved = resolveSpec(readJson(file));
  if (E.isLeft(resolved)) throw specFailure(file, resolved.left);
  const spec = resolved.right;
  const memory = memoryIssues(networkOf(spec), maxBytes, 'auto', spec.run.dt);
  if (memory.length > 0) throw specFailure(file, memory);
  const estimate = estimateMemory(networkOf(spec), spec.run.dt);
  const neurons = spec.groups.reduce((n, g) => n + g.size, 0);
  const steps = Math.round(spec.run.duration / spec.run.dt);
  const result = { file, valid: true, groups: spec.groups.length, neurons, projections: spec.projections.length, synapses: Math.round(estimate.synapses), bytes: estimate.bytes, steps };
  if (values.json === true) io.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    io.stdout.write(
      `${file}: valid. ${spec.groups.length} groups, ${neurons} neurons, ${spec.projections.length} projections, ` +
        `about ${Math.round(estimate.synapses).toLocaleString('en-US')} synapses and ${formatBytes(estimate.bytes)}; ${steps} steps of ${spec.run.dt} ms\n`,
    );
  }
  return 0;
}
