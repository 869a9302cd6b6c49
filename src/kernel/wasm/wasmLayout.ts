/**
 * Where a network's state and synapses live in the WebAssembly kernel's one memory: first the
 * state of one kernel (potentials, spike lists, refractory counters, recovery variables,
 * generator states, traces, stream inputs),
 * each array 16-byte aligned and of an even number of values (the SIMD loop updates pairs),
 * then the synapses (row pointers and targets of each projection).
 *
 * A network that the WebAssembly kernel covers is built straight into such a memory
 * ({@link wasmArena}): its synapses are drawn where the kernel reads them, and the memory's
 * pages are touched once, by the build.
 *
 * @example
 * ```ts
 * const layout = wasmLayout(built); // offsets of built's arrays in a fresh memory
 * ```
 * @module
 */
import type { NetworkSpec } from '../../model/networkSpec.js';
import { countsRefractory } from '../../model/refractoryPeriod.js';
import { projectionTraces } from '../../model/library/synapseTraces.js';
import { synapseArrays, type StorageRule } from '../synapses/bitRows.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { indexWidth, sharedAlloc, type CsrAlloc } from '../synapses/csr.js';
import { estimateMemory } from '../network/estimateMemory.js';
import { isProcedural } from '../synapses/fixedProbability.js';
import { drawsRandom, neuronArrayCounts } from '../network/initialState.js';
import { gatherSlots } from '../network/delayBuckets.js';
import { BALANCE_GRID } from '../threads/threadBalance.js';
import { driverBytes } from './wasmDriver.js';
import { proceduralGroupBytes, proceduralScratchBytes } from './wasmProceduralRows.js';
import { listCarries, rowListBytes } from './wasmRowLists.js';
import { scatteredByModule, sumsInModule } from './moduleScatter.js';
import { delayStep, delaySteps } from '../synapses/synapseValues.js';

/** Byte offsets of every array in the memory. */
export interface WasmLayout {
  /** Per group: potentials (f64), spike list (i32), refractory counters (i32, or −1 for none). */
  readonly V: readonly number[];
  readonly scratch: readonly number[];
  readonly H: readonly number[];
  /** Per group: its neurons' generator states (4 i32 per neuron, see `groupStreams`), or −1. */
  readonly rng: readonly number[];
  /**
   * Per group: a model's state variables after the first (Izhikevich's u, AdEx's w, a user's) and its per-neuron parameters
   * (f64 each, in the order of `neuronArrays`); empty lists for other kinds.
   */
  readonly NV: readonly (readonly number[])[];
  readonly NP: readonly (readonly number[])[];
  /**
   * Per projection: traces (f64), row pointers (u32), targets (1, 2 or 4 bytes each); for bit
   * rows, `col` (and `rowPtr`) is where their words start.
   */
  readonly s: readonly number[];
  /** Per projection: the second variables of a synapse that has two (a dual exponential's rise variables, f64), or −1. */
  readonly h: readonly number[];
  /** Per projection: where its spikes add their weight, `s` or `h` (see synapseDefinition). */
  readonly into: readonly number[];
  readonly rowPtr: readonly number[];
  readonly col: readonly number[];
  /** Per projection: its per-synapse weights (f32, in row order, see `synapseValues`), or −1 for none. */
  readonly w: readonly number[];
  /**
   * Per projection with per-synapse delays: each synapse's delay in steps of the network's `dt`
   * (i32, in row order, see `delaySteps`; −1 for procedural rows, which draw theirs with each
   * row), its delayed sums (f64, `DS` slots of its targets: slot `k mod DS` holds what reaches
   * them at step k), and `DS`; −1 and 0 without.
   * They follow the synapses, outside the state that threads copy: the threads share the sums,
   * each writing and taking only its own targets'.
   */
  readonly DL: readonly number[];
  readonly DQ: readonly number[];
  readonly DS: readonly number[];
  /** Per input: a stream input's values (f64), a parameter or rate input's one value (f64, not per neuron), or −1 for other kinds. */
  readonly X: readonly number[];
  /** Per input: a Poisson input's generator states (4 i32 per neuron, see `poissonInputStates`), or −1. */
  readonly PI: readonly number[];
  /**
   * The scratch row one thread draws a procedural row as a list into (see `wasmListScatter`),
   * sized for the widest such projection; −1 without one.
   */
  readonly rows: number;
  /**
   * Per projection drawn procedurally by distance: its groups' positions (f64: the pre group's
   * x, then its y, then the post group's x and y), written at each kernel's start; −1 for others.
   */
  readonly XY: readonly number[];
  /** Bytes of one kernel's state (the synapses come after). */
  readonly stateBytes: number;
  /** Total bytes, and 64 KiB pages. */
  readonly bytes: number;
  readonly pages: number;
  /** For a shared memory (threads), its maximum pages; null for an unshared one. */
  readonly maximum: number | null;
}

/** The most threads a kernel runs on (createKernel's limit): shared memories keep room for them. */
export const MAX_THREADS = 64;

/**
 * A memory of `pages` pages: shared (so that threads can run the WebAssembly kernel) where the
 * platform allows, with room to grow by `room` pages; else unshared.
 *
 * @param pages - its initial size
 * @param room - pages it may grow by, when shared
 * @returns the memory and its maximum (null when unshared)
 */
export function newWasmMemory(pages: number, room: number): { memory: WebAssembly.Memory; maximum: number | null } {
  if (typeof SharedArrayBuffer === 'function') {
    const maximum = Math.min(65536, pages + room);
    try {
      return { memory: new WebAssembly.Memory({ initial: pages, maximum, shared: true }), maximum };
    } catch {
      // Fall through: an unshared memory serves one thread.
    }
  }
  return { memory: new WebAssembly.Memory({ initial: pages }), maximum: null };
}

/**
 * The pages a threaded kernel adds to a network's memory for `threads` threads: each thread's
 * spike buffer per group ({@link spikeBufferLength}) and room to gather a step's spikes of every
 * thread (the group's size, per step of its longest delay: see `gatherSlots`), each projection's row cut tables, one per inner position of the
 * threads' balance grid, each array rounded to 16 bytes, and the threads' drivers with their
 * step pointers for runs of up to `maxBlock` steps (see `wasmDriver`).
 *
 * @param spec - the network spec
 * @param threads - the number of threads
 * @param maxBlock - the most steps of one run
 * @param dt - time step, ms (the rings of gathered spikes of groups with delayed projections
 *   keep a step's list per step of delay; default 0.1)
 * @returns the pages
 */
export function threadPages(spec: NetworkSpec, threads: number, maxBlock: number, dt = 0.1): number {
  const sizes = new Map(spec.groups.map((g) => [g.name as string, g.size as number]));
  let bytes = driverBytes(spec, threads, maxBlock);
  spec.groups.forEach((g, gi) => {
    const slots = gatherSlots(spec, dt, gi);
    bytes += threads * (4 * spikeBufferLength(g.size, threads) + 16 + 4 * (g.size + 1) * slots + 16);
  });
  // A row cut table per inner grid position (see threadBalance), but for procedural
  // projections, whose threads' drawn rows and meeting take room instead (see
  // wasmProceduralThreads).
  for (const p of spec.projections) if (!isProcedural(p.connectivity)) bytes += 4 * sizes.get(p.pre)! * (BALANCE_GRID - 1) + 16;
  bytes += proceduralScratchBytes(proceduralTargets(spec)) + 256;
  bytes += (threads - 1) * threadStateStride(spec) + STATE_GAP;
  return Math.ceil(bytes / 65536) + 1;
}

/**
 * Bytes kept free between one thread's state and the next's (see {@link threadStateStride}).
 * The hardware prefetchers of a core streaming through its own neurons fetch lines beyond
 * them; where those lines are another thread's, that thread's next write has to take them back
 * from the other core, every step. bench/machine/stateGap.c measures how large a gap removes
 * that on a machine (a few hundred bytes to 2 KB, docs/notes/performance-log.md); this is
 * twice the largest, and keeps each thread's state on pages of its own.
 */
export const STATE_GAP = 4096;

/**
 * The bytes from one thread's copy of the state to the next's: threads 1, 2, … of a
 * WebAssembly kernel keep their neurons' state (potentials, traces, counters, generators) in a
 * copy of the state region of their own, thread t's array A at `A + shift_t`, so that no two
 * threads write neighbouring memory (see {@link STATE_GAP}); thread 0 keeps its part in the
 * network's own arrays. Each run copies a thread's part in at its start and back at its end
 * (see {@link stateParts}), so that between runs the network's arrays hold the whole state.
 *
 * The copies made two threads of the seed network markedly faster (`npm run bench:kernel`
 * measures two threads against one; docs/notes/performance-log.md, Threads, has the runs).
 *
 * @example
 * ```ts
 * const room = (threads - 1) * threadStateStride(spec); // the copies of threads 1, 2, …
 * ```
 *
 * @param spec - the network spec
 * @returns the stride, a multiple of 4096
 */
export function threadStateStride(spec: NetworkSpec): number {
  return Math.ceil(stateLayout(spec).stateBytes / 4096) * 4096 + STATE_GAP;
}

/** One array of the state that threads write, per neuron of a group: its byte address and bytes per neuron. */
export interface StatePart {
  readonly at: number;
  readonly bytes: number;
  readonly group: number;
}

/**
 * The arrays of the state, each a run of `bytes` per neuron of one group, that a thread copies
 * in before a run and back after it (see {@link threadStateStride}): potentials, refractory
 * counters, recovery variables, generator states, traces, rise variables, stream
 * inputs and Poisson inputs' states. (The spike scratch lists serve one thread only.)
 *
 * @example
 * ```ts
 * for (const { at, bytes, group } of stateParts(spec, layout)) {
 *   const [lo, hi] = range[group]; // a thread's neurons of the group
 *   memory.copyWithin(at + bytes * lo + shift, at + bytes * lo, at + bytes * hi); // in
 * }
 * ```
 * @param spec - the network spec
 * @param layout - its layout
 * @returns the parts
 */
export function stateParts(spec: NetworkSpec, layout: WasmLayout): StatePart[] {
  const groupOf = new Map(spec.groups.map((g, gi) => [g.name as string, gi]));
  const parts: StatePart[] = [];
  const add = (at: number, bytes: number, group: number): void => {
    if (at >= 0) parts.push({ at, bytes, group });
  };
  spec.groups.forEach((_, gi) => {
    add(layout.V[gi]!, 8, gi);
    add(layout.H[gi]!, 4, gi);
    add(layout.rng[gi]!, 16, gi);
    for (const at of [...layout.NV[gi]!, ...layout.NP[gi]!]) add(at, 8, gi);
  });
  spec.projections.forEach((p, pi) => {
    add(layout.s[pi]!, 8, groupOf.get(p.post)!);
    add(layout.h[pi]!, 8, groupOf.get(p.post)!);
  });
  spec.inputs.forEach((input, k) => {
    if (input.kind === 'modulator' || input.kind === 'parameter' || input.kind === 'rate') return;
    add(layout.X[k]!, 8, groupOf.get(input.group)!);
    add(layout.PI[k]!, 16, groupOf.get(input.group)!);
  });
  return parts;
}

/**
 * The bytes of a group of four spikes' rows of each procedural projection of a spec, in the
 * threads' chunk buffers (see `proceduralGroupBytes`).
 *
 * @param spec - a network spec
 * @returns one count per procedural projection
 */
export function proceduralTargets(spec: NetworkSpec): number[] {
  const sizes = new Map(spec.groups.map((g) => [g.name as string, g.size as number]));
  return spec.projections.flatMap((p) => (isProcedural(p.connectivity) ? [proceduralGroupBytes(sizes.get(p.post)!, listCarries(p))] : []));
}

/**
 * The longest run the room kept in a network's shared memory serves ({@link wasmArena}): a
 * kernel with longer blocks and many threads may not fit, and then runs on a fresh memory.
 */
export const RESERVED_BLOCK = 10_000;

/**
 * The length of a thread's spike buffer for a group of `size` neurons: 8 steps of twice an equal
 * share (the most a thread's share grows to, see `threadBalance`), plus 64.
 *
 * @param size - neurons in the group
 * @param threads - the number of threads
 * @returns the length, in i32 values
 */
export function spikeBufferLength(size: number, threads: number): number {
  return 8 * Math.min(size, 2 * Math.ceil(size / threads) + 2) + 64;
}

/** Memory the WebAssembly kernel may use: beyond this, the JavaScript kernel runs. */
export const MAX_WASM_BYTES = 2 ** 31;

const even = (n: number): number => n + (n & 1);
const align = (n: number): number => Math.ceil(n / 16) * 16;

/** The state part of the layout, from the spec alone. */
function stateLayout(spec: NetworkSpec): Omit<WasmLayout, 'rowPtr' | 'col' | 'w' | 'DL' | 'DQ' | 'DS' | 'bytes' | 'pages' | 'maximum'> {
  let at = 16;
  const take = (bytes: number): number => {
    const offset = at;
    at += align(bytes);
    return offset;
  };
  const sizes = new Map(spec.groups.map((g) => [g.name as string, g.size as number]));
  const V = spec.groups.map((g) => take(8 * even(g.size)));
  const scratch = spec.groups.map((g) => take(4 * even(g.size)));
  const H = spec.groups.map((g) => (countsRefractory(g) ? take(4 * even(g.size)) : -1));
  // The generators of a model that draws (an even count: the update steps pairs).
  const rng = spec.groups.map((g) => (drawsRandom(g) ? take(16 * even(g.size)) : -1));
  const models = spec.groups.map((g) => neuronArrayCounts(g));
  const NV = spec.groups.map((g, gi) => Array.from({ length: models[gi]!.vars }, () => take(8 * even(g.size))));
  const NP = spec.groups.map((g, gi) => Array.from({ length: models[gi]!.params }, () => take(8 * even(g.size))));
  const s = spec.projections.map((p) => take(8 * even(sizes.get(p.post)!)));
  const h = spec.projections.map((p, pi) => (projectionTraces(spec, pi).variables.length > 1 ? take(8 * even(sizes.get(p.post)!)) : -1));
  // A stream input's currents, one per neuron; a parameter input's one value, and a rate input's
  // (a Poisson group's `rate`), read where the model reads the parameter, by every thread at the
  // same place: not in a thread's copy.
  const X = spec.inputs.map((input) => (input.kind === 'stream' ? take(8 * even(sizes.get(input.group)!)) : input.kind === 'parameter' || input.kind === 'rate' ? take(16) : -1));
  const PI = spec.inputs.map((input) => (input.kind === 'poisson' ? take(16 * sizes.get(input.group)!) : -1));
  const listed = spec.projections.filter((p) => isProcedural(p.connectivity) && listCarries(p) !== null).map((p) => rowListBytes(sizes.get(p.post)!, listCarries(p)!));
  const rows = listed.length === 0 ? -1 : take(Math.max(...listed));
  const XY = spec.projections.map((p) => (isProcedural(p.connectivity) && p.connectivity.kind === 'distance' ? take(16 * (sizes.get(p.pre)! + sizes.get(p.post)!)) : -1));
  const into = spec.projections.map((_, pi) => (projectionTraces(spec, pi).into === 0 ? s[pi]! : h[pi]!));
  return { V, scratch, H, rng, NV, NP, s, h, into, X, PI, rows, XY, stateBytes: at };
}

/**
 * The layout of a built network: where its synapses already are when they live in the network's
 * memory, else packed after the state (for a fresh memory they are copied into).
 *
 * @param net - the built network
 * @param inPlace - take the synapses' offsets from their arrays (they are views of the memory)
 * @param maximum - the memory's maximum pages when it is shared, else null
 * @returns the offsets
 */
export function wasmLayout(net: BuiltNetwork, inPlace = false, maximum: number | null = null): WasmLayout {
  const state = stateLayout(net.spec);
  let at = state.stateBytes;
  const place = (a: ArrayBufferView): number => {
    if (inPlace) return a.byteOffset;
    const offset = at;
    at += align(a.byteLength);
    return offset;
  };
  const rowPtr: number[] = [];
  const col: number[] = [];
  const w: number[] = [];
  for (const p of net.projections) {
    // What the step's JavaScript scatters has no place here: it reads its own arrays.
    if (!scatteredByModule(p)) {
      rowPtr.push(-1);
      col.push(-1);
      w.push(-1);
      continue;
    }
    // Bit rows have one array, their words, at both (row i's at a fixed stride: no pointers).
    const [first, second] = synapseArrays(p.synapses).map(place);
    rowPtr.push(first!);
    col.push(second ?? first!);
    w.push(p.weights === null ? -1 : place(p.weights));
  }
  // Per-synapse delays (never in a network's own memory: see buildNetwork): their steps, then
  // their sums, zero in a fresh memory.
  // Procedural rows draw their delays with each row: a ring of sums sized by the delays' bound.
  const delayed = net.projections.map((p) => {
    if (!sumsInModule(p)) return null;
    const cols = net.groups[p.post]!.size;
    return { steps: p.delays !== null ? delaySteps(p.delays, net.dt) : { steps: null, slots: delayStep(p.rowDelayBound, net.dt) + 1 }, cols };
  });
  const DL = delayed.map((d) => (d === null || d.steps.steps === null ? -1 : place(d.steps.steps)));
  const DS = delayed.map((d) => d?.steps.slots ?? 0);
  const DQ = delayed.map((d) => {
    if (d === null) return -1;
    const offset = at;
    at += align(8 * d.steps.slots * d.cols);
    return offset;
  });
  const any = net.projections[0]?.synapses;
  const bytes = inPlace && any !== undefined ? synapseArrays(any)[0]!.buffer.byteLength : at;
  return { ...state, rowPtr, col, w, DL, DQ, DS, bytes, pages: Math.ceil(bytes / 65536), maximum };
}

/**
 * A memory sized for a spec's state and (at most) its estimated synapses, and an allocator that
 * hands out the synapses' arrays from it, one after the other, after the state; an array that
 * does not fit (a draw beyond its estimate) goes to shared memory instead, and the network then
 * runs from a copy.
 *
 * @param spec - a network spec the WebAssembly kernel covers
 * @param storage - how the build stores synapses (see `storageRule`)
 * @returns the memory and its allocator, or null when it would exceed {@link MAX_WASM_BYTES}
 */
export function wasmArena(spec: NetworkSpec, storage: StorageRule = 'csr'): { memory: WebAssembly.Memory; maximum: number | null; alloc: CsrAlloc } | null {
  const { stateBytes } = stateLayout(spec);
  // Two arrays per projection, each rounded up to 16 bytes. The estimate also counts each
  // projection's traces (8 bytes per target), which live in the state: room for a build that
  // draws a few more synapses than estimated.
  const bytes = stateBytes + estimateMemory(spec, 0.1, storage).projections.reduce((n, p) => n + p.bytes + 32, 0);
  if (bytes > MAX_WASM_BYTES) return null;
  let made: { memory: WebAssembly.Memory; maximum: number | null };
  try {
    made = newWasmMemory(Math.ceil(bytes / 65536), threadPages(spec, MAX_THREADS, RESERVED_BLOCK));
  } catch {
    // No memory of that size to be had (address space, a browser's limits): ordinary arrays.
    return null;
  }
  const { memory, maximum } = made;
  const buffer = memory.buffer;
  let at = stateBytes;
  const take = (length: number, width: number): number | null => {
    if (at + length * width > buffer.byteLength) return null;
    const offset = at;
    at += align(length * width);
    return offset;
  };
  return {
    memory,
    maximum,
    alloc: {
      index(bound, length) {
        const width = indexWidth(bound);
        const offset = take(length, width);
        if (offset === null) return sharedAlloc.index(bound, length);
        const b = buffer as ArrayBuffer;
        return width === 1 ? new Uint8Array(b, offset, length) : width === 2 ? new Uint16Array(b, offset, length) : new Uint32Array(b, offset, length);
      },
      rowPtr(length) {
        const offset = take(length, 4);
        return offset === null ? sharedAlloc.rowPtr(length) : new Uint32Array(buffer as ArrayBuffer, offset, length);
      },
      words(length) {
        // A new memory is all zero, as bit rows start.
        const offset = take(length, 4);
        return offset === null ? sharedAlloc.words(length) : new Uint32Array(buffer as ArrayBuffer, offset, length);
      },
      f32(length) {
        const offset = take(length, 4);
        return offset === null ? sharedAlloc.f32(length) : new Float32Array(buffer as ArrayBuffer, offset, length);
      },
    },
  };
}
