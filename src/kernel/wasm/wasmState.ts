/**
 * A WebAssembly kernel's instance: the network's module on a memory holding its synapses and one
 * kernel's state, the kernel's typed arrays being views of that memory.
 *
 * A network built for WebAssembly owns such a memory ({@link WasmHome}, its synapses drawn into
 * it): its first kernel uses it as it is; a kernel made while another holds it gets a fresh
 * memory with the synapses copied in; a closed kernel gives it back.
 *
 * @example
 * ```ts
 * const w = wasmState(built, 0.1, { V, traces, streams, held }); // the arrays become views
 * w.exports.g0(); // group 0's step
 * w.release();    // when the kernel closes
 * ```
 * @module
 */
import { kernelImports } from './abi.js';
import { isBitRows, synapseArrays } from '../synapses/bitRows.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { copyBytes } from '../numeric/sharedBuffer.js';
import { timedInputs } from '../network/initialState.js';
import type { KernelArrays } from '../network/kernelArrays.js';
import { gatherSlots } from '../network/delayBuckets.js';
import { rowCut } from '../synapses/rowCuts.js';
import { BALANCE_GRID, gridStart } from '../threads/threadBalance.js';
import { CTL } from '../threads/threadRuntime.js';
import { DRIVER, driverWords, mailboxShape } from './wasmDriver.js';
import { wasmKernelModule } from './wasmKernelModule.js';
import { proceduralTargets, newWasmMemory, spikeBufferLength, STATE_GAP, stateParts, threadPages, threadStateStride, wasmLayout, type WasmLayout } from './wasmLayout.js';
import { pairTable, proceduralScratchBytes } from './wasmProceduralRows.js';

/** What the JavaScript step needs of an instance: its exports and each group's spike list. */
export interface WasmState {
  readonly exports: WebAssembly.Exports;
  readonly scratch: readonly Int32Array[];
  /** Gives the memory back to its network, when it is the network's (see {@link WasmHome}). */
  release(): void;
}

/** A network's WebAssembly memory: its synapses, and room for one kernel's state. */
export interface WasmHome {
  readonly memory: WebAssembly.Memory;
  readonly layout: WasmLayout;
  /** Whether a kernel holds the state room. */
  busy: boolean;
  /**
   * The pages grown at the memory's end for threaded kernels (spike buffers, row cuts), kept
   * for the next threaded kernel: growing again each time would reach the maximum.
   */
  threadRegion: { readonly at: number; pages: number } | null;
}

/**
 * The home of a network built into `memory`, when all its synapses landed there (a draw beyond
 * the estimate goes elsewhere; then the network has no home and its kernels copy).
 *
 * @param net - the built network
 * @param memory - the memory its synapses were drawn into
 * @returns the home, or null
 */
export function wasmHome(net: BuiltNetwork, memory: WebAssembly.Memory, maximum: number | null): WasmHome | null {
  const inside = net.projections.every(({ synapses: s, weights }) => [...synapseArrays(s), ...(weights === null ? [] : [weights])].every((a) => a.buffer === memory.buffer));
  return inside ? { memory, layout: wasmLayout(net, true, maximum), busy: false, threadRegion: null } : null;
}

// Compiled modules, per layout and dt: a network's home layout, or its packed layout.
const modules = new WeakMap<WasmLayout, Map<string, WebAssembly.Module>>();
const packed = new WeakMap<BuiltNetwork, WasmLayout>();

/**
 * Compiles now the module a kernel of `net` at `dt` will run on the network's own memory (one
 * thread's, or the threads'), so that its first kernel finds it compiled: a `Simulation` does
 * it as it builds, as Brian2 compiles before it runs.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param threaded - the module of threads
 */
export function prepareWasmModule(net: BuiltNetwork, dt: number, threaded: boolean): void {
  if (net.wasm !== null && (!threaded || net.wasm.layout.maximum !== null)) moduleFor(net, dt, net.wasm.layout, threaded);
}

/**
 * The module a kernel of `net` at `dt` runs on the network's own memory, when it has been
 * compiled (by {@link prepareWasmModule} or a kernel), else null: for tests that look at how
 * the engine compiled it.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param threaded - the module of threads
 * @returns the module, or null
 */
export function compiledModule(net: BuiltNetwork, dt: number, threaded: boolean): WebAssembly.Module | null {
  return net.wasm === null ? null : (modules.get(net.wasm.layout)?.get(moduleKey(dt, threaded)) ?? null);
}

/** A compiled module's key in its layout's cache. */
const moduleKey = (dt: number, threaded: boolean): string => `${dt}/${threaded}`;

/** The compiled module of one thread or of threads, cached per layout and dt. */
function moduleFor(net: BuiltNetwork, dt: number, layout: WasmLayout, threaded: boolean): WebAssembly.Module {
  let byKey = modules.get(layout);
  if (byKey === undefined) modules.set(layout, (byKey = new Map()));
  const key = moduleKey(dt, threaded);
  let module = byKey.get(key);
  if (module === undefined) {
    byKey.set(key, (module = new WebAssembly.Module(wasmKernelModule(net, dt, layout, threaded))));
    if (threaded) warmModule(module, layout);
  }
  return module;
}

/**
 * Calls of each function in {@link warmModule}: about twice what the step loop, neuron and
 * scatter functions of the seed network needed (1,000 to 2,000) before V8 optimized them.
 */
export const WARM_CALLS = 4000;

/**
 * Has the engine compile the functions of a threads' module with its optimizing compiler now,
 * in the build, rather than during the first run. V8 (Node 20, Chrome) compiles a WebAssembly
 * function with its baseline compiler on its first call, and with its optimizing compiler once
 * the function has run enough, on a background thread: in a run on two threads that thread
 * takes one of the two cores the threads compute on, and until then the baseline code runs. The
 * step loop `r` reached that point a few thousand steps into a run of the seed network, where
 * two-thread runs then stalled (`npm run bench:background` shows that compiler's time). So each function is called here {@link WARM_CALLS}
 * times on a scratch memory, with every argument 0: no neurons (an empty range), no spikes, no
 * steps, each returning at once and touching only the scratch memory's first bytes (the wait
 * `w` finds its word holding its value; its early return is too short to count much, and it is
 * optimized during the run, quickly). The scratch memory's pages are never touched
 * beyond the first; when it cannot be had (address space is short), nothing is warmed.
 *
 * @param module - a module compiled with threads (`wasmKernelModule(…, true)`)
 * @param layout - its layout, for the memory it imports
 */
function warmModule(module: WebAssembly.Module, layout: WasmLayout): void {
  // Warming only saves time: whatever fails here (no room for the scratch memory) leaves the
  // module as it was compiled, and the build goes on.
  try {
    const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.maximum!, shared: true });
    const exports = new WebAssembly.Instance(module, kernelImports(memory)).exports;
    for (const f of Object.values(exports)) {
      if (typeof f !== 'function') continue;
      const zeros = new Array<number>(f.length).fill(0);
      for (let c = 0; c < WARM_CALLS; c++) Reflect.apply(f, undefined, zeros);
    }
  } catch {
    // not warmed
  }
}

/**
 * Instantiates the network's module, moves the initial state into the memory, and replaces each
 * array of `arrays` (potentials, traces, rise variables, stream inputs, refractory counters,
 * recovery variables, generator states) by its view there.
 *
 * @param net - a network the WebAssembly kernel covers
 * @param dt - time step, ms
 * @param arrays - the kernel's arrays at step 0, replaced in place by views
 * @returns the instance's exports and spike lists
 */
export function wasmState(net: BuiltNetwork, dt: number, arrays: KernelArrays): WasmState {
  const { home, layout, memory } = takeMemory(net, arrays, 0);
  const module = moduleFor(net, dt, layout, false);
  const buffer = memory.buffer;
  const instance = new WebAssembly.Instance(module, kernelImports(memory));
  let released = false;
  return {
    exports: instance.exports,
    scratch: net.groups.map((g, gi) => new Int32Array(buffer, layout.scratch[gi]!, g.size)),
    release() {
      if (home !== null && !released) home.busy = false;
      released = true;
    },
  };
}


/**
 * The memory a kernel runs on, with the state moved in: the network's own when no other kernel
 * holds it (grown by `extra` pages, for threads: only a shared one can grow without moving),
 * else a fresh one with the synapses copied in. `end` is where the `extra` pages start.
 */
function takeMemory(net: BuiltNetwork, arrays: KernelArrays, extra: number): { home: WasmHome | null; layout: WasmLayout; memory: WebAssembly.Memory; end: number } {
  const home = net.wasm !== null && !net.wasm.busy && (extra === 0 || fits(net.wasm, extra)) ? net.wasm : null;
  let layout: WasmLayout;
  let memory: WebAssembly.Memory;
  let end: number;
  if (home !== null) {
    home.busy = true;
    ({ layout, memory } = home);
    end = memory.buffer.byteLength;
    if (extra > 0) {
      const region = home.threadRegion ?? { at: end, pages: 0 };
      if (region.pages < extra) {
        memory.grow(extra - region.pages);
        region.pages = extra;
      }
      home.threadRegion = region;
      end = region.at;
    }
    // A previous kernel's state, padding included, goes: the state starts from zero.
    new Uint8Array(memory.buffer, 0, layout.stateBytes).fill(0);
  } else {
    // The packed layout of a network is kept, so that its compiled module is reused.
    const packedLayout = packed.get(net) ?? wasmLayout(net);
    packed.set(net, packedLayout);
    end = packedLayout.pages * 65536;
    if (extra === 0) {
      layout = packedLayout;
      memory = new WebAssembly.Memory({ initial: layout.pages });
    } else {
      const made = newWasmMemory(packedLayout.pages + extra, 0);
      if (made.maximum === null) throw new Error('createKernel: threads need a shared WebAssembly memory, which this platform does not give');
      memory = made.memory;
      layout = { ...packedLayout, pages: packedLayout.pages + extra, maximum: made.maximum };
    }
    net.projections.forEach(({ synapses: s, weights }, pi) => {
      // The first array at `rowPtr`, the second (a CSR's targets) at `col`, weights at `w`; none
      // for what the step's JavaScript scatters (−1, see wasmLayout).
      if (layout.rowPtr[pi]! < 0) return;
      synapseArrays(s).forEach((a, k) => copyBytes(a, memory.buffer, (k === 0 ? layout.rowPtr : layout.col)[pi]!));
      if (weights !== null) copyBytes(weights, memory.buffer, layout.w[pi]!);
    });
  }
  moveState(memory.buffer as ArrayBuffer, layout, arrays);
  // Procedural rows by distance read their groups' positions (after the state was cleared).
  net.projections.forEach(({ procedural }, pi) => {
    const at = layout.XY[pi]!;
    if (at < 0 || procedural?.space === undefined) return;
    const { pre, post } = procedural.space;
    const xy = new Float64Array(memory.buffer, at, 2 * (pre.x.length + post.x.length));
    xy.set(pre.x, 0);
    xy.set(pre.y, pre.x.length);
    xy.set(post.x, 2 * pre.x.length);
    xy.set(post.y, 2 * pre.x.length + post.x.length);
  });
  return { home, layout, memory, end };
}

/** Whether a network's shared memory has room for `extra` pages of a threaded kernel. */
function fits(home: WasmHome, extra: number): boolean {
  if (home.layout.maximum === null) return false;
  const at = home.threadRegion?.at ?? home.memory.buffer.byteLength;
  return at / 65536 + extra <= home.layout.maximum;
}

/** Copies each array into its place in `buffer` and replaces it by its view there. */
function moveState(buffer: ArrayBuffer, layout: WasmLayout, arrays: KernelArrays): void {
  const move = <T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(from: T, offset: number): T => {
    const view = new (from.constructor as new (b: ArrayBuffer, o: number, n: number) => T)(buffer, offset, from.length);
    view.set(from as never);
    return view;
  };
  // Each list with its offsets (−1 where an entry has no place: not of that kind).
  const moveAll = <T extends Float64Array | Int32Array>(list: (T | null)[], at: readonly number[]): void =>
    list.forEach((a, i) => {
      if (a !== null && at[i]! >= 0) list[i] = move(a, at[i]!);
    });
  moveAll(arrays.V, layout.V);
  moveAll(arrays.traces, layout.s);
  moveAll(arrays.rises, layout.h);
  moveAll(arrays.streams, layout.X);
  moveAll(arrays.poissonIn, layout.PI);
  moveAll(arrays.held, layout.H);
  moveAll(arrays.rng, layout.rng);
  // Per-synapse delays, in steps, and their sums (see wasmLayout: after the synapses).
  // (Procedural rows draw their delays with each row in the module: their sums only.)
  arrays.synapses.forEach((syn, pi) => {
    if (layout.DQ[pi]! < 0 || syn.delay === null || syn.pending === null) return;
    arrays.synapses[pi] = { ...syn, delay: layout.DL[pi]! < 0 ? syn.delay : move(syn.delay, layout.DL[pi]!), pending: move(syn.pending, layout.DQ[pi]!) };
  });
  arrays.models.forEach((m, gi) => {
    moveAll(m.vars, layout.NV[gi]!);
    moveAll(m.params, layout.NP[gi]!);
  });
}

/** What a threaded kernel needs to run its threads in WebAssembly. */
export interface WasmThreads {
  /**
   * The shared memory, and the module every thread instantiates on it: compiled once, and
   * posted to the workers as it is, so that they share its optimized code.
   */
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  /**
   * Per thread, per group: its spike buffer in the memory, room for 8 steps of twice an equal
   * share of the group (a thread's share can grow to that, see `threadBalance`), plus 64.
   */
  readonly spikes: readonly (readonly Int32Array[])[];
  /** Per thread, per group: where each step's spikes start in its buffer (`maxBlock + 1`). */
  readonly stepPtr: readonly (readonly Int32Array[])[];
  /** The control words (`CTL`), zeroed. */
  readonly ctl: Int32Array;
  /** Per thread, at `16·t`: the steps at which it posted last, finding every other thread's step posted (`threadBalance`). */
  readonly lasts: Int32Array;
  /** Per thread, at `4·t`: its blow-up (group, neuron, step, value). */
  readonly failures: Float64Array;
  /** Per thread: its ranges and row cut tables (the first words of its driver). */
  readonly part: readonly Int32Array[];
  /** Per thread: its driver's byte address (see `wasmDriver`). */
  readonly drivers: readonly number[];
  /** Per thread: the shift of its copy of the state, 0 for thread 0 (see `threadStateStride`). */
  readonly shifts: readonly number[];
  /** The state's arrays a thread moves into its copy and back, as (byte address, bytes per neuron, group) triples (see `stateParts`). */
  readonly parts: Int32Array;
  /** Per probe: its indices, and its samples of up to `maxBlock` steps, which the threads write. */
  readonly probes: readonly { readonly indices: Int32Array; readonly values: Float64Array }[];
  /**
   * The byte address of projection `pi`'s row cut at grid position `p` (see `threadBalance`):
   * its rows' starts at 0, their ends at the last position, else a table filled on first use.
   * For bit rows and procedural projections, the target itself (`gridStart` of the target group): no table.
   */
  cutTable(pi: number, p: number): number;
  release(): void;
}

/**
 * Sets up the WebAssembly kernel of `threads` threads: the network's shared memory (grown by
 * the threads' buffers, row cut tables and drivers) when free and large enough, else a fresh
 * shared one with the synapses copied in; the state moved in as {@link wasmState} does; the
 * module.
 *
 * @param net - a network the WebAssembly kernel covers
 * @param dt - time step, ms
 * @param arrays - the kernel's arrays at step 0, replaced in place by views
 * @param threads - the number of threads
 * @param maxBlock - the most steps of one run
 * @returns the memory, module and buffers
 * @throws Error when no shared WebAssembly memory can be made
 */
export function wasmThreadState(net: BuiltNetwork, dt: number, arrays: KernelArrays, threads: number, maxBlock: number): WasmThreads {
  const { home, layout, memory, end: stateEnd } = takeMemory(net, arrays, threadPages(net.spec, threads, maxBlock, dt));
  const buffer = memory.buffer as ArrayBuffer;
  let end = stateEnd;
  const take = (bytes: number, align = 16): number => {
    end = Math.ceil(end / align) * align;
    const offset = end;
    end += Math.ceil(bytes / align) * align;
    return offset;
  };
  const spikes = Array.from({ length: threads }, () =>
    net.groups.map((g) => {
      const length = spikeBufferLength(g.size, threads);
      return new Int32Array(buffer, take(4 * length), length);
    }),
  );
  // Per thread, per group: room for one step's spikes of every thread, gathered into one list
  // so that one scatter call fetches all their rows at once (see wasmDriver); with delayed
  // projections, a ring of such lists, one per step of the longest delay, and their counts,
  // which start at 0 (no spikes before step 0).
  const gather = Array.from({ length: threads }, () =>
    net.groups.map((g, gi) => {
      const slots = gatherSlots(net.spec, dt, gi);
      const ring = new Int32Array(buffer, take(4 * (g.size + 1) * slots), (g.size + 1) * slots);
      ring.fill(0, g.size * slots);
      return ring;
    }),
  );
  // Room for a table per inner grid position; a table's pages are touched when it is filled.
  // (Bit rows have none: their x function takes the thread's first and last target instead.)
  const tables = net.projections.map(({ synapses: s, procedural }) => (isBitRows(s) || procedural !== null ? -1 : take(4 * s.rows * (BALANCE_GRID - 1))));
  // Procedural projections' drawn rows (see wasmProceduralThreads): written before read.
  const scratchBytes = proceduralScratchBytes(proceduralTargets(net.spec));
  const scratch = take(scratchBytes, 64);
  if (scratchBytes > 0) new Float64Array(buffer, scratch, pairTable().length).set(pairTable());
  const filled = net.projections.map(() => new Set<number>());
  // The drivers' words, each thread's on its own cache lines (see driverBytes); a previous
  // kernel's values in a reused region are cleared.
  const G = net.groups.length;
  const spec = net.spec;
  const { head, timed: timedAt, probes: probesAt, words } = driverWords(spec);
  const driverStart = take(0, 64);
  const ctl = new Int32Array(buffer, take(4 * CTL.LENGTH, 64), CTL.LENGTH);
  const lasts = new Int32Array(buffer, take(64 * threads, 64), 16 * threads);
  const failures = new Float64Array(buffer, take(32 * threads, 64), 4 * threads);
  // Each thread's two mailboxes (see mailboxShape), on lines of their own.
  const mailboxes = take(2 * mailboxShape(G).bytes * threads, 64);
  const meet = take(64, 64);
  const driverAt = Array.from({ length: threads }, () => take(4 * words, 64));
  const table = take(8 * threads * G, 64);
  const stepPtr = Array.from({ length: threads }, () => net.groups.map(() => new Int32Array(buffer, take(4 * (maxBlock + 1), 64), maxBlock + 1)));
  // Timed inputs: their tables, and each thread's position and value (see driverWords).
  // (Inputs of spike times are merged by the step's JavaScript, on one thread only.)
  const timed = timedInputs(spec.inputs, dt).flatMap((input, k) => (input === null || spec.inputs[k]!.kind !== 'timed' ? [] : [{ input, steps: take(4 * input.steps.length, 64), values: take(8 * input.values.length, 64), states: Array.from({ length: threads }, () => take(16, 64)) }]));
  const probes = (spec.probes ?? []).map((probe) => {
    const width = probe.indices.length;
    return { indices: new Int32Array(buffer, take(4 * width, 64), width), values: new Float64Array(buffer, take(8 * maxBlock * width, 64), maxBlock * width) };
  });
  new Uint8Array(buffer, driverStart, end - driverStart).fill(0);
  // Threads 1, 2, …: a copy of the state each, a gap after whatever comes before (see
  // threadStateStride). A thread moves its part in before each run; the whole state is copied
  // here once, so that the copy's pages are touched in the build, not in the first run.
  take(STATE_GAP, 4096);
  const shifts = Array.from({ length: threads }, (_, t) => (t === 0 ? 0 : take(threadStateStride(spec), 4096)));
  for (const shift of shifts) if (shift > 0) new Uint8Array(buffer).copyWithin(shift, 0, layout.stateBytes);
  for (const x of timed) {
    new Int32Array(buffer, x.steps, x.input.steps.length).set(x.input.steps);
    new Float64Array(buffer, x.values, x.input.values.length).set(x.input.values);
  }
  (spec.probes ?? []).forEach((probe, r) => probes[r]!.indices.set(probe.indices));
  const module = moduleFor(net, dt, layout, true);
  const word = new Int32Array(buffer);
  for (let t = 0; t < threads; t++) {
    const d = driverAt[t]! / 4;
    const h = d + head;
    word[h + DRIVER.THREAD] = t;
    word[h + DRIVER.THREADS] = threads;
    word[h + DRIVER.CTL] = ctl.byteOffset;
    word[h + DRIVER.LAST] = lasts.byteOffset + 64 * t;
    word[h + DRIVER.FAILURE] = failures.byteOffset + 32 * t;
    word[h + DRIVER.TABLE] = table;
    word[h + DRIVER.MAILBOXES] = mailboxes;
    word[h + DRIVER.SCRATCH] = scratch;
    word[h + DRIVER.MEET] = meet;
    word[h + DRIVER.SHIFT] = shifts[t]!;
    net.groups.forEach((_, gi) => {
      word[h + DRIVER.GROUPS + 2 * gi] = spikes[t]![gi]!.length;
      word[h + DRIVER.GROUPS + 2 * gi + 1] = gather[t]![gi]!.byteOffset;
      word[table / 4 + 2 * (t * G + gi)] = spikes[t]![gi]!.byteOffset;
      word[table / 4 + 2 * (t * G + gi) + 1] = stepPtr[t]![gi]!.byteOffset;
    });
    timed.forEach((x, ti) => {
      const w = d + timedAt + 4 * ti;
      [word[w], word[w + 1], word[w + 2], word[w + 3]] = [x.steps, x.values, x.input.steps.length, x.states[t]!];
    });
    probes.forEach((x, r) => {
      const w = d + probesAt + 3 * r;
      [word[w], word[w + 1], word[w + 2]] = [x.indices.byteOffset, x.values.byteOffset, x.indices.length];
    });
  }
  let released = false;
  return {
    memory,
    module,
    spikes,
    stepPtr,
    ctl,
    lasts,
    failures,
    part: driverAt.map((at) => new Int32Array(buffer, at, head)),
    shifts,
    parts: Int32Array.from(stateParts(spec, layout).flatMap(({ at, bytes, group }) => [at, bytes, group])),
    drivers: driverAt,
    probes,
    cutTable(pi, p) {
      const csr = net.projections[pi]!.synapses;
      if (isBitRows(csr) || net.projections[pi]!.procedural !== null) return gridStart(csr.cols, Math.min(Math.max(p, 0), BALANCE_GRID));
      if (p <= 0) return layout.rowPtr[pi]!;
      if (p >= BALANCE_GRID) return layout.rowPtr[pi]! + 4;
      const address = tables[pi]! + 4 * csr.rows * (p - 1);
      if (!filled[pi]!.has(p)) {
        new Uint32Array(buffer, address, csr.rows).set(rowCut(csr, gridStart(csr.cols, p)));
        filled[pi]!.add(p);
      }
      return address;
    },
    release() {
      if (home !== null && !released) home.busy = false;
      released = true;
    },
  };
}
