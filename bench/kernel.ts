/**
 * Benchmarks of the seed network, printed as ratios measured side by side in one run.
 *
 *   npm run bench:kernel -- [--neurons N=10000] [--duration MS=1000] [--repeats R=3]
 *
 * - kernel / hand-written: the generated fused step in JavaScript against bench/handwritten.ts,
 *   the same network's loop written by hand (target: at most 1.25); and the WebAssembly kernel
 *   against the JavaScript one.
 * - pipeline / kernel: the full RxJS path (clock, network, share, recordSpikes, populationRate,
 *   progress) against calling kernel.run directly (target: under 1.10).
 * - 2 threads / 1 thread: the WebAssembly kernel on two threads (its worker started before the
 *   build, as a threaded Simulation does) against one, each kernel created, warmed and run
 *   within the timing, in the same process.
 * - Procedural rows with p below 1/16 (CUBA, and the seed network at p = 0.05), rows drawn with
 *   their weights (the seed network at p = 0.25 and 0.05) or delays (p = 0.25), and rows by
 *   distance: the WebAssembly kernel against the JavaScript one, and on two threads against one
 *   (the same spike count, or the bench fails).
 * - Poisson sources (10,000 at 15 Hz, no synapses): the same three, for the Poisson kind's
 *   definition (src/model/library/poissonDefinition.ts) alone.
 * Each variant runs R times, interleaved, and the best time of each is compared, since these
 * machines are shared and noisy. Spike counts must agree across all three, or the bench fails.
 */
import { parseArgs } from 'node:util';
import { lastValueFrom, merge, share, ignoreElements } from 'rxjs';
import { clock, populationRate, progress, recordSpikes } from '../src/index.js';
import { buildNetwork, createKernel, prestartWorkers } from '../src/kernel.js';
import type { NetworkSpec } from '../src/index.js';
import { tian2020 } from '../examples/tian2020/network.js';
import { cuba } from '../examples/cuba/network.js';
import { handwrittenRun } from './handwritten.js';

const { values } = parseArgs({ options: { neurons: { type: 'string' }, duration: { type: 'string' }, repeats: { type: 'string' } } });
const neurons = Number(values.neurons ?? 10_000);
const duration = Number(values.duration ?? 1000);
const repeats = Number(values.repeats ?? 3);
const dt = 0.1;
const steps = Math.round(duration / dt);

prestartWorkers(1);
let t0 = performance.now();
const sim = tian2020(clock({ dt, duration }), { neurons, seed: 1 }).build();
const buildSeconds = (performance.now() - t0) / 1000;
// The kernel the build made for the first run holds the network's memory: closed, so that every
// variant below starts on it as the first kernel would (pipelineRun makes its own then).
sim.kernel().close();

function kernelRun(backend: 'js' | 'wasm', threads = 1): number {
  const kernel = createKernel(sim.built, { dt, maxBlock: sim.block, backend, threads });
  let spikes = 0;
  for (let done = 0; done < steps; ) {
    const n = kernel.run(Math.min(kernel.maxBlock, steps - done));
    spikes += kernel.spikes(0).indices.length + kernel.spikes(1).indices.length;
    done += n;
  }
  kernel.close();
  return spikes;
}

async function pipelineRun(): Promise<number> {
  const frames$ = sim.pipe(share());
  const [record] = await Promise.all([
    lastValueFrom(frames$.pipe(recordSpikes())),
    lastValueFrom(merge(frames$.pipe(populationRate('E', { window: 10 })), frames$.pipe(progress(0.1))).pipe(ignoreElements()), { defaultValue: null }),
  ]);
  return record.groups.E!.indices.length + record.groups.I!.indices.length;
}

function time<T>(f: () => T): [number, T] {
  const start = performance.now();
  const r = f();
  return [(performance.now() - start) / 1000, r];
}

const best = { hand: Infinity, js: Infinity, kernel: Infinity, pipeline: Infinity, threads: Infinity };
const counts = new Set<number>();
for (let r = 0; r < repeats; r++) {
  const [th, h] = time(() => handwrittenRun(sim, steps));
  const [tj, j] = time(() => kernelRun('js'));
  const [tk, k] = time(() => kernelRun('wasm'));
  const [tt, tc] = time(() => kernelRun('wasm', 2));
  t0 = performance.now();
  const p = await pipelineRun();
  const tp = (performance.now() - t0) / 1000;
  best.hand = Math.min(best.hand, th);
  best.js = Math.min(best.js, tj);
  best.kernel = Math.min(best.kernel, tk);
  best.pipeline = Math.min(best.pipeline, tp);
  best.threads = Math.min(best.threads, tt);
  counts.add(h.spikes).add(j).add(k).add(p).add(tc);
}
if (counts.size !== 1) {
  console.error(`bench: spike counts differ between variants: ${[...counts].join(', ')}`);
  process.exit(1);
}
const perBio = (s: number) => (s / (duration / 1000)).toFixed(3);
console.log(`seed network: N = ${neurons}, ${sim.synapseCount} synapses, ${duration} ms, ${[...counts][0]} spikes; build ${buildSeconds.toFixed(3)} s`);
console.log(`best of ${repeats}, seconds per biological second:`);
console.log(`  hand-written loop          ${perBio(best.hand)}`);
console.log(`  kernel.run, JavaScript     ${perBio(best.js)}`);
console.log(`  kernel.run, WebAssembly    ${perBio(best.kernel)}`);
console.log(`  RxJS pipeline (WebAssembly) ${perBio(best.pipeline)}`);
console.log(`  kernel.run, WebAssembly, 2 threads ${perBio(best.threads)}`);
console.log(`ratio JavaScript kernel / hand-written: ${(best.js / best.hand).toFixed(3)} (target <= 1.25)`);
console.log(`ratio WebAssembly / JavaScript kernel:  ${(best.kernel / best.js).toFixed(3)}`);
console.log(`ratio pipeline / kernel:                ${(best.pipeline / best.kernel).toFixed(3)} (target < 1.10)`);
console.log(`ratio 2 threads / 1 (WebAssembly kernel): ${(best.threads / best.kernel).toFixed(3)}`);

// Procedural rows with p below 1/16, whose gaps the module draws with the engine's Math.log
// (wasmGeometricRows): CUBA (N = 4,000, p = 0.02), and the seed network with p = 0.05 and the
// notebook's input per neuron (5 million synapses, which 'auto' gives threads); and the seed
// network's rows drawn with weights uniform in [0.5, 1.5), or with delays uniform in [0, 2) ms,
// or by distance (wasmRowLists); and Poisson sources alone: JavaScript, the WebAssembly kernel on
// one thread and on two, the same spikes in all three.
const seedSpec = tian2020(clock({ dt, duration }), { neurons: 10_000, seed: 1 }).spec;
const uniformWeights = { kind: 'uniform', low: 0.5, high: 1.5 } as const;
for (const [name, spec, part] of [
  ['CUBA, procedural, p = 0.02', procedural(cuba(clock({ dt, duration }), 1).spec, null), 1],
  ['seed network, procedural, p = 0.05', procedural(seedSpec, 0.05), 1],
  ['seed network, procedural, p = 0.25, weights', procedural(seedSpec, 0.25, { weight: uniformWeights }), 1],
  ['seed network, procedural, p = 0.05, weights', procedural(seedSpec, 0.05, { weight: uniformWeights }), 1],
  ['seed network, procedural, p = 0.25, delays', procedural(seedSpec, 0.25, { delays: { kind: 'uniform', low: 0, high: 2 } }), 1],
  // By distance (σ = 0.2 on the unit torus): an exponential per pair, so a fifth of the run.
  ['seed network, procedural, by distance', tian2020(clock({ dt, duration }), { neurons: 10_000, seed: 1, sigma: 0.2, connectivity: 'procedural' }).spec, 0.2],
  ['Poisson sources, 10,000 at 15 Hz', { seed: 1, groups: [{ kind: 'poisson', name: 'P', size: 10_000, rate: 15 }], projections: [], inputs: [] } as unknown as NetworkSpec, 1],
] as const) {
  const net = buildNetwork(spec);
  const steps = Math.round((part * duration) / dt);
  const time = { js: Infinity, wasm: Infinity, threads: Infinity };
  const spikes = new Set<number>();
  for (let r = 0; r < repeats; r++) {
    for (const [variant, backend, threads] of [['js', 'js', 1], ['wasm', 'wasm', 1], ['threads', 'wasm', 2]] as const) {
      const kernel = createKernel(net, { dt, maxBlock: 1000, backend, threads });
      const start = performance.now();
      let n = 0;
      for (let done = 0; done < steps; ) {
        const ran = kernel.run(Math.min(1000, steps - done));
        n += kernel.spikes(0).stepPtr[ran]!;
        done += ran;
      }
      time[variant] = Math.min(time[variant], (performance.now() - start) / 1000);
      spikes.add(n);
      kernel.close();
    }
  }
  if (spikes.size !== 1) {
    console.error(`bench: ${name}: spike counts differ between back ends and threads: ${[...spikes].join(', ')}`);
    process.exit(1);
  }
  const bio = (seconds: number): string => (seconds / ((part * duration) / 1000)).toFixed(3);
  console.log(`${name}, ${part * duration} ms, best of ${repeats}: JavaScript ${bio(time.js)}, WebAssembly ${bio(time.wasm)}, 2 threads ${bio(time.threads)} s per biological second`);
  console.log(`ratio WebAssembly / JavaScript kernel:  ${(time.wasm / time.js).toFixed(3)}; 2 threads / 1: ${(time.threads / time.wasm).toFixed(3)}`);
}

/**
 * A spec with every projection's rows procedural, at probability p (g scaled to keep each
 * neuron's input) or as they are (null), with per-synapse weights or delays drawn as `values` says.
 */
function procedural(spec: NetworkSpec, p: number | null, values: { weight?: { kind: 'uniform'; low: number; high: number }; delays?: { kind: 'uniform'; low: number; high: number } } = {}): NetworkSpec {
  const projections = spec.projections.map((x) => {
    const c = x.connectivity as { kind: 'fixedProbability'; p: number };
    const w = values;
    if (p === null) return { ...x, connectivity: { ...c, procedural: true }, ...w };
    return { ...x, connectivity: { ...c, p, procedural: true }, synapse: { ...x.synapse, g: (x.synapse as { g: number }).g * (c.p / p) }, ...w };
  });
  return { ...spec, projections } as unknown as NetworkSpec;
}
