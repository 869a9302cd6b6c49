/**
 * The connectivity rules other than fixed probability, each drawn from the projection's own
 * stream (`proj:<name>`) so that a projection's synapses depend only on the seed, its name, its
 * rule and its groups' sizes:
 *
 * - `allToAll`: every pair (but (i, i) with `selfConnections: false`);
 * - `oneToOne`: i to i;
 * - `fixedOutDegree`: each row draws `k` distinct targets from its substream (`subKey(key, i)`);
 * - `fixedInDegree`: each column draws `k` distinct sources from its substream, then the pairs
 *   are laid out by row;
 * - `fixedTotal`: `n` distinct pairs drawn from the whole projection's stream;
 * - `pairs`: the given pairs, sorted by row and target;
 * - `distance`: each row draws a number per target from its substream (see `distanceRow`).
 *
 * Distinct draws use Floyd's algorithm: k draws for k values, whatever the range.
 *
 * @example
 * ```ts
 * import { buildConnectivity } from './connectivity.js';
 * import { streamKey } from '../numeric/random.js';
 * const csr = buildConnectivity({ kind: 'fixedInDegree', k: 100 } as never, 4000, 4000, streamKey(1, 'proj:E2E'), true);
 * ```
 * @module
 */
import type { ConnectivitySpec } from '../../model/projectionSpec.js';
import { bitRowsFromRows, bitRowsOf, bitsAreSmaller, type StorageRule, type Synapses } from './bitRows.js';
import { csrFromRows, sharedAlloc, type Csr, type CsrAlloc, type IndexArray } from './csr.js';
import { fixedProbabilityCapacity, isProcedural, proceduralRows, type RowGenerator } from './fixedProbability.js';
import { wasmRowDrawer } from '../wasm/wasmRowDrawer.js';
import { subKey, Xoshiro128 } from '../numeric/random.js';
import { NumberSet } from '../numeric/numberSet.js';
import { distanceCapacity, distanceRow, distanceSynapses } from './distanceRows.js';
import type { Sheet } from './positions.js';

/** Where the two groups of a projection sit, for the distance rule. */
export interface Space {
  readonly pre: Sheet;
  readonly post: Sheet;
}

/** A uniform whole number in [0, m): 53 random bits, so the bias is below m / 2^53. */
function below(rng: Xoshiro128, m: number): number {
  return Math.floor(rng.float() * m);
}

/**
 * `k` distinct values of [0, m) except `skip` (−1: none), into `out`, ascending when `sorted`.
 * Floyd's algorithm over m' = m − (skip ≥ 0) values, then mapped around the skipped one.
 * `mark` (at least m' long, all 0) marks the values chosen so far, and is all 0 again on return:
 * a Set took a quarter of Brunel's build.
 */
function distinct(rng: Xoshiro128, m: number, k: number, skip: number, out: Uint32Array, mark: Uint8Array, sorted = true): number {
  const range = skip >= 0 ? m - 1 : m;
  let n = 0;
  for (let j = range - k; j < range; j++) {
    const t = below(rng, j + 1);
    const x = mark[t] === 1 ? j : t;
    if (mark[x] === 1) continue;
    mark[x] = 1;
    out[n++] = x;
  }
  for (let q = 0; q < n; q++) {
    const v = out[q]!;
    mark[v] = 0;
    if (skip >= 0 && v >= skip) out[q] = v + 1;
  }
  if (sorted) out.subarray(0, n).sort();
  return n;
}

/** Lays out (row, target) pairs, given as row-major pair numbers, as a CSR. */
function csrFromPairNumbers(rows: number, cols: number, pairs: Float64Array, alloc: CsrAlloc): Csr {
  pairs.sort();
  const rowPtr = alloc.rowPtr(rows + 1);
  const col: IndexArray = alloc.index(cols, pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const i = Math.floor(pairs[k]! / cols);
    col[k] = pairs[k]! - i * cols;
    rowPtr[i + 1]! += 1;
  }
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { rows, cols, rowPtr, col, nnz: pairs.length };
}

/** The rows of a rule that draws them one at a time, for `csrFromRows` or `bitRowsFromRows`. */
interface RowRule {
  readonly row: RowGenerator;
  /** Synapses expected, to size a CSR once. */
  readonly expected: number;
  /** The most targets of one row. */
  readonly maxRow: number;
}

/** The row generator of a rule drawn row by row (fixed probability, all to all, one to one, fixed out-degree); null for the others. */
function rowRule(c: ConnectivitySpec, rows: number, cols: number, key: number, selfAllowed: boolean, space?: Space): RowRule | null {
  switch (c.kind) {
    case 'distance': {
      if (space === undefined) throw new Error('rowRule: the distance rule needs the groups\' positions');
      return { row: distanceRow(space.pre, space.post, c, key, selfAllowed), expected: distanceCapacity(c, rows, cols, space.post.area), maxRow: cols };
    }
    case 'fixedProbability': {
      // Drawn four rows at a time in WebAssembly where it can (the same rows, 2 to 3 times faster).
      const drawn = proceduralRows(cols, c.p, key, selfAllowed);
      return { row: wasmRowDrawer(drawn) ?? drawn.row, expected: fixedProbabilityCapacity(rows, cols, c.p), maxRow: cols };
    }
    case 'allToAll':
      return {
        row: (i, out) => {
          let n = 0;
          for (let j = 0; j < cols; j++) if (selfAllowed || j !== i) out[n++] = j;
          return n;
        },
        expected: rows * cols,
        maxRow: cols,
      };
    case 'oneToOne':
      return { row: (i, out) => ((out[0] = i), 1), expected: rows, maxRow: 1 };
    case 'fixedOutDegree': {
      const mark = new Uint8Array(cols + 1);
      return { row: (i, out) => distinct(new Xoshiro128(subKey(key, i)), cols, c.k, selfAllowed ? -1 : i, out, mark), expected: rows * c.k, maxRow: Math.max(1, c.k) };
    }
    default:
      return null;
  }
}

/**
 * Whether a projection's synapses are stored as bit rows: never when procedural or with
 * `'csr'`; always with `'bits'`; with `'smaller'`, for a rule drawn row by row when bit rows
 * take fewer bytes (see `bitsAreSmaller`).
 *
 * @param c - the rule
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param selfAllowed - whether (i, i) may be a synapse
 * @param storage - the build's rule (see `storageRule`)
 * @param area - for the distance rule, the post group's sheet area (see `distanceSynapses`)
 * @returns true for bit rows
 */
export function storesBits(c: ConnectivitySpec, rows: number, cols: number, selfAllowed: boolean, storage: StorageRule, area = NaN): boolean {
  if (isProcedural(c) || storage === 'csr') return false;
  if (storage === 'bits') return true;
  const rowWise = c.kind === 'fixedProbability' || c.kind === 'allToAll' || c.kind === 'fixedOutDegree' || c.kind === 'distance';
  return rowWise && bitsAreSmaller(rows, cols, synapsesOf(c, rows, cols, selfAllowed, area));
}

/**
 * Builds a projection's synapses by its rule, as compressed sparse rows or bit rows (see
 * {@link storesBits}); the same synapses either way.
 *
 * @param c - the rule (validated: sizes already checked against it)
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param key - the projection's stream key (`streamKey(seed, 'proj:' + name)`)
 * @param selfAllowed - whether (i, i) may be a synapse (false only within one group, when asked)
 * @param storage - `'csr'` (default), `'bits'` or `'smaller'`
 * @param alloc - where the arrays go (default: shared memory)
 * @returns the synapses
 */
export function buildSynapses(c: ConnectivitySpec, rows: number, cols: number, key: number, selfAllowed: boolean, storage: StorageRule = 'csr', alloc: CsrAlloc = sharedAlloc, space?: Space): Synapses {
  const area = space === undefined ? NaN : space.post.area;
  if (!storesBits(c, rows, cols, selfAllowed, storage, area)) return buildConnectivity(c, rows, cols, key, selfAllowed, alloc, space);
  const rule = rowRule(c, rows, cols, key, selfAllowed, space);
  // The other rules draw whole projections: bit rows from their compressed sparse rows.
  return rule === null ? bitRowsOf(buildConnectivity(c, rows, cols, key, selfAllowed), alloc) : bitRowsFromRows(rows, cols, rule.row, rule.maxRow, alloc);
}

/**
 * Builds a projection's synapses by its rule, as compressed sparse rows.
 *
 * @param c - the rule (validated: sizes already checked against it)
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param key - the projection's stream key (`streamKey(seed, 'proj:' + name)`)
 * @param selfAllowed - whether (i, i) may be a synapse (false only within one group, when asked)
 * @param alloc - where the arrays go (default: shared memory)
 * @returns the synapses, rows sorted ascending
 */
export function buildConnectivity(c: ConnectivitySpec, rows: number, cols: number, key: number, selfAllowed: boolean, alloc: CsrAlloc = sharedAlloc, space?: Space): Csr {
  const rule = rowRule(c, rows, cols, key, selfAllowed, space);
  if (rule !== null) return csrFromRows(rows, cols, rule.row, rule.expected, rule.maxRow, alloc);
  switch (c.kind) {
    case 'fixedInDegree': {
      // Each column's sources, then the transpose: rows counted, and filled column by column,
      // so that every row's targets come out ascending with no sort (sorting pair numbers was
      // most of Brunel 2000's build: docs/notes/performance-log.md).
      const k = Math.max(1, c.k);
      const sources = new Uint32Array(cols * k);
      const counts = new Uint32Array(cols);
      const scratch = new Uint32Array(k);
      const mark = new Uint8Array(rows + 1);
      const rowPtr = alloc.rowPtr(rows + 1);
      let nnz = 0;
      for (let j = 0; j < cols; j++) {
        // Unsorted: the transpose orders every row by its targets whatever the order here.
        const n = distinct(new Xoshiro128(subKey(key, j)), rows, c.k, selfAllowed ? -1 : j, scratch, mark, false);
        counts[j] = n;
        nnz += n;
        for (let q = 0; q < n; q++) {
          const i = scratch[q]!;
          sources[j * k + q] = i;
          rowPtr[i + 1]! += 1;
        }
      }
      for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
      const col: IndexArray = alloc.index(cols, nnz);
      const next = rowPtr.slice(0, rows);
      for (let j = 0; j < cols; j++) for (let q = 0, o = j * k; q < counts[j]!; q++) col[next[sources[o + q]!]!++] = j;
      return { rows, cols, rowPtr, col, nnz };
    }
    case 'fixedTotal': {
      // Pair numbers over the allowed pairs only: without (i, i), row i has cols − 1 of them.
      const perRow = selfAllowed ? cols : cols - 1;
      const rng = new Xoshiro128(key);
      // Floyd's sampling of n distinct numbers; the pairs are sorted after, so the order in
      // which they are chosen does not matter.
      const chosen = new NumberSet(c.n);
      const pairs = new Float64Array(c.n);
      const range = rows * perRow;
      let k = 0;
      for (let j = range - c.n; j < range; j++) {
        const t = below(rng, j + 1);
        const x = chosen.has(t) ? j : t;
        chosen.add(x);
        pairs[k++] = x;
      }
      for (k = 0; k < c.n; k++) {
        const x = pairs[k]!;
        const i = Math.floor(x / perRow);
        const jj = x - i * perRow;
        pairs[k] = i * cols + (selfAllowed || jj < i ? jj : jj + 1);
      }
      return csrFromPairNumbers(rows, cols, pairs, alloc);
    }
    case 'pairs':
      return csrFromPairNumbers(rows, cols, Float64Array.from(c.pre, (i, k) => i * cols + c.post[k]!), alloc);
    default:
      throw new Error(`buildConnectivity: no rows for rule "${c.kind}"`);
  }
}

/**
 * The number of synapses a rule makes, or expects (fixed probability).
 *
 * @param c - the rule
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param selfAllowed - whether (i, i) may be a synapse
 * @returns the count
 */
export function synapsesOf(c: ConnectivitySpec, rows: number, cols: number, selfAllowed: boolean, area = NaN): number {
  const pairs = rows * cols - (selfAllowed ? 0 : Math.min(rows, cols));
  switch (c.kind) {
    case 'fixedProbability':
      return pairs * c.p;
    case 'allToAll':
      return pairs;
    case 'oneToOne':
      return rows;
    case 'fixedOutDegree':
      return rows * c.k;
    case 'fixedInDegree':
      return cols * c.k;
    case 'fixedTotal':
      return c.n;
    case 'pairs':
      return c.pre.length;
    case 'distance':
      return distanceSynapses(c, rows, cols, area);
  }
}
