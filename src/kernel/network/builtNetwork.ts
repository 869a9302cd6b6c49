/**
 * The built network's type: a validated spec with its names resolved to indices and each
 * projection's synapses drawn (or their generator), what `buildNetwork` makes and every kernel,
 * lowering and estimate reads.
 *
 * @example
 * ```ts
 * import type { BuiltNetwork } from './builtNetwork.js';
 * const sizes = (net: BuiltNetwork) => net.groups.map((g) => g.size);
 * ```
 * @module
 */
import type { NetworkSpec } from '../../model/networkSpec.js';
import type { GroupSpec } from '../../model/groupSpec.js';
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import type { Synapses } from '../synapses/bitRows.js';
import type { Columns, RowValues } from '../synapses/synapseValues.js';
import type { ProceduralRows } from '../synapses/fixedProbability.js';
import type { WasmHome } from '../wasm/wasmState.js';

/** A projection with its endpoints resolved and its synapses drawn (or their generator). */
export interface BuiltProjection {
  readonly spec: ProjectionSpec;
  readonly pre: number;
  readonly post: number;
  /**
   * The stored synapses: compressed sparse rows, or bit rows where those are smaller (see
   * `BuildOptions.synapseStorage`; `rowTargets` reads a row of either); empty compressed sparse
   * rows (no synapse, every row pointer 0) when procedural.
   */
  readonly synapses: Synapses;
  /** For procedural connectivity, the rows' generator and parameters, drawn per spike; else null. */
  readonly procedural: ProceduralRows | null;
  /** Number of synapses: stored, or expected (p times the pairs) when procedural. */
  readonly synapseCount: number;
  /**
   * Per-synapse weights in row order (see `synapseValues`), as drawn at the build: a learning
   * rule's kernel starts from a copy. Null when every spike adds 1 (no `weight`, no rule).
   */
  readonly weights: Float32Array | null;
  /** Per-synapse delays in ms, in row order; null when the projection has one `delay`. */
  readonly delays: Float32Array | null;
  /** The synapses by target, for a rule whose `onPost` changes synapses; else null. */
  readonly columns: Columns | null;
  /**
   * For procedural connectivity with per-synapse weights: each row's weights, drawn again with
   * the row (the same as stored rows would hold, see `synapseValues`); else null.
   */
  readonly rowWeights: RowValues | null;
  /**
   * For procedural connectivity with per-synapse delays: each row's delays in ms, drawn again with
   * the row (as stored rows would hold them); else null.
   */
  readonly rowDelays: RowValues | null;
  /** The longest delay `rowDelays` can draw, ms (its initializer's bound); 0 without it. */
  readonly rowDelayBound: number;
}

/** A network ready to be instantiated by `createKernel`. */
export interface BuiltNetwork {
  readonly spec: NetworkSpec;
  readonly groups: readonly GroupSpec[];
  readonly projections: readonly BuiltProjection[];
  /** Group index by name. */
  readonly groupIndex: ReadonlyMap<string, number>;
  /**
   * The time step it was built for, ms: the WebAssembly kernel sizes the sums of per-synapse
   * delays (their slots, in steps) for it, and runs such a network at this step only.
   */
  readonly dt: number;
  /** Total number of synapses over all projections (procedural ones: expected). */
  readonly synapseCount: number;
  /**
   * Each group's membrane potentials at step 0, drawn once (see `initialPotentials`); every
   * kernel starts from a copy, so a run neither draws them again nor changes these.
   */
  readonly v0: readonly Float64Array[];
  /**
   * For a network the WebAssembly kernel covers: the memory that holds its synapses (the
   * projections' `csr` arrays are views of it) and room for one kernel's state, so that the
   * first kernel neither copies 2 bytes per synapse nor waits for the memory's pages; null
   * otherwise.
   */
  readonly wasm: WasmHome | null;
}
