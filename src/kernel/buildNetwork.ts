/**
 * Builds a validated network: resolves names to indices and draws every projection's synapses.
 *
 * This is the expensive, immutable half of a simulation (the synapses); the cheap, mutable half
 * (state) is made per run by `createKernel`, so one built network serves any number of runs.
 *
 * @example
 * ```ts
 * import { buildNetwork } from 'spikestream/kernel';
 * const built = buildNetwork(spec); // spec: a NetworkSpec, e.g. from decodeNetworkSpec
 * built.synapseCount;
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeNetworkSpec, type NetworkSpec } from '../model/networkSpec.js';
import { SpecError } from '../model/specError.js';
import type { ProjectionSpec } from '../model/projectionSpec.js';
import { isBitRows, type StorageRule, type SynapseStorage } from './synapses/bitRows.js';
import { perSynapseField, ruleOf } from '../model/ruleOf.js';
import { columnsOf, longestDelay, rowValues, rowValuesKey, synapseValues } from './synapses/synapseValues.js';
import { sharedAlloc } from './synapses/csr.js';
import { memoryIssues, storageRule } from './network/estimateMemory.js';
import { buildSynapses, storesBits, synapsesOf } from './synapses/connectivity.js';
import { drawsInParallel, parallelRows } from './synapses/parallelRows.js';
import { isProcedural, proceduralRows } from './synapses/fixedProbability.js';
import { initialPotentials } from './network/initialState.js';
import { distanceRow } from './synapses/distanceRows.js';
import { sheetOf } from './synapses/positions.js';
import { streamKey } from './numeric/random.js';
import { specIneligibility } from './wasm/wasmIneligibility.js';
import { wasmArena } from './wasm/wasmLayout.js';
import { wasmHome } from './wasm/wasmState.js';
import type { BuiltNetwork, BuiltProjection } from './network/builtNetwork.js';

/** Options of {@link buildNetwork}. */
export interface BuildOptions {
  /**
   * Refuse to build a network whose estimated memory (see `estimateMemory`) exceeds this many
   * bytes. Default {@link DEFAULT_MAX_BYTES}.
   */
  readonly maxBytes?: number;
  /**
   * `'auto'` (default) or `'wasm'`: keep the synapses of a network the WebAssembly kernel covers
   * in WebAssembly memory; `'js'`: in ordinary arrays.
   */
  readonly backend?: 'auto' | 'js' | 'wasm';
  /**
   * How projections store their synapses; the synapses, and so the spikes, are the same:
   * - `'auto'` (default): compressed sparse rows (2 bytes per synapse for up to 65,536 targets,
   *   the fastest scatter), unless the network would then exceed `maxBytes`: then as bit rows,
   *   one bit per pair, each projection where that is smaller (drawn row by row, more than one
   *   pair in 16 connected; see `storageRule`);
   * - `'csr'`: compressed sparse rows;
   * - `'bits'`: bit rows (every rule draws at most one synapse per pair). The seed network's
   *   p = 0.25 takes 0.5 bytes per synapse, and its scatter, reading bits, is slower than with
   *   compressed sparse rows (`npm run demo -- --connectivity bits` against the default).
   */
  readonly synapseStorage?: SynapseStorage;
  /**
   * The time step the network will run at, ms (default 0.1): the memory check counts the spike
   * history its delays keep in steps of it. A `Simulation` passes its clock's.
   */
  readonly dt?: number;
  /**
   * Threads that draw the synapses (default 1): the calling thread and `threads − 1` workers of
   * the pool, each drawing its own rows from the same per-row streams, so the same synapses as
   * one thread (see `parallelRows`: stored fixed-probability projections with p ≥ 1/16, as
   * compressed rows or bit rows; the
   * other rules draw on the calling thread). A `Simulation` passes its run's thread count.
   */
  readonly threads?: number;
}

/** The default memory limit of a build: 8 GiB. */
export const DEFAULT_MAX_BYTES = 8 * 2 ** 30;

/**
 * Validates `spec` and draws its synapses. Each projection draws from the stream
 * `proj:<name>` of the network seed, so its synapses depend on nothing but the seed, its name,
 * its connectivity and the sizes of its two groups.
 *
 * @param spec - a network spec (validated here again: building from unchecked data is refused)
 * @param options - the memory limit
 * @returns the built network
 * @throws `SpecError` listing every problem, before anything is allocated; also when the
 *   estimated memory exceeds `options.maxBytes` or a projection exceeds what one array can hold
 */
export function buildNetwork(spec: NetworkSpec, options: BuildOptions = {}): BuiltNetwork {
  const checked = decodeNetworkSpec(spec);
  if (E.isLeft(checked)) throw new SpecError(checked.left);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const dt = options.dt ?? 0.1;
  const threads = options.threads ?? 1;
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new RangeError(`buildNetwork: threads must be a whole number in [1, 64], got ${threads}`);
  const storage = storageRule(spec, maxBytes, options.synapseStorage ?? 'auto', dt);
  const memory = memoryIssues(spec, maxBytes, storage, dt);
  if (memory.length > 0) throw new SpecError(memory, 'network (memory)');
  const groupIndex = new Map(spec.groups.map((g, i) => [g.name as string, i]));
  // Drawn before the synapses: the engine then optimizes the random number code while they are
  // drawn, not on a background thread that a run's threads would have to share.
  const v0 = initialPotentials(spec);
  // A network the WebAssembly kernel covers is drawn straight into its memory.
  // (Per-synapse delays' sums are sized in steps once the delays are drawn: such a network's
  // memory is made by its first kernel, see wasmLayout.)
  // Rules keep the synapses out of it: their kernels may run on threads in JavaScript.
  const arena = options.backend !== 'js' && specIneligibility(spec) === null && !spec.projections.some((p) => p.delays !== undefined || p.plasticity !== undefined) ? wasmArena(spec, storage) : null;
  // Placed groups' coordinates, for the distance rule (checked: its groups are placed).
  const sheets = spec.groups.map((g) => sheetOf(g, spec.seed));
  // Stored projections with per-synapse values keep compressed rows, whatever the storage.
  const storedAs = (p: ProjectionSpec): StorageRule => (perSynapseField(p) !== null ? 'csr' : storage);
  // Drawn on several threads at once where the rule allows (see parallelRows), before the others.
  const ends = (p: ProjectionSpec) => {
    const pre = groupIndex.get(p.pre)!;
    const post = groupIndex.get(p.post)!;
    const c = p.connectivity;
    return { c, pre, post, rows: spec.groups[pre]!.size, cols: spec.groups[post]!.size, key: streamKey(spec.seed, `proj:${p.name}`), selfAllowed: pre !== post || !('selfConnections' in c) || c.selfConnections !== false };
  };
  const inParallel = threads > 1 ? spec.projections.map(ends).map((e, pi) => (drawsInParallel(e.c) ? { ...e, bits: storesBits(e.c, e.rows, e.cols, e.selfAllowed, storedAs(spec.projections[pi]!)) } : null)) : [];
  const drawn = inParallel.some((e) => e !== null) ? parallelRows(inParallel.filter((e) => e !== null), threads, arena?.alloc ?? sharedAlloc) : [];
  const parallel = inParallel.map((e) => (e === null ? null : drawn.shift() ?? null));
  const projections = spec.projections.map((p, pi): BuiltProjection => {
    const pre = groupIndex.get(p.pre)!;
    const post = groupIndex.get(p.post)!;
    const rows = spec.groups[pre]!.size;
    const cols = spec.groups[post]!.size;
    const key = streamKey(spec.seed, `proj:${p.name}`);
    const c = p.connectivity;
    const self = pre !== post || !('selfConnections' in c) || c.selfConnections !== false;
    const space = c.kind === 'distance' ? { pre: sheets[pre]!, post: sheets[post]! } : undefined;
    if (isProcedural(c)) {
      // In the network's memory when it has one, so that the kernel runs on it in place.
      const alloc = arena?.alloc ?? sharedAlloc;
      const empty = { rows, cols, rowPtr: alloc.rowPtr(rows + 1), col: alloc.index(cols, 0), nnz: 0 };
      const procedural = c.kind === 'distance' ? { cols, p: c.p0, key, selfConnections: self, row: distanceRow(space!.pre, space!.post, c, key, self), space: { rule: c, ...space! } } : proceduralRows(cols, c.p, key, self);
      const rowWeights = p.weight === undefined ? null : rowValues(p.weight, rowValuesKey(spec.seed, p.name, 'w'));
      const rowDelays = p.delays === undefined ? null : rowValues(p.delays, rowValuesKey(spec.seed, p.name, 'delay'));
      // Validated: constant or uniform, so bounded. As 32-bit floats, as stored delays are.
      const rowDelayBound = p.delays === undefined ? 0 : Math.fround(longestDelay(p.delays));
      return { spec: p, pre, post, synapses: empty, procedural, synapseCount: Math.round(synapsesOf(c, rows, cols, self, space === undefined ? NaN : space.post.area)), weights: null, delays: null, columns: null, rowWeights, rowDelays, rowDelayBound };
    }
    // Values per synapse need an index per synapse: compressed rows, whatever the storage.
    const perSynapse = perSynapseField(p) !== null;
    const synapses = parallel[pi] ?? buildSynapses(c, rows, cols, key, self, storedAs(p), arena?.alloc, space);
    if (!perSynapse || isBitRows(synapses)) return { spec: p, pre, post, synapses, procedural: null, synapseCount: synapses.nnz, weights: null, delays: null, columns: null, rowWeights: null, rowDelays: null, rowDelayBound: 0 };
    const { weights, delays } = synapseValues(spec.seed, p, pi, synapses, arena?.alloc);
    const rule = ruleOf(p);
    const columns = rule !== null && rule.onPost.some((x) => x.per === 'synapse') ? columnsOf(synapses) : null;
    return { spec: p, pre, post, synapses, procedural: null, synapseCount: synapses.nnz, weights, delays, columns, rowWeights: null, rowDelays: null, rowDelayBound: 0 };
  });
  const built = {
    spec,
    groups: spec.groups,
    projections,
    groupIndex,
    dt,
    synapseCount: projections.reduce((n, p) => n + p.synapseCount, 0),
    v0,
    wasm: null,
  };
  return arena === null ? built : { ...built, wasm: wasmHome(built, arena.memory, arena.maximum) };
}

