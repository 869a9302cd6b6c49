/**
 * The kernel: one network's state in typed arrays and its fused step function.
 *
 * `createKernel` allocates the state (membrane potentials, synaptic traces, spike and probe
 * buffers), draws the initial values, and compiles the step function that `kernelSource`
 * writes for this network. `run(n)` advances `n` steps with no allocation (the spike buffer
 * grows only when a block has more spikes than ever before) and leaves that block's spikes and
 * samples in the kernel's buffers, valid until the next `run`.
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel } from 'spikestream/kernel';
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1 });
 * kernel.run(100);                 // 10 ms
 * const { stepPtr, indices } = kernel.spikes(0); // spikes of group 0 in those 100 steps
 * ```
 * @module
 */
import type { BuiltNetwork } from './network/builtNetwork.js';
import { SpecError } from '../model/specError.js';
import { timeStepIssues } from '../model/timeStepIssues.js';
import { compiled } from './js/compiled.js';
import { ringSlots } from './js/kernelSource.js';
import { sharedBuffer } from './numeric/sharedBuffer.js';
import { sharedCopyOf, timedInputs, type TimedInput } from './network/initialState.js';
import { kernelArrays, spikeSlots } from './network/kernelArrays.js';
import { writeInput } from './js/writeInput.js';
import type { RowGenerator } from './synapses/fixedProbability.js';
import type { SimulationError } from './simulationError.js';
import { failureOf } from './failureOf.js';
import { threadedKernel } from './threads/threadedKernel.js';
import type { SynapseState } from './synapses/synapseState.js';
import type { Columns } from './synapses/synapseValues.js';
import { chooseBackend, threadsIneligibility } from './wasm/wasmIneligibility.js';
import { scatteredByModule } from './wasm/moduleScatter.js';
import { wasmState, type WasmState } from './wasm/wasmState.js';

/** Options of {@link createKernel}. */
export interface KernelOptions {
  /** Time step, ms. */
  readonly dt: number;
  /** Most steps one `run` may advance (sizes the per-block buffers). Default 1000. */
  readonly maxBlock?: number;
  /**
   * Threads to run on (default 1). With more than one, each thread updates its own share of
   * every group's neurons and of the synaptic targets, in worker threads over shared memory;
   * the spikes are identical to those of one thread. Needs SharedArrayBuffer and, on a
   * browser page, a kernel that runs inside a Web Worker (the page's main thread cannot wait),
   * created after `await workersReady(threads - 1)` (a worker started from a worker cannot
   * start while its parent waits at the first step's barrier).
   */
  readonly threads?: number;
  /**
   * `'auto'` (default): WebAssembly for the networks it covers, on one thread or several (see
   * {@link wasmIneligibility}), JavaScript otherwise; `'js'` or `'wasm'` to choose (`'wasm'`
   * throws when the network is not covered, saying why). Both give the same spikes.
   */
  readonly backend?: 'auto' | 'js' | 'wasm';
}

/** A group's state inside the kernel. */
export interface KernelGroup {
  readonly name: string;
  readonly size: number;
  /** Membrane potentials, owned by the kernel and updated in place by `run`. */
  readonly V: Float64Array;
}

/** A projection's state inside the kernel. */
export interface KernelProjection {
  readonly name: string;
  /** Synaptic traces, one per postsynaptic neuron, owned by the kernel. */
  readonly s: Float64Array;
}

/** Spikes of one group over the last block, as compressed rows by step. */
export interface SpikeRows {
  /** Length `steps + 1`: the spikes of step `first + j` are `indices[stepPtr[j] .. stepPtr[j+1])`. */
  readonly stepPtr: Int32Array;
  /** Neuron indices, ascending within each step. */
  readonly indices: Int32Array;
}

/** A compiled, running network. */
export interface Kernel {
  readonly dt: number;
  readonly maxBlock: number;
  /** Steps completed so far. */
  readonly step: number;
  readonly groups: readonly KernelGroup[];
  readonly projections: readonly KernelProjection[];
  /** The generated step code (thread 0's, with threads), for inspection. */
  readonly source: string;
  /** Threads the kernel runs on. */
  readonly threads: number;
  /** Whether the neuron loops and the scatter run in WebAssembly or in JavaScript. */
  readonly backend: 'js' | 'wasm';
  /**
   * The fraction of every group each thread updates (and of every group's targets it scatters
   * into), in thread order: `[1]` on one thread. WebAssembly threads move their shares while
   * they run, toward the thread that keeps the others waiting (see `threadBalance`).
   */
  readonly shares: readonly number[];
  /**
   * Advances `steps` steps (at most `maxBlock`).
   *
   * @returns the steps completed, and the buffers hold those steps. Fewer than asked when a
   * variable blew up ({@link Kernel.failure} says where) or, with threads, when the block's
   * spikes filled the shared buffers: then call again for the rest
   */
  run(steps: number): number;
  /**
   * Stops the worker threads, if any, and gives a WebAssembly kernel's memory back to its
   * network (the next kernel of the network then starts without copying the synapses); the
   * kernel cannot run after. Idempotent. A subscription's end closes its kernel.
   */
  close(): void;
  /** The blow-up that stopped the last `run`, if any. */
  readonly failure: SimulationError | null;
  /** Spikes of group `g` in the last block: views valid until the next `run`. */
  spikes(g: number): SpikeRows;
  /** Samples of probe `r` in the last block, `steps × indices` row-major: a view valid until the next `run`. */
  samples(r: number): Float64Array;
  /**
   * Sets stream input `k` (its index in `spec.inputs`): one value for all neurons or one per
   * neuron. It applies from the next step on.
   */
  setInput(k: number, value: number | ArrayLike<number>): void;
  /**
   * The weights of projection `p`, one per synapse in row order (see `synapseValues`), as they
   * are after the last `run`: the kernel's own array (a learning rule changes it in place, in
   * doubles), to read, not to keep; null for a projection whose spikes each add 1.
   */
  weights(p: number): Float32Array | Float64Array | null;
}

interface State {
  step: number;
  groups: { V: Float64Array; held: Int32Array; rng: Int32Array; vars: Float64Array[]; params: Float64Array[]; ring: Int32Array; ringN: Int32Array; spikes: Int32Array; stepPtr: Int32Array }[];
  projections: ({ s: Float64Array; h: Float64Array; row: RowGenerator | null; scratch: Uint32Array | null; columns: Columns | null } & SynapseState)[];
  inputs: (Float64Array | Int32Array | null)[];
  timed: (TimedInput | null)[];
  poissonIn: (Int32Array | null)[];
  probes: { indices: Int32Array; values: Float64Array }[];
  grow(g: number, need: number): Int32Array;
  fail(g: number, i: number, step: number, v: number): void;
  wasm: WasmState | null;
}

/**
 * Instantiates a built network: fresh state at step 0 and the compiled step.
 *
 * @param net - the built network (its synapses are shared, read-only, by every kernel)
 * @param options - time step and block size
 * @returns a kernel at step 0
 * @throws `SpecError` when dt makes forward Euler unstable for a time constant (dt ≥ 2τ)
 *   or a refractory period is not a whole number of steps
 */
export function createKernel(net: BuiltNetwork, options: KernelOptions): Kernel {
  const { dt } = options;
  const maxBlock = options.maxBlock ?? 1000;
  const threads = options.threads ?? 1;
  if (!(Number.isFinite(dt) && dt > 0)) throw new RangeError(`createKernel: dt must be a finite number > 0, got ${dt}`);
  if (!(Number.isInteger(maxBlock) && maxBlock > 0)) throw new RangeError(`createKernel: maxBlock must be a whole number > 0, got ${maxBlock}`);
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new RangeError(`createKernel: threads must be a whole number in [1, 64], got ${threads}`);
  const stepIssues = timeStepIssues(net.spec, dt);
  if (stepIssues.length > 0) throw new SpecError(stepIssues, `network at dt = ${dt} ms`);

  const spec = net.spec;
  // A copy of the potentials the build drew: drawing them is most of a kernel's creation.
  const V = net.v0.map(sharedCopyOf);
  const backend = chooseBackend(net, threads, options.backend, dt);
  if (threads > 1) {
    const why = threadsIneligibility(net, threads, backend);
    if (why !== null) throw new RangeError(`createKernel: ${why}`);
    return threadedKernel(net, { dt, maxBlock, threads, V, backend });
  }
  let failure: SimulationError | null = null;
  // In WebAssembly, these move into the instance's memory, and the kernel's arrays become
  // views of it.
  const arrays = kernelArrays(net, dt, V, { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n) });
  const { traces, streams, held, models } = arrays;
  const injected = spikeSlots(arrays, net);
  const wasm = backend === 'wasm' ? wasmState(net, dt, arrays) : null;
  const state: State = {
    step: 0,
    groups: net.groups.map((g, gi) => ({
      V: V[gi]!,
      held: held[gi]!,
      rng: arrays.rng[gi]!,
      vars: models[gi]!.vars,
      params: models[gi]!.params,
      // The last steps' spikes, for projections with delays.
      ring: new Int32Array(sharedBuffer(4 * ringSlots(net, dt, gi) * g.size)),
      ringN: new Int32Array(sharedBuffer(4 * ringSlots(net, dt, gi))),
      spikes: new Int32Array(g.size * Math.min(maxBlock, 8)),
      stepPtr: new Int32Array(maxBlock + 1),
    })),
    projections: net.projections.map((p, pi) => {
      const size = net.groups[p.post]!.size;
      // Only the JavaScript step draws rows into a scratch list (WebAssembly draws its own, but
      // for the projections the step's JavaScript scatters beside it: see scatteredByModule).
      const drawn = p.procedural !== null && (backend === 'js' || !scatteredByModule(p));
      return { s: traces[pi]!, h: arrays.rises[pi]!, row: drawn ? p.procedural!.row : null, scratch: drawn ? new Uint32Array(size) : null, columns: p.columns, ...arrays.synapses[pi]! };
    }),
    inputs: streams,
    timed: timedInputs(spec.inputs, dt),
    poissonIn: arrays.poissonIn,
    probes: (spec.probes ?? []).map((probe) => ({
      indices: Int32Array.from(probe.indices),
      values: new Float64Array(maxBlock * probe.indices.length),
    })),
    grow(g, need) {
      const group = state.groups[g]!;
      const grown = new Int32Array(Math.max(need, group.spikes.length * 2));
      grown.set(group.spikes);
      group.spikes = grown;
      return grown;
    },
    fail(code, i, step, v) {
      failure = failureOf(net, code, i, step, v, dt);
    },
    wasm,
  };
  const { source, factory } = compiled(net, dt, { thread: 0, threads: 1, wasm: wasm !== null });
  const step = factory(
    state,
    net.projections.map((p) => p.synapses),
  );
  let lastSteps = 0;
  let closed = false;

  return {
    dt,
    maxBlock,
    get step() {
      return state.step;
    },
    groups: net.groups.map((g, i) => ({ name: g.name, size: g.size, V: state.groups[i]!.V })),
    projections: net.projections.map((p, i) => ({ name: p.spec.name, s: state.projections[i]!.s })),
    source,
    threads: 1,
    shares: [1],
    backend: wasm === null ? 'js' : 'wasm',
    get failure() {
      return failure;
    },
    close() {
      closed = true;
      wasm?.release();
    },
    run(steps) {
      if (!(Number.isInteger(steps) && steps >= 0 && steps <= maxBlock)) {
        throw new RangeError(`Kernel.run: steps must be a whole number in [0, ${maxBlock}], got ${steps}`);
      }
      if (closed) throw new Error('Kernel.run: the kernel is closed');
      if (failure !== null) throw failure;
      lastSteps = step(steps);
      for (const slot of injected) slot[0] = 0;
      return lastSteps;
    },
    spikes(g) {
      const group = state.groups[g]!;
      const stepPtr = group.stepPtr.subarray(0, lastSteps + 1);
      return { stepPtr, indices: group.spikes.subarray(0, stepPtr[lastSteps]!) };
    },
    samples(r) {
      const probe = state.probes[r]!;
      return probe.values.subarray(0, lastSteps * probe.indices.length);
    },
    setInput(k, value) {
      writeInput(state.inputs[k], k, value, spec.inputs[k], dt);
    },
    weights(p) {
      return state.projections[p]?.w ?? null;
    },
  };
}

