/**
 * Fixed-probability connectivity: each (pre, post) pair is a synapse with probability `p`,
 * independently, as BrainPy's `FixedProb` and Brian2's `connect(p=...)`.
 *
 * Row `i` draws from its own substream (`subKey(key, i)`), so a row's synapses do not depend on
 * any other row: rows can be built in parallel or regenerated on demand and come out the same.
 * For `p ≥ 1/16` every pair draws one number and is kept when its top 31 bits are below `p·2³¹`
 * (branch-free, so the CPU never mispredicts); for smaller `p` the gaps between synapses are
 * drawn from the geometric distribution, so the work is per synapse, not per pair.
 *
 * @example
 * ```ts
 * import { fixedProbability } from './fixedProbability.js';
 * import { streamKey } from '../numeric/random.js';
 * const csr = fixedProbability(8000, 8000, 0.25, streamKey(42, 'proj:E2E'));
 * csr.nnz; // about 16 million
 * ```
 * @module
 */
import type { ConnectivitySpec, DistanceSpec, FixedProbabilitySpec } from '../../model/projectionSpec.js';
import { csrFromRows, sharedAlloc, type Csr, type CsrAlloc } from './csr.js';
import { seedState, subKey } from '../numeric/random.js';
import type { Sheet } from './positions.js';

/** Scratch for a row's generator state (rows are built one at a time). */
const state = new Int32Array(4);

/** Below this `p`, gaps are drawn geometrically instead of testing every pair. */
export const GEOMETRIC_BELOW = 1 / 16;

/**
 * Builds the synapses of a fixed-probability projection.
 *
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param p - connection probability in [0, 1]
 * @param key - the projection's stream key (see `streamKey`)
 * @param selfConnections - when false, pair (i, i) is never connected (for pre = post)
 * @returns the synapses, rows sorted ascending
 */
export function fixedProbability(rows: number, cols: number, p: number, key: number, selfConnections = true, alloc: CsrAlloc = sharedAlloc): Csr {
  return csrFromRows(rows, cols, fixedProbabilityRow(cols, p, key, selfConnections), fixedProbabilityCapacity(rows, cols, p), cols, alloc);
}

/**
 * The index array's first size for a fixed-probability projection: all but a 10-sigma excess
 * over the mean, so that the rare overflow grows the array once.
 *
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param p - connection probability
 * @returns the capacity, synapses
 */
export function fixedProbabilityCapacity(rows: number, cols: number, p: number): number {
  const mean = rows * cols * p;
  return Math.min(rows * cols, mean + 10 * Math.sqrt(mean * (1 - p)) + cols + 16);
}

/** Writes the targets of presynaptic neuron `i`, ascending, into `out` and returns their number. */
export type RowGenerator = (i: number, out: Uint32Array) => number;

/**
 * Whether a projection's connectivity is procedural: drawn again per spike, never stored.
 *
 * @param c - the connectivity
 * @returns true for `fixedProbability` or `distance` with `procedural: true`
 * @example
 * ```ts
 * isProcedural({ kind: 'fixedProbability', p: 0.25, procedural: true }); // true
 * ```
 */
export function isProcedural(c: ConnectivitySpec): c is (FixedProbabilitySpec | DistanceSpec) & { readonly procedural: true } {
  return (c.kind === 'fixedProbability' || c.kind === 'distance') && c.procedural === true;
}

/**
 * A procedural projection's rows: the generator that draws them and what it draws them from,
 * for kernels that write their own (the WebAssembly kernel draws four rows at once, see
 * `wasmProceduralRows`).
 *
 * @example
 * ```ts
 * const rows = proceduralRows(10000, 0.25, streamKey(1, 'proj:E2E'), false);
 * rows.row(7, new Uint32Array(10000)); // about 2,500 targets, 7 not among them
 * ```
 */
export interface ProceduralRows {
  /** Postsynaptic group size. */
  readonly cols: number;
  /** Connection probability (the distance rule's: its largest, p0). */
  readonly p: number;
  /** The projection's stream key: row i draws from `subKey(key, i)`. */
  readonly key: number;
  /** Whether row i may hold target i (false only for pre = post without self-connections). */
  readonly selfConnections: boolean;
  /** The generator ({@link fixedProbabilityRow}, or the distance rule's `distanceRow`). */
  readonly row: RowGenerator;
  /** For the distance rule: the rule and both groups' positions (see `distanceRow`). */
  readonly space?: { readonly rule: DistanceSpec; readonly pre: Sheet; readonly post: Sheet };
}

/**
 * The rows of a procedural fixed-probability projection (see {@link ProceduralRows}).
 *
 * @param cols - postsynaptic group size
 * @param p - connection probability in [0, 1]
 * @param key - the projection's stream key
 * @param selfConnections - when false, row i leaves target i out
 * @returns the rows
 */
export function proceduralRows(cols: number, p: number, key: number, selfConnections = true): ProceduralRows {
  return { cols, p, key, selfConnections, row: fixedProbabilityRow(cols, p, key, selfConnections) };
}

/**
 * The row generator of a fixed-probability projection: row `i` of what `fixedProbability`
 * stores, drawn again from the row's own substream. Procedural connectivity calls it for each
 * spike instead of storing the rows, and gets the very same synapses.
 *
 * @param cols - postsynaptic group size (`out` must hold that many)
 * @param p - connection probability in [0, 1]
 * @param key - the projection's stream key
 * @param selfConnections - when false, pair (i, i) is left out
 * @returns the generator
 */
export function fixedProbabilityRow(cols: number, p: number, key: number, selfConnections = true): RowGenerator {
  const threshold = Math.floor(p * 2147483648);
  const logq = Math.log1p(-p);
  return p < GEOMETRIC_BELOW
    ? (i, out) => geometricRow(out, cols, logq, subKey(key, i), selfConnections ? -1 : i, p)
    : (i, out) => bernoulliRow(out, cols, threshold, subKey(key, i), selfConnections ? -1 : i);
}

/** Removes `value` from the sorted `out[0..n)` if present; returns the new length. */
function removeSorted(out: Uint32Array, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (out[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  if (lo === n || out[lo] !== value) return n;
  out.copyWithin(lo, lo + 1, n);
  return n - 1;
}

/** One row by testing every pair; xoshiro128** is inlined so the state stays in registers. */
function bernoulliRow(out: Uint32Array, cols: number, threshold: number, key: number, skip: number): number {
  seedState(key, state);
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let n = 0;
  for (let j = 0; j < cols; j++) {
    const m = Math.imul(b, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 1;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    out[n] = j;
    // The sign bit of r - threshold is 1 exactly when r < threshold (both below 2^31).
    n += (r - threshold) >>> 31;
  }
  return skip < 0 ? n : removeSorted(out, n, skip);
}

/** One row by drawing the gaps between synapses: Geometric(p) by inversion. */
function geometricRow(out: Uint32Array, cols: number, logq: number, key: number, skip: number, p: number): number {
  if (p <= 0) return 0;
  seedState(key, state);
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let n = 0;
  let j = -1;
  for (;;) {
    const m = Math.imul(b, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    // u in (0, 1]: never 0, so the log is finite.
    const u = (r + 1) / 4294967296;
    j += 1 + Math.floor(Math.log(u) / logq);
    if (j >= cols) break;
    if (j !== skip) out[n++] = j;
  }
  return n;
}
