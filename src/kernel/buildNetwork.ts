/**
 * Builds a validated network: resolves names to indices and draws every projection's synapses.
 *
 * This is the expensive, immutable half of a simulation (the synapses); the cheap, mutable half
 * (state) is made per run by `createKernel`, so one built network serves any number of runs.
 *
 * @example
 * ```ts
 * import { buildNetwork } from 'spikestream';
 * const built = buildNetwork(spec); // spec: a NetworkSpec, e.g. from decodeNetworkSpec
 * built.synapseCount;
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeNetworkSpec, type NetworkSpec } from '../model/networkSpec.js';
import { SpecError } from '../model/specError.js';
import type { GroupSpec } from '../model/groupSpec.js';
import type { ProjectionSpec } from '../model/projectionSpec.js';
import { indexArray, type Csr } from './csr.js';
import { memoryIssues } from './estimateMemory.js';
import { buildConnectivity, synapsesOf } from './connectivity.js';
import { fixedProbabilityRow, type RowGenerator } from './fixedProbability.js';
import { streamKey } from './random.js';
import { specIneligibility } from './wasm/wasmIneligibility.js';
import { wasmArena } from './wasm/wasmLayout.js';
import { wasmHome, type WasmHome } from './wasm/wasmState.js';

/** A projection with its endpoints resolved and its synapses drawn (or their generator). */
export interface BuiltProjection {
  readonly spec: ProjectionSpec;
  readonly pre: number;
  readonly post: number;
  /** The stored synapses; empty (no synapse, every row pointer 0) when procedural. */
  readonly csr: Csr;
  /** For procedural connectivity, the generator of each row, called per spike; else null. */
  readonly procedural: RowGenerator | null;
  /** Number of synapses: stored, or expected (p times the pairs) when procedural. */
  readonly synapseCount: number;
}

/** A network ready to be instantiated by `createKernel`. */
export interface BuiltNetwork {
  readonly spec: NetworkSpec;
  readonly groups: readonly GroupSpec[];
  readonly projections: readonly BuiltProjection[];
  /** Group index by name. */
  readonly groupIndex: ReadonlyMap<string, number>;
  /** Total number of synapses over all projections (procedural ones: expected). */
  readonly synapseCount: number;
  /**
   * For a network the WebAssembly kernel covers: the memory that holds its synapses (the
   * projections' `csr` arrays are views of it) and room for one kernel's state, so that the
   * first kernel neither copies 2 bytes per synapse nor waits for the memory's pages; null
   * otherwise.
   */
  readonly wasm: WasmHome | null;
}

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
 * @throws {@link SpecError} listing every problem, before anything is allocated; also when the
 *   estimated memory exceeds `options.maxBytes` or a projection exceeds what one array can hold
 */
export function buildNetwork(spec: NetworkSpec, options: BuildOptions = {}): BuiltNetwork {
  const checked = decodeNetworkSpec(spec);
  if (E.isLeft(checked)) throw new SpecError(checked.left);
  const memory = memoryIssues(spec, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (memory.length > 0) throw new SpecError(memory, 'network (memory)');
  const groupIndex = new Map(spec.groups.map((g, i) => [g.name as string, i]));
  // A network the WebAssembly kernel covers is drawn straight into its memory.
  const arena = options.backend !== 'js' && specIneligibility(spec) === null ? wasmArena(spec) : null;
  const projections = spec.projections.map((p): BuiltProjection => {
    const pre = groupIndex.get(p.pre)!;
    const post = groupIndex.get(p.post)!;
    const rows = spec.groups[pre]!.size;
    const cols = spec.groups[post]!.size;
    const key = streamKey(spec.seed, `proj:${p.name}`);
    const c = p.connectivity;
    const self = pre !== post || !('selfConnections' in c) || c.selfConnections !== false;
    if (c.kind === 'fixedProbability' && c.procedural === true) {
      const empty = { rows, cols, rowPtr: new Uint32Array(rows + 1), col: indexArray(cols, 0), nnz: 0 };
      return { spec: p, pre, post, csr: empty, procedural: fixedProbabilityRow(cols, c.p, key, self), synapseCount: Math.round(synapsesOf(c, rows, cols, self)) };
    }
    const csr = buildConnectivity(c, rows, cols, key, self, arena?.alloc);
    return { spec: p, pre, post, csr, procedural: null, synapseCount: csr.nnz };
  });
  const built = {
    spec,
    groups: spec.groups,
    projections,
    groupIndex,
    synapseCount: projections.reduce((n, p) => n + p.synapseCount, 0),
    wasm: null,
  };
  return arena === null ? built : { ...built, wasm: wasmHome(built, arena.memory, arena.maximum) };
}

