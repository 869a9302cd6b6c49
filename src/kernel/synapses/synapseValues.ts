/**
 * What a projection keeps per synapse beside its compressed rows: weights and delays drawn once
 * at the build, and the column index a learning rule's `onPost` walks.
 *
 * Values are in row order, the order of `col`: synapse `j` is the `j`-th entry of the rows, from
 * presynaptic neuron `i` (`rowPtr[i] <= j < rowPtr[i + 1]`) to `col[j]`. Row i's weights come
 * from substream i of `init:<projection>.w` (delays: of `init:<projection>.delay`) of the network
 * seed, so they depend on nothing but the seed, the projection's name and its synapses; and a
 * procedural projection, which stores no row, draws a row's weights again with the row and gets
 * the same ones (as GeNN does).
 *
 * @example
 * ```ts
 * import { buildNetwork } from 'spikestream/kernel';
 * const p = buildNetwork(spec).projections[0]!;
 * p.weights?.[0]; // the weight of the first synapse of the first row
 * ```
 * @module
 */
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { SpecError } from '../../model/specError.js';
import { sharedAlloc, type Csr, type CsrAlloc } from './csr.js';
import { sharedBuffer } from '../numeric/sharedBuffer.js';
import type { Initializer } from '../../model/initializer.js';
import { drawValues } from '../network/initialState.js';
import { streamKey, subKey, Xoshiro128 } from '../numeric/random.js';

/** A projection's synapses by target: where `onPost` finds the synapses into a neuron. */
export interface Columns {
  /** Column starts, length `cols + 1`: the synapses into neuron j are entries `colPtr[j] .. colPtr[j + 1]`. */
  readonly colPtr: Int32Array;
  /** Per entry, the synapse's index in row order (ascending within a column: by presynaptic neuron). */
  readonly synapse: Int32Array;
  /** Per entry, the synapse's presynaptic neuron. */
  readonly pre: Int32Array;
}

/**
 * Draws a projection's per-synapse weights and delays (ms), as 32-bit floats in shared memory.
 *
 * @param seed - the network seed
 * @param p - the projection's spec
 * @param index - its index in the spec, for messages
 * @param csr - its synapses
 * @param alloc - where the weights go (default: shared memory)
 * @returns the weights and delays, each null where the spec gives none
 * @throws `SpecError` when `values` has the wrong length or a delay is negative
 */
export function synapseValues(seed: number, p: ProjectionSpec, index: number, csr: Csr, alloc: CsrAlloc = sharedAlloc): { weights: Float32Array | null; delays: Float32Array | null } {
  const n = csr.nnz;
  const draw = (field: 'weight' | 'delays', variable: 'w' | 'delay'): Float32Array | null => {
    const init = p[field];
    if (init === undefined) return null;
    if (init.kind === 'values' && init.values.length !== n) {
      throw new SpecError([{ path: `projections[${index}].${field}.values`, message: `has ${init.values.length} values for ${n} synapses (one per synapse, in row order)` }]);
    }
    // Weights in the network's WebAssembly memory when it has one (see wasmArena).
    const out = field === 'weight' ? alloc.f32(n) : new Float32Array(sharedBuffer(4 * n));
    if (init.kind === 'values') {
      out.set(init.values);
      return out;
    }
    const row = rowValues(init, rowValuesKey(seed, p.name, variable));
    for (let i = 0; i < csr.rows; i++) row(i, csr.rowPtr[i + 1]! - csr.rowPtr[i]!, out.subarray(csr.rowPtr[i], csr.rowPtr[i + 1]));
    return out;
  };
  // A plastic projection's weights start at 1 when not given: the rule has something to change.
  const weights = draw('weight', 'w') ?? (p.plasticity !== undefined ? new Float32Array(sharedBuffer(4 * n)).fill(1) : null);
  const delays = draw('delays', 'delay');
  if (delays !== null) {
    // A plain loop (findIndex calls a function per synapse); NaN stops it as a negative does.
    let j = 0;
    while (j < delays.length && delays[j]! >= 0) j++;
    if (j < delays.length) {
      const i = rowOf(csr, j);
      throw new SpecError([{ path: `projections[${index}].delays`, message: `synapse ${j} (pre ${i} -> post ${csr.col[j]}) has delay ${delays[j]} ms; delays cannot be negative` }]);
    }
  }
  return { weights, delays };
}

/**
 * The key of the stream a projection's per-synapse variable is drawn from (each row from its
 * own substream): the same for stored rows and for procedural rows drawn again at each spike.
 *
 * @param seed - the network seed
 * @param projection - the projection's name
 * @param variable - `w` for weights, `delay` for delays
 * @returns the key
 */
export function rowValuesKey(seed: number, projection: string, variable: 'w' | 'delay'): number {
  return streamKey(seed, `init:${projection}.${variable}`);
}

/** Draws the values of row `i`'s `n` synapses into `out[0..n)`, and returns `n`. */
export type RowValues = (i: number, n: number, out: Float32Array) => number;

/**
 * The values of each row of synapses, drawn from the row's own substream of `key` (see
 * `drawValues`).
 *
 * @param init - the initializer (not `values`, which is one list for all rows)
 * @param key - the stream key of the projection's variable
 * @returns the row's drawer
 */
export function rowValues(init: Initializer, key: number): RowValues {
  if (init.kind === 'values') throw new RangeError('rowValues: a "values" initializer is one list for every row, not drawn per row');
  return (i, n, out) => {
    drawValues(init, new Xoshiro128(subKey(key, i)), n, out);
    return n;
  };
}

/**
 * The column index of compressed rows, made in two passes (a count, then a placement in row
 * order, which keeps each column's synapses ascending).
 *
 * @param csr - the synapses
 * @returns their columns
 */
export function columnsOf(csr: Csr): Columns {
  const colPtr = new Int32Array(sharedBuffer(4 * (csr.cols + 1)));
  for (let j = 0; j < csr.nnz; j++) colPtr[csr.col[j]! + 1]!++;
  for (let c = 0; c < csr.cols; c++) colPtr[c + 1]! += colPtr[c]!;
  const next = colPtr.slice(0, csr.cols);
  const synapse = new Int32Array(sharedBuffer(4 * csr.nnz));
  const pre = new Int32Array(sharedBuffer(4 * csr.nnz));
  for (let i = 0; i < csr.rows; i++) {
    for (let j = csr.rowPtr[i]!; j < csr.rowPtr[i + 1]!; j++) {
      const at = next[csr.col[j]!]!++;
      synapse[at] = j;
      pre[at] = i;
    }
  }
  return { colPtr, synapse, pre };
}

/**
 * The presynaptic neuron of synapse `j`: the row whose entries hold it (a binary search).
 *
 * @param csr - the synapses
 * @param j - a synapse's index in row order
 * @returns its row
 */
export function rowOf(csr: Csr, j: number): number {
  let lo = 0;
  let hi = csr.rows;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (csr.rowPtr[mid]! <= j) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The longest delay an initializer gives, ms: a normal or lognormal's at six deviations. Sizes
 * the delayed sums (`estimateMemory`) and, for procedural rows, which draw their delays per
 * spike, the kernel's ring of them.
 *
 * @param d - the delays' initializer
 * @returns ms
 */
export function longestDelay(d: Initializer): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.high;
    case 'values':
      return d.values.reduce((m, x) => Math.max(m, x), 0);
    case 'normal':
      return d.mean + 6 * d.sd;
    case 'lognormal':
      return Math.exp(d.mu + 6 * d.sigma);
  }
}

/**
 * A per-synapse delay in whole steps, rounded to the nearest as Brian2 does: the one rule for
 * stored delays, procedural rows' delays and the ring of sums sized for them.
 *
 * @param ms - the delay
 * @param dt - the time step, ms
 * @returns steps
 */
export function delayStep(ms: number, dt: number): number {
  // Math.round(x), ties upward, written without a branch, since it runs once per synapse:
  // x − ⌊x⌋ is exact (x is an integer from 2^52 on), so it is at least 0.5 exactly where
  // Math.round rounds up. The same number (but +0 where Math.round gives −0).
  const x = ms / dt;
  const r = Math.floor(x);
  return r + +(x - r >= 0.5);
}

/**
 * Delays in steps, in the narrowest unsigned integers that hold the longest (see {@link stepWidth}).
 *
 * @example
 * ```ts
 * const { steps } = delaySteps(new Float32Array([0.5, 1.94]), 0.1); // Uint8Array [5, 19]
 * ```
 */
export type DelaySteps = Uint8Array | Uint16Array | Uint32Array;

/**
 * The bytes per synapse of delays in steps whose longest is `longest`: 1 up to 255 steps, 2 up
 * to 65,535, else 4. The scatter streams them with the targets, so fewer bytes are less time.
 *
 * @param longest - the longest delay, steps
 * @returns 1, 2 or 4
 * @example
 * ```ts
 * stepWidth(20); // 1: delays up to 2 ms at dt = 0.1 ms
 * stepWidth(300); // 2
 * ```
 */
export function stepWidth(longest: number): 1 | 2 | 4 {
  return longest < 2 ** 8 ? 1 : longest < 2 ** 16 ? 2 : 4;
}

/**
 * A projection's per-synapse delays in whole steps of `dt` (rounded to the nearest, as Brian2
 * rounds delays to its time step), and one more than the longest: the slots of its delayed sums.
 *
 * @param delays - the delays, ms
 * @param dt - the time step, ms
 * @returns the steps per synapse ({@link stepWidth} bytes each), and the slots
 */
export function delaySteps(delays: Float32Array, dt: number): { steps: DelaySteps; slots: number } {
  const known = stepsMade.get(delays);
  if (known !== undefined && known.dt === dt) return known;
  const made = { dt, ...stepsOf(delays, dt) };
  stepsMade.set(delays, made);
  return made;
}

/**
 * The steps of each projection's delays, made once per time step (the layout and every kernel
 * ask): shared, and read only — no kernel writes them.
 */
const stepsMade = new WeakMap<Float32Array, { dt: number; steps: DelaySteps; slots: number }>();

function stepsOf(delays: Float32Array, dt: number): { steps: DelaySteps; slots: number } {
  // Rounding is monotonic: the longest delay in ms gives the longest in steps.
  let most = 0;
  for (let j = 0; j < delays.length; j++) most = Math.max(most, delays[j]!);
  const longest = delayStep(most, dt);
  const width = stepWidth(longest);
  const bytes = sharedBuffer(width * delays.length);
  const steps = width === 1 ? new Uint8Array(bytes) : width === 2 ? new Uint16Array(bytes) : new Uint32Array(bytes);
  for (let j = 0; j < delays.length; j++) steps[j] = delayStep(delays[j]!, dt);
  return { steps, slots: longest + 1 };
}
