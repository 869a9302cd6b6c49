/**
 * The command line's run: build a network, run it to the end with progress reports, and write
 * its raster plot and spike data; the demo and `spikestream run` both go through here, so the
 * times they report are those of the same path (Node only).
 *
 * @example
 * ```ts
 * const summary = await runNetwork(fromSpec(json), { outDir: 'out', title: 'my network' });
 * console.log(summary.rates, summary.simSeconds);
 * ```
 * @module
 */
import { lastValueFrom, share } from 'rxjs';
import { synapseBytes, type SynapseStorage } from '../kernel/index.js';
import { encodeSpikes } from '../io/spikesBinary.js';
import { spikesToCsv } from '../io/spikesCsv.js';
import type { Network } from '../stream/network.js';
import { progress } from '../stream/progress.js';
import { recordSpikes, type SpikeRecord } from '../stream/recordSpikes.js';
import { populationRateSvg } from '../viz/populationRateSvg.js';
import { rasterSvg } from '../viz/rasterSvg.js';
import { rateHistogramSvg } from '../viz/rateHistogramSvg.js';
import { svgToPng } from './svgToPng.js';
import { outputProblem, writeFilesAtomically } from './writeFilesAtomically.js';

/** Options of {@link runNetwork}. */
export interface RunNetworkOptions {
  /**
   * Where to write the figures (raster.svg and .png, rates.svg, rate-histogram.svg) and the
   * spikes (spikes.csv, spikes.spikes); nothing is written when absent.
   */
  readonly outDir?: string;
  /** Title of the raster plot. */
  readonly title: string;
  /** Memory limit of the build, bytes. */
  readonly maxBytes?: number;
  /** Threads of the run (default 1), or `'auto'` (see `autoThreads`). */
  readonly threads?: number | 'auto';
  /** The kernel's back end (default `'auto'`: WebAssembly where the network allows). */
  readonly backend?: 'auto' | 'js' | 'wasm';
  /** How the build stores synapses (default `'auto'`; see `BuildOptions.synapseStorage`). */
  readonly synapseStorage?: SynapseStorage;
  /** Receives progress lines (`Run 10.0% used 0.016 s.`); none when absent. */
  readonly log?: (line: string) => void;
}

/** What a run reports: the `--json` summary of the demo and of `spikestream run`. */
export interface RunSummary {
  readonly neurons: number;
  readonly durationMs: number;
  readonly seed: number;
  readonly dt: number;
  /** Threads the run used. */
  readonly threads: number;
  /** What the kernel ran on. */
  readonly backend: 'js' | 'wasm';
  /** Mean firing rate per group, Hz. */
  readonly rates: Record<string, number>;
  readonly spikes: number;
  readonly synapses: number;
  /** Time to draw the synapses, s. */
  readonly buildSeconds: number;
  /** Time from subscription to completion, with the spike recorder and progress reports on, s. */
  readonly simSeconds: number;
  /** Bytes of stored synapses (indices and row pointers, or bit rows) per stored synapse; 0 when none is stored. */
  readonly bytesPerSynapse: number;
  /** Peak resident memory of the process so far, bytes. */
  readonly peakBytes: number;
  readonly files: string[];
}

/**
 * Collects the garbage that loading the modules and building the network left, when the
 * process runs with `node --expose-gc` (the npm scripts of the demo and examples do): the
 * build's time then counts the collection, and the run does not. Otherwise V8's first major
 * collection falls early in the run (its marking starts during the build, where the heap
 * reaches its first limit, and ends after it), and on two threads the collector's work takes a
 * core from a kernel thread, which stops the other at its next step (`npm run
 * bench:background` measures the other threads' time during a run). Without the flag, nothing
 * happens here.
 *
 * @example
 * ```ts
 * const sim = net.build();
 * collectBuildGarbage(); // with node --expose-gc: a full collection now, not in the run
 * ```
 */
export function collectBuildGarbage(): void {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc === 'function') gc();
}

/** The files a run writes into its output folder, in order. */
export const RUN_OUTPUTS = ['raster.svg', 'raster.png', 'rates.svg', 'rate-histogram.svg', 'spikes.csv', 'spikes.spikes'] as const;

/**
 * A record's length, mean rate per group (Hz) and spike count.
 *
 * @example
 * ```ts
 * const { rates } = recordSummary(record); // rates.E: spikes per neuron per second
 * ```
 * @param record - a spike record (from a run, a file, a cluster)
 * @returns its duration in ms, each group's rate and the number of spikes
 */
export function recordSummary(record: SpikeRecord): { durationMs: number; rates: Record<string, number>; spikes: number } {
  const durationMs = record.steps * record.dt;
  const rates: Record<string, number> = Object.create(null) as Record<string, number>;
  let spikes = 0;
  for (const [name, train] of Object.entries(record.groups)) {
    rates[name] = train.indices.length / train.size / (durationMs / 1000);
    spikes += train.indices.length;
  }
  return { durationMs, rates, spikes };
}

/**
 * The files of {@link RUN_OUTPUTS} for a record: the figures and the spikes, as a run writes them
 * and as `spikestream import-spikes` writes a cluster run's.
 *
 * @example
 * ```ts
 * writeFilesAtomically('out/net', recordFiles(record, 'my network'));
 * ```
 * @param record - the spikes
 * @param title - the raster plot's title
 * @returns each file's name and content
 */
export function recordFiles(record: SpikeRecord, title: string): Array<[string, string | Uint8Array]> {
  const durationMs = record.steps * record.dt;
  const svg = rasterSvg(record, { xlim: [0, durationMs], title });
  const output = (name: (typeof RUN_OUTPUTS)[number]): string | Uint8Array => {
    switch (name) {
      case 'raster.svg':
        return svg;
      case 'raster.png':
        return svgToPng(svg, { scale: 2 });
      case 'rates.svg':
        return populationRateSvg(record, { bin: Math.max(1, Math.round(durationMs / 500)), title: `${title}: population rates` });
      case 'rate-histogram.svg':
        return rateHistogramSvg(record, { title: `${title}: firing rates of single neurons` });
      case 'spikes.csv':
        return spikesToCsv(record);
      case 'spikes.spikes':
        return encodeSpikes(record);
    }
  };
  return RUN_OUTPUTS.map((name) => [name, output(name)]);
}

/**
 * Builds and runs a network, then writes its outputs. When the process runs with
 * `node --expose-gc`, the garbage the build left is collected before the run starts
 * (counted in `buildSeconds`).
 *
 * @param net - the network (from code or from `fromSpec`)
 * @param options - output directory, title, memory limit, progress sink
 * @returns the summary
 * @throws SpecError when the network cannot be built, SimulationError when the run blows up;
 *   in both cases no file is written
 */
export async function runNetwork(net: Network, options: RunNetworkOptions): Promise<RunSummary> {
  const log = options.log ?? (() => undefined);
  // The output folder is checked first: a run is not spent on files that cannot be written.
  const problem = options.outDir === undefined ? null : outputProblem(options.outDir, RUN_OUTPUTS);
  if (problem !== null) throw new Error(`cannot write the output: ${problem}`);
  let t0 = performance.now();
  const threads = options.threads ?? 1;
  const backend = options.backend ?? 'auto';
  const synapseStorage = options.synapseStorage ?? 'auto';
  const sim = net.build(options.maxBytes === undefined ? { threads, backend, synapseStorage } : { maxBytes: options.maxBytes, threads, backend, synapseStorage });
  collectBuildGarbage();
  const buildSeconds = (performance.now() - t0) / 1000;
  const neurons = sim.built.groups.reduce((n, g) => n + g.size, 0);
  log(`Built ${neurons} neurons and ${sim.synapseCount} synapses in ${buildSeconds.toFixed(3)} s.`);
  log('Start running ...');

  t0 = performance.now();
  const frames$ = sim.pipe(share());
  frames$.pipe(progress(0.1)).subscribe({
    next: (p) => log(`Run ${(p.fraction * 100).toFixed(1)}% used ${p.seconds.toFixed(3)} s.`),
    error: () => undefined, // reported once, by the recorder's promise below
  });
  const record = await lastValueFrom(frames$.pipe(recordSpikes()));
  const simSeconds = (performance.now() - t0) / 1000;
  log(`Simulation is done in ${simSeconds.toFixed(3)} s.`);

  const { durationMs, rates, spikes } = recordSummary(record);
  const files = options.outDir === undefined ? [] : writeFilesAtomically(options.outDir, recordFiles(record, options.title));
  const stored = sim.built.projections.filter((p) => p.procedural === null);
  const storedBytes = stored.reduce((n, p) => n + synapseBytes(p.synapses), 0);
  const storedSynapses = stored.reduce((n, p) => n + p.synapses.nnz, 0);
  return {
    neurons,
    durationMs,
    seed: net.spec.seed,
    dt: record.dt,
    threads: sim.threads,
    backend: sim.backend,
    rates,
    spikes,
    synapses: sim.synapseCount,
    buildSeconds,
    simSeconds,
    bytesPerSynapse: storedSynapses > 0 ? storedBytes / storedSynapses : 0,
    peakBytes: process.resourceUsage().maxRSS * 1024,
    files,
  };
}
