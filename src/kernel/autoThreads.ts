/**
 * How many threads a network's runs use when asked for `'auto'`: one unless a step has enough
 * work to share, then as many as the machine's cores allow, at most eight.
 *
 * A run on several threads meets once per step, and the meeting costs about as much as a small
 * network's whole step: COBA's 4,000 LIF neurons and 320,000 synapses take longer on two
 * threads than on one (docs/models.md), while the seed network's 25 million synapses and
 * COBAHH's 4,000 Hodgkin–Huxley neurons take 0.58 and 0.65 of one thread's time. So several
 * threads are chosen for 5 million stored or procedural synapses or more, or 2,000
 * Hodgkin–Huxley neurons or more; one thread per 3 million synapses at most, and no more than 8
 * below 100 million synapses: on a 16-core machine the seed network (25 million) ran about as
 * fast on 8 threads as on 12 and slower on 16, while at N = 100,000 (2.5 billion, procedural)
 * 16 threads took about half the time of 8 (docs/performance.md). `npm run bench:auto` runs the
 * examples with `'auto'` against one thread.
 *
 * @example
 * ```ts
 * import { autoThreads } from 'spikestream/kernel';
 * autoThreads(spec, 16); // 8 for the seed network, 16 for it at N = 100,000, 1 for COBA
 * ```
 * @module
 */
import type { NetworkSpec } from '../model/networkSpec.js';
import { estimateMemory } from './network/estimateMemory.js';
import { isProcedural } from './synapses/fixedProbability.js';
import { wasmThreadsIneligibility } from './wasm/wasmIneligibility.js';
import { machineCores } from './threads/machineCores.js';

/** The most threads `'auto'` picks below 100 million synapses (above, the machine's cores). */
export const AUTO_MAX_THREADS = 8;

/**
 * @param spec - a validated network spec
 * @param cores - the machine's cores (default: what the platform says, see {@link machineCores})
 * @returns the thread count, 1 to the cores
 */
export function autoThreads(spec: NetworkSpec, cores = machineCores()): number {
  if (cores < 2 || typeof SharedArrayBuffer !== 'function') return 1;
  // Procedural rows run on threads only in WebAssembly: where its threads cannot run the
  // network (learning rules, injected spikes), one thread.
  if (spec.projections.some((p) => isProcedural(p.connectivity)) && wasmThreadsIneligibility(spec) !== null) return 1;
  const synapses = estimateMemory(spec).synapses;
  const hh = spec.groups.reduce((n, g) => n + (g.kind === 'hh' ? g.size : 0), 0);
  if (synapses < 5e6 && hh < 2000) return 1;
  return Math.max(2, Math.min(cores, synapses >= 1e8 ? cores : AUTO_MAX_THREADS, Math.floor(synapses / 3e6)));
}
