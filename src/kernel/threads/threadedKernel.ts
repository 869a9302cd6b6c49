/**
 * A kernel on several threads: the calling thread is thread 0 and `threads − 1` workers are the
 * others, all running their part of the generated step (see `kernelSource`) over the same
 * SharedArrayBuffers. `run(n)` stays synchronous: the caller computes its part and then waits
 * for the workers, so the RxJS layer above is unchanged.
 *
 * Each thread owns a contiguous range of every group's neurons and writes its spikes into its
 * own buffers; `spikes(g)` joins them per step in thread order, which is ascending neuron order,
 * exactly as one thread writes them. In WebAssembly the ranges move between runs toward the
 * thread the others wait for (see `threadBalance`); in JavaScript they stay equal.
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel } from 'spikestream/kernel';
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1, threads: 2 });
 * kernel.run(100);
 * kernel.close(); // the worker goes back to the pool (see workerPool)
 * ```
 * @module
 */
import { isBitRows } from '../synapses/bitRows.js';
import { KERNEL_MATH } from '../wasm/abi.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { compiled } from '../js/compiled.js';
import { timedInputs } from '../network/initialState.js';
import { kernelArrays, spikeSlots } from '../network/kernelArrays.js';
import { writeInput } from '../js/writeInput.js';
import { copyBytes } from '../numeric/sharedBuffer.js';
import type { Kernel, SpikeRows } from '../createKernel.js';
import { ringSlots } from '../js/kernelSource.js';
import { wasmThreadState } from '../wasm/wasmState.js';
import { SimulationError } from '../simulationError.js';
import { failureOf, failureRank } from '../failureOf.js';
import { takeWorker, type WorkerHandle } from './workerPool.js';
import { CTL, OVERSUBSCRIBED_SPINS, threadRuntime } from './threadRuntime.js';
import { machineCores } from './machineCores.js';
import { rowCuts } from '../synapses/rowCuts.js';
import { BALANCE_GRID, gridStart, initialPositions, rebalance, threadRange } from './threadBalance.js';

/** Steps counted before the threads' shares may move by a grid position (threadBalance). */
const REBALANCE_STEPS = 256;

/** Positions either side of each boundary whose row cut tables a kernel writes as it is made. */
const NEAR_TABLES = 2;

/** Options of {@link threadedKernel}, checked by `createKernel`. */
export interface ThreadedKernelOptions {
  readonly dt: number;
  readonly maxBlock: number;
  readonly threads: number;
  /** Initial membrane potentials per group, in shared memory. */
  readonly V: readonly Float64Array[];
  /** `'wasm'`: the threads run the WebAssembly kernel on a shared memory. Default `'js'`. */
  readonly backend?: 'js' | 'wasm';
}

interface Runtime {
  threadState(d: unknown, t: number): { step: number };
  waitWhile(ctl: Int32Array, index: number, value: number): void;
}

let runtime: Runtime | undefined;

/** The thread runtime, evaluated once on this thread. */
function mainRuntime(): Runtime {
  runtime ??= new Function(`${threadRuntime}\nreturn { threadState, waitWhile };`)() as Runtime;
  return runtime;
}

/**
 * A zeroed typed array in its own SharedArrayBuffer, 128 bytes from either end: small buffers
 * are allocated next to each other, and two threads writing their own arrays (step pointers,
 * control words) must not write the same cache line.
 */
function shared<T extends Float64Array | Int32Array | Uint8Array>(Type: { new (buffer: SharedArrayBuffer, offset: number, length: number): T; readonly BYTES_PER_ELEMENT: number }, bytes: number): T {
  return new Type(new SharedArrayBuffer(bytes + 256), 128, bytes / Type.BYTES_PER_ELEMENT);
}

/** A typed array in shared memory with the same contents (itself when it already is). */
function inShared<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array | Int32Array>(array: T): T {
  return array.buffer instanceof SharedArrayBuffer ? array : sharedCopy(array);
}

/**
 * Creates a kernel that runs on `options.threads` threads.
 *
 * @param net - the built network
 * @param options - dt, block size, threads, initial potentials
 * @returns the kernel, at step 0, with its workers started
 * @throws Error when SharedArrayBuffer or workers are not available
 */
export function threadedKernel(net: BuiltNetwork, options: ThreadedKernelOptions): Kernel {
  if (typeof SharedArrayBuffer !== 'function') {
    throw new Error('createKernel: threads > 1 needs SharedArrayBuffer (in a browser, a cross-origin isolated page); use threads: 1');
  }
  const { dt, maxBlock, threads } = options;
  const spec = net.spec;
  // The arrays the WebAssembly kernel reads move into its shared memory (as views).
  const arrays = kernelArrays(
    net,
    dt,
    options.V.map((v) => inShared(v)),
    { f64: (n) => shared(Float64Array, 8 * n), i32: (n) => shared(Int32Array, 4 * n) },
  );
  const injected = spikeSlots(arrays, net);
  const wasm = options.backend === 'wasm' ? wasmThreadState(net, dt, arrays, threads, maxBlock) : null;
  // With WebAssembly, the control words and the threads' step pointers live in its memory, where
  // the module's step loop reads them (see wasmDriver).
  const ctl = wasm?.ctl ?? shared(Int32Array, 4 * CTL.LENGTH);
  // More threads than cores: a waiting thread sleeps almost at once, leaving its core to the
  // thread it waits for (see OVERSUBSCRIBED_SPINS).
  Atomics.store(ctl, CTL.SPIN_LIMIT, threads > machineCores() ? OVERSUBSCRIBED_SPINS : 0);
  const threadBuffers = Array.from({ length: threads }, (_, t) =>
    net.groups.map((g, gi) => {
      const [lo, hi] = threadRange(g.size, t, threads);
      // Room for 8 steps in which every neuron spikes; a fuller buffer ends the block early.
      const slots = ringSlots(net, dt, gi);
      return {
        spikes: (wasm?.spikes[t]![gi] ?? shared(Int32Array, 4 * ((hi - lo) * 8 + 64))) as Int32Array,
        stepPtr: wasm?.stepPtr[t]![gi] ?? shared(Int32Array, 4 * (maxBlock + 1)),
        // This thread's spikes of the last steps, for projections with delays.
        ring: shared(Int32Array, 4 * slots * (hi - lo)),
        ringN: shared(Int32Array, 4 * slots),
      };
    }),
  );
  const d = {
    threads,
    ctl,
    groups: net.groups.map((_, gi) => ({ V: arrays.V[gi]!, held: arrays.held[gi]!, rng: arrays.rng[gi]!, vars: arrays.models[gi]!.vars, params: arrays.models[gi]!.params })),
    threadBuffers,
    // Procedural rows' drawers stay here: the module draws them on threads (and a function
    // cannot be sent to a worker).
    projections: arrays.traces.map((s, pi) => ({ s, h: arrays.rises[pi]!, columns: net.projections[pi]!.columns, ...arrays.synapses[pi]!, rowWeights: null, rowDelays: null })),
    // Per thread, its copy of each rule's presynaptic traces (see synapseSource): thread 0's are
    // the kernel's own.
    preCopy: Array.from({ length: threads }, (_, t) => arrays.synapses.map(({ pre }) => (t === 0 ? pre : pre.map((a) => sharedCopy(a))))),
    // Bit rows need no cuts: a thread's targets are the same words of every row.
    cuts: wasm === null ? net.projections.map((p) => (isBitRows(p.synapses) ? null : rowCuts(p.synapses, threads))) : [],
    // Per thread, the byte address of its driver: the module's step loop (see wasmDriver).
    drivers: wasm?.drivers ?? null,
    inputs: arrays.streams,
    // Each thread instantiates the one compiled module on the shared memory (threadRuntime).
    wasm: wasm === null ? null : { memory: wasm.memory, module: wasm.module, shifts: wasm.shifts, parts: wasm.parts, math: KERNEL_MATH },
    // Change steps and values; each thread keeps its own position in them (threadRuntime; in
    // WebAssembly the tables and positions are in the module's memory, see wasmDriver).
    timed: wasm === null ? timedInputs(spec.inputs, dt) : [],
    poissonIn: arrays.poissonIn,
    probes:
      wasm?.probes ??
      (spec.probes ?? []).map((probe) => ({
        indices: sharedCopy(Int32Array.from(probe.indices)),
        values: shared(Float64Array, 8 * maxBlock * probe.indices.length),
      })),
    failures: wasm?.failures ?? shared(Float64Array, 8 * 4 * threads),
    message: shared(Uint8Array, 4096),
    csr: net.projections.map(({ synapses: s }) => (isBitRows(s) ? { words: inShared(s.words) } : { rowPtr: inShared(s.rowPtr), col: inShared(s.col) })),
  };

  // Where the threads' shares start and end on the balance grid, and what each thread reads of it.
  const positions = initialPositions(threads);
  const applyPositions = (): void => {
    if (wasm === null) return;
    for (let t = 0; t < threads; t++) {
      // Its range in every group, then its two row cut tables in every projection: the first
      // words of its driver, which the module's step loop reads as a run starts.
      const part = wasm.part[t]!;
      net.groups.forEach((g, gi) => {
        part[2 * gi] = gridStart(g.size, positions[t]!);
        part[2 * gi + 1] = gridStart(g.size, positions[t + 1]!);
      });
      const o = 2 * net.groups.length;
      net.projections.forEach((_, pi) => {
        part[o + 2 * pi] = wasm.cutTable(pi, positions[t]!);
        part[o + 2 * pi + 1] = wasm.cutTable(pi, positions[t + 1]!);
      });
    }
  };
  applyPositions();
  // The tables of the positions next to each boundary, written now: the shares move one
  // position at a time, and a table first used in a run would be written inside that run's
  // block; here it is written in the build.
  if (wasm !== null) {
    for (let t = 1; t < threads; t++) {
      for (let q = positions[t]! - NEAR_TABLES; q <= positions[t]! + NEAR_TABLES; q++) net.projections.forEach((_, pi) => wasm.cutTable(pi, q));
    }
  }
  let counted = 0;

  const rt = mainRuntime();
  const S = rt.threadState(d, 0);
  const { source, factory } = compiled(net, dt, { thread: 0, threads, wasm: wasm !== null });
  const run0 = factory(S, d.csr);
  const workers: WorkerHandle[] = [];
  try {
    for (let t = 1; t < threads; t++) {
      const worker = takeWorker();
      workers.push(worker);
      worker.start({ d, t, source: compiled(net, dt, { thread: t, threads, wasm: wasm !== null }).source });
    }
  } catch (e) {
    // Nothing half-made stays taken: the workers, and the network's memory for the next kernel.
    for (const w of workers) w.terminate();
    wasm?.release();
    throw e;
  }

  let step = 0;
  let lastSteps = 0;
  let failure: SimulationError | null = null;
  let closed = false;
  const merged = net.groups.map(() => ({ stepPtr: new Int32Array(maxBlock + 1), indices: new Int32Array(1024), valid: false }));
  // Per group, every thread's step pointers and spikes, for joinSpikes.
  const perGroup = net.groups.map((_, g) => ({ stepPtr: threadBuffers.map((b) => b[g]!.stepPtr), lists: threadBuffers.map((b) => b[g]!.spikes) }));

  /** The failure a worker recorded: its thread, the step, and what it threw. */
  const workerError = (): SimulationError => {
    const bytes = d.message.slice();
    const end = bytes.indexOf(0);
    const text = new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
    const [head = '', ...rest] = text.split('\n');
    const [t, at] = head.split(' ').map(Number) as [number, number];
    const when = at >= 0 ? `at step ${at}` : 'as it started';
    return new SimulationError(`kernel thread ${t} of ${threads} failed ${when}: ${rest.join('\n')}; the other threads were stopped`, 'kernel', 'thread', at >= 0 ? at : step, t);
  };

  /** Tells the workers' loops to return; `stuck`: a run failed, a worker may be mid-step. */
  const close = (stuck = false): void => {
    if (closed) return;
    closed = true;
    Atomics.store(ctl, CTL.QUIT, 1);
    Atomics.add(ctl, CTL.SEQ, 1);
    Atomics.notify(ctl, CTL.SEQ);
    // Idle between runs, a worker returns from its loop and serves the next kernel; after a
    // failed run it may be waiting at a barrier nobody else will reach, so it is stopped.
    if (!stuck && wasm !== null) {
      // The control words live in the WebAssembly memory, which the next kernel of this network
      // clears: the workers must have read QUIT first, or they would wait there for ever.
      try {
        for (let n = Atomics.load(ctl, CTL.LEFT); n < threads - 1; n = Atomics.load(ctl, CTL.LEFT)) rt.waitWhile(ctl, CTL.LEFT, n);
      } catch {
        stuck = true;
      }
    }
    for (const w of workers) {
      if (stuck) w.terminate();
      else w.release();
    }
    wasm?.release();
  };

  return {
    dt,
    maxBlock,
    get step() {
      return step;
    },
    groups: net.groups.map((g, gi) => ({ name: g.name, size: g.size, V: d.groups[gi]!.V })),
    projections: net.projections.map((p, pi) => ({ name: p.spec.name, s: d.projections[pi]!.s })),
    source,
    threads,
    backend: wasm === null ? 'js' : 'wasm',
    get shares() {
      return Array.from({ length: threads }, (_, t) => {
        if (wasm !== null) return (positions[t + 1]! - positions[t]!) / BALANCE_GRID;
        // JavaScript threads keep their equal ranges (of the first group, here).
        const size = net.groups[0]?.size ?? 0;
        const [lo, hi] = threadRange(size, t, threads);
        return size === 0 ? 1 / threads : (hi - lo) / size;
      });
    },
    get failure() {
      return failure;
    },
    run(steps) {
      if (closed) throw new Error('Kernel.run: the kernel is closed');
      if (!(Number.isInteger(steps) && steps >= 0 && steps <= maxBlock)) {
        throw new RangeError(`Kernel.run: steps must be a whole number in [0, ${maxBlock}], got ${steps}`);
      }
      if (failure !== null) throw failure;
      if (Atomics.load(ctl, CTL.ERROR) !== 0) throw workerError();
      // A worker that exited (terminated, or crashed outside its loop) would never answer.
      const gone = workers.findIndex((w) => w.exited);
      if (gone >= 0) {
        close(true);
        throw new SimulationError(`kernel thread ${gone + 1} of ${threads} has stopped (its worker exited) before step ${step}; the other threads were stopped`, 'kernel', 'thread', step, gone + 1);
      }
      // Between runs the workers wait: the shares may move (see threadBalance).
      if (wasm !== null && counted >= REBALANCE_STEPS) {
        if (rebalance(positions, wasm.lasts, counted, 16)) applyPositions();
        wasm.lasts.fill(0);
        counted = 0;
      }
      Atomics.store(ctl, CTL.FLAGS, 0);
      Atomics.store(ctl, CTL.FLAGS + 1, 0);
      Atomics.store(ctl, CTL.DONE, 0);
      d.failures.fill(-1);
      Atomics.store(ctl, CTL.STEPS, steps);
      Atomics.store(ctl, CTL.START, step);
      Atomics.add(ctl, CTL.SEQ, 1);
      Atomics.notify(ctl, CTL.SEQ);
      S.step = step;
      let done: number;
      try {
        done = run0(steps);
        for (let n = Atomics.load(ctl, CTL.DONE); n < threads - 1; n = Atomics.load(ctl, CTL.DONE)) rt.waitWhile(ctl, CTL.DONE, n);
      } catch (e) {
        close(true);
        throw Atomics.load(ctl, CTL.ERROR) !== 0 ? workerError() : e;
      }
      step = S.step;
      lastSteps = done;
      for (const slot of injected) slot[0] = 0;
      counted += done;
      for (const m of merged) m.valid = false;
      // The blow-up of the first group, then the lowest neuron, as one thread would report. (A
      // rule's blow-up in the run's last step ends no block early: it is found here too.)
      let best = -1;
      for (let t = 0; t < threads; t++) {
        if (d.failures[4 * t]! < 0) continue;
        const g = failureRank(net, d.failures[4 * t]!);
        const gBest = best < 0 ? -1 : failureRank(net, d.failures[4 * best]!);
        if (best < 0 || g < gBest || (g === gBest && d.failures[4 * t + 1]! < d.failures[4 * best + 1]!)) best = t;
      }
      if (best >= 0) {
        const f = d.failures;
        failure = failureOf(net, f[4 * best]!, f[4 * best + 1]!, f[4 * best + 2]!, f[4 * best + 3]!, dt);
      }
      return done;
    },
    spikes(g): SpikeRows {
      const m = merged[g]!;
      if (!m.valid) {
        const { stepPtr, lists } = perGroup[g]!;
        let total = 0;
        for (let t = 0; t < threads; t++) total += stepPtr[t]![lastSteps]!;
        if (m.indices.length < total) m.indices = new Int32Array(Math.max(total, 2 * m.indices.length));
        joinSpikes(m.indices, m.stepPtr, lastSteps, stepPtr, lists);
        m.valid = true;
      }
      return { stepPtr: m.stepPtr.subarray(0, lastSteps + 1), indices: m.indices.subarray(0, m.stepPtr[lastSteps]!) };
    },
    samples(r) {
      const probe = d.probes[r]!;
      return probe.values.subarray(0, lastSteps * probe.indices.length);
    },
    setInput(k, value) {
      writeInput(d.inputs[k], k, value, spec.inputs[k], dt);
    },
    weights(p) {
      return d.projections[p]?.w ?? null;
    },
    close: () => close(),
  };
}

/**
 * Joins the threads' spikes of `steps` steps into `out`, per step in thread order (which is
 * ascending neuron order, as one thread writes them), with their step pointers in `outPtr`.
 * Element by element: a step holds a few spikes per thread, and a subarray per step and thread
 * (400 per block of the seed network) is garbage that stops both threads when it is
 * collected. A small function of its own, so that the engine's optimizing compiler, which works
 * on a background thread while the kernel's threads run, has little to do.
 */
function joinSpikes(out: Int32Array, outPtr: Int32Array, steps: number, stepPtr: readonly Int32Array[], lists: readonly Int32Array[]): void {
  const threads = stepPtr.length;
  let at = 0;
  outPtr[0] = 0;
  for (let k = 0; k < steps; k++) {
    for (let t = 0; t < threads; t++) {
      const ptr = stepPtr[t]!;
      const list = lists[t]!;
      for (let q = ptr[k]!, end = ptr[k + 1]!; q < end; q++) out[at++] = list[q]!;
    }
    outPtr[k + 1] = at;
  }
}

/** Zero-step runs in {@link warmThreads}. */
export const WARM_RUNS = 200;

let joinWarmed = false;

/**
 * Takes a threaded kernel through its runs' JavaScript before its first real run, so that V8
 * optimizes that code in the build and not as the run goes: 200 runs of no steps (`WARM_RUNS`)
 * (the calling thread's run and its wait for the workers, each worker's wait for a run and its
 * run, with its state moved in and out), and, once per process, the join of the threads' spikes
 * on a made-up block of the same types. V8 optimizes hot JavaScript on a background thread,
 * which in a run on two threads takes one of the two cores the threads compute on (`npm run
 * bench:background` measures that work during a run). A run
 * of no steps changes no state; it needs the workers started, which is why a `Simulation` calls
 * this where it may run (see `workersStartUnaided`).
 *
 * @param kernel - a threaded kernel at step 0 (on one thread, nothing is done)
 * @example
 * ```ts
 * const kernel = createKernel(built, { dt: 0.1, threads: 2, backend: 'wasm' });
 * warmThreads(kernel); // kernel.step is still 0
 * ```
 */
export function warmThreads(kernel: Kernel): void {
  if (kernel.threads < 2) return;
  for (let i = 0; i < WARM_RUNS; i++) kernel.run(0);
  if (joinWarmed) return;
  joinWarmed = true;
  // Two threads' step pointers and spike lists in shared memory, a spike per step each, as the
  // kernel's are; the joined block in ordinary arrays, as `merged`'s are.
  const steps = 100;
  // (Filled in place: a typed array's map would make an unshared copy.)
  const filled = (length: number, value: (k: number) => number): Int32Array => {
    const a = shared(Int32Array, 4 * length);
    a.forEach((_, k) => (a[k] = value(k)));
    return a;
  };
  const stepPtr = [0, 1].map(() => filled(steps + 1, (k) => k));
  const lists = [0, 1].map((t) => filled(steps, (k) => 2 * k + t));
  const out = new Int32Array(2 * steps);
  const outPtr = new Int32Array(steps + 1);
  for (let i = 0; i < 300; i++) joinSpikes(out, outPtr, steps, stepPtr, lists);
}

function sharedCopy<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array | Int32Array>(array: T): T {
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copyBytes(array, copy.buffer, 0);
  return copy;
}
