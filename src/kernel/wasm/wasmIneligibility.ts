/**
 * Which networks the WebAssembly kernel covers, and which back end a kernel runs on.
 *
 * Covered, with WebAssembly SIMD (and, for threads, a shared memory): every kind of group
 * (models in the equation language, see `wasmNeuron`: every built-in kind, LIF, Izhikevich,
 * AdEx, Hodgkin–Huxley and Poisson, and users' models unless they use a function WebAssembly
 * has no twin of),
 * every kind of synapse (exponential current or conductance, dual-exponential, delta) with
 * stored connectivity, or procedural (see `wasmProceduralRows`, `wasmGeometricRows`,
 * `wasmRowLists`), with delays or none (see `delayBuckets`), every kind of input (constant,
 * stream, timed, Poisson: see `wasmPoissonInput`), probes; up to 2 GiB of state and synapses. On
 * one thread, the step's JavaScript scatters what the module does not (learning rules: see
 * `moduleScatterIneligibility`) beside it, on the same spikes. The models written as equations that WebAssembly does not take
 * run in the JavaScript kernel, which covers every model.
 *
 * @example
 * ```ts
 * import { wasmIneligibility } from 'spikestream/kernel';
 * wasmIneligibility(built, 2); // null, or e.g. 'projection "EE" has a learning rule, which …'
 * ```
 * @module
 */
import type { NetworkSpec } from '../../model/networkSpec.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { moduleScatterIneligibility } from './moduleScatter.js';
import { MAX_WASM_BYTES, wasmLayout } from './wasmLayout.js';
import { neuronWasmIneligibility } from './wasmNeuron.js';
import { simdAvailable } from './simdAvailable.js';

/**
 * What in a spec the WebAssembly kernel does not cover, or null.
 *
 * @param spec - a network spec
 * @returns the first reason, or null
 */
export function specIneligibility(spec: NetworkSpec): string | null {
  if (!simdAvailable()) return 'this JavaScript engine has no WebAssembly SIMD';
  for (const g of spec.groups) {
    const why = neuronWasmIneligibility(g);
    if (why !== null) return why;
  }
  return null;
}

/**
 * Why a spec's network cannot run on WebAssembly's threads though it may on one, or null. Threads
 * in WebAssembly run their whole step loop in the module, where injected spikes are not merged
 * and learning rules do not run (on one thread both run in the step's JavaScript).
 *
 * @param spec - a validated network spec
 * @returns the reason, or null
 */
export function wasmThreadsIneligibility(spec: NetworkSpec): string | null {
  const injected = spec.inputs.findIndex((input) => input.kind === 'spikes' || input.kind === 'spikeTimes');
  if (injected >= 0) return `inputs[${injected}] injects spikes, which threads take in JavaScript`;
  for (const p of spec.projections) {
    const why = moduleScatterIneligibility(p);
    if (why !== null) return `${why}, which the module leaves to the step's JavaScript, on one thread`;
  }
  return null;
}

/**
 * Why a built network cannot run in WebAssembly here, or null when it can.
 *
 * @param net - the built network
 * @param threads - the kernel's threads
 * @param dt - the kernel's time step, ms (default: the one the network was built for)
 * @returns the reason, or null
 */
export function wasmIneligibility(net: BuiltNetwork, threads = 1, dt = net.dt): string | null {
  if (threads > 1 && typeof SharedArrayBuffer !== 'function') return 'threads need a shared memory, and this platform has no SharedArrayBuffer';
  const why = specIneligibility(net.spec);
  if (why !== null) return why;
  // Per-synapse delays' sums are sized in steps of the network's dt (see wasmLayout).
  const delayed = net.projections.find((p) => p.delays !== null || p.rowDelays !== null);
  if (delayed !== undefined && dt !== net.dt) return `projection "${delayed.spec.name}" has per-synapse delays, counted in steps of the dt it was built for (${net.dt} ms), not ${dt} ms`;
  const threaded = threads > 1 ? wasmThreadsIneligibility(net.spec) : null;
  if (threaded !== null) return threaded;
  const bytes = wasmLayout(net).bytes;
  return bytes > MAX_WASM_BYTES ? `its state and synapses take ${bytes} bytes, more than ${MAX_WASM_BYTES}` : null;
}

/**
 * The back end a kernel of `net` runs on: `'auto'` picks WebAssembly when the network is covered.
 *
 * @param net - the built network
 * @param threads - the kernel's threads
 * @param backend - what was asked (default `'auto'`)
 * @param dt - the kernel's time step, ms (default: the one the network was built for)
 * @returns the back end
 * @throws RangeError when `'wasm'` was asked for a network it does not cover, saying why
 */
export function chooseBackend(net: BuiltNetwork, threads: number, backend: 'auto' | 'js' | 'wasm' = 'auto', dt = net.dt): 'js' | 'wasm' {
  if (backend === 'js') return 'js';
  const why = wasmIneligibility(net, threads, dt);
  if (backend === 'wasm' && why !== null) throw new RangeError(`createKernel: backend "wasm" cannot run this network: ${why}`);
  return why === null ? 'wasm' : 'js';
}

/**
 * Why a kernel of `net` cannot run on `threads` threads on `backend`, or null: procedural
 * connectivity runs on threads in WebAssembly only (see `wasmProceduralThreads`), where the
 * threads split the drawing of rows by spikes; JavaScript threads have no such split.
 *
 * @param net - the built network
 * @param threads - the kernel's threads
 * @param backend - the back end chosen (`kernel.backend`)
 * @returns the reason, or null
 * @example
 * ```ts
 * threadsIneligibility(built, 2, 'js'); // 'projection "E2E" has procedural connectivity, which runs on one thread in JavaScript (backend "js"); use threads: 1'
 * ```
 */
export function threadsIneligibility(net: BuiltNetwork, threads: number, backend: 'js' | 'wasm'): string | null {
  const procedural = net.projections.find((p) => p.procedural !== null);
  if (threads < 2 || backend === 'wasm' || procedural === undefined) return null;
  return `projection "${procedural.spec.name}" has procedural connectivity, which runs on one thread in JavaScript (${wasmIneligibility(net, threads) ?? 'backend "js"'}); use threads: 1`;
}
