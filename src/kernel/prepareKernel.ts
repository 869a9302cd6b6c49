/**
 * The work of a network's first kernel that depends only on the network, the time step, the
 * threads and the back end, done ahead: a `Simulation` calls it as it builds, so that each run
 * starts straight away, as Brian2 compiles its code before it runs.
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel, prepareKernel } from 'spikestream/kernel';
 * const built = buildNetwork(spec);
 * prepareKernel(built, { dt: 0.1, threads: 2, backend: 'wasm' });
 * const kernel = createKernel(built, { dt: 0.1, threads: 2, backend: 'wasm' }); // nothing left to compile
 * ```
 * @module
 */
import { isBitRows } from './synapses/bitRows.js';
import type { BuiltNetwork } from './network/builtNetwork.js';
import { compiled } from './js/compiled.js';
import { cutStarts, rowCutsAt } from './synapses/rowCuts.js';
import { threadsIneligibility } from './wasm/wasmIneligibility.js';
import { prepareWasmModule } from './wasm/wasmState.js';

/**
 * What {@link prepareKernel} prepares for: the options the kernels will be created with.
 *
 * @example
 * ```ts
 * const options: PrepareOptions = { dt: 0.1, threads: 2, backend: 'wasm' }; // as Simulation.backend says
 * ```
 */
export interface PrepareOptions {
  /** Time step, ms. */
  readonly dt: number;
  /** Threads of the kernels to come (default 1). */
  readonly threads?: number;
  /** Their back end, as chosen (`kernel.backend`, `Simulation.backend`). */
  readonly backend: 'js' | 'wasm';
}

/**
 * Writes the step code of every thread and compiles the calling thread's, and in WebAssembly
 * compiles the module on the network's own memory (for threads, and has the engine optimize its
 * functions now rather than during the first run: see `warmModule` in wasmState); with threads, computes the row cuts the threads start from and, in WebAssembly, those
 * of the grid positions near them, where the shares are likely to move (`threadBalance`): it
 * reads every row at random places in memory, which costs far less here, once, than inside a
 * run when a kernel's share first moves to a position not computed. Everything is cached on
 * the network, so `createKernel` finds it done; calling it is never needed for correctness.
 *
 * @param net - the built network
 * @param options - dt, threads and back end
 * @throws RangeError when the network cannot run on those threads (see `threadsIneligibility`)
 * @example
 * ```ts
 * prepareKernel(built, { dt: 0.1, backend: 'wasm' });
 * ```
 */
export function prepareKernel(net: BuiltNetwork, options: PrepareOptions): void {
  const { dt, backend } = options;
  const threads = options.threads ?? 1;
  const why = threadsIneligibility(net, threads, backend);
  if (why !== null) throw new RangeError(`prepareKernel: ${why}`);
  const wasm = backend === 'wasm';
  // Every thread's code is written; the calling thread's is compiled (a worker compiles its own).
  for (let t = 0; t < threads; t++) {
    const code = compiled(net, dt, { thread: t, threads, wasm });
    if (t === 0) void code.factory;
  }
  if (wasm) prepareWasmModule(net, dt, threads > 1);
  if (threads < 2 || typeof SharedArrayBuffer !== 'function') return;
  for (const { synapses: s, procedural } of net.projections) {
    // Bit rows have no cuts to compute: a thread's targets are the same words of every row.
    // (A parallel build computed them as it drew the rows: then they are found cached.)
    if (procedural !== null || isBitRows(s)) continue;
    rowCutsAt(s, cutStarts(s.cols, threads, backend));
  }
}
