/**
 * A kernel's state per projection beyond its trace: the weights it reads (a copy of the build's
 * when a rule changes them), per-synapse delays in steps with their delayed sums, and a rule's
 * traces per presynaptic and postsynaptic neuron. Made once, for one thread and for several
 * (all in shared memory).
 *
 * @example
 * ```ts
 * const state = synapseState(net, 0, 0.1); // projection 0 at dt = 0.1 ms
 * state.w?.[17];                            // the weight of synapse 17
 * ```
 * @module
 */
import { ruleOf, ruleValues } from '../../model/ruleOf.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { sharedBuffer } from '../numeric/sharedBuffer.js';
import { delayStep, delaySteps, type DelaySteps, type RowValues } from './synapseValues.js';
import { isBitRows } from './bitRows.js';
import { drawValues } from '../network/initialState.js';
import { streamKey, subKey, Xoshiro128 } from '../numeric/random.js';

/** A projection's state beyond its trace (see the module). */
export interface SynapseState {
  /**
   * The weights the kernel reads, in row order; null when each spike adds 1. Weights a rule
   * changes are doubles, from the build's 32-bit values: a float has 24 bits, so the many small
   * changes of a learning rule (1e-4 of w_max each) would lose most of theirs to rounding.
   */
  readonly w: Float32Array | Float64Array | null;
  /** For procedural rows with weights, the drawer of a row's weights into `w` (see `rowValues`). */
  readonly rowWeights: RowValues | null;
  /** Per-synapse delays in steps (for procedural rows, a scratch row); null with the projection's one delay. */
  readonly delay: DelaySteps | Int32Array | null;
  /**
   * For procedural rows with delays: draws row i's first n delays, in steps, into `delay` (the
   * same as stored rows' delays: 32-bit floats in ms, rounded to steps) and returns n.
   */
  readonly rowDelays: ((i: number, n: number) => number) | null;
  /**
   * Delayed sums, `slots × cols`: slot `k mod slots` holds what reaches each target at step k
   * (added to the trace after that step's scatter, then zeroed).
   */
  readonly pending: Float64Array | null;
  /** The slots of `pending`: the longest delay in steps, plus one. */
  readonly slots: number;
  /** A rule's traces per presynaptic neuron, one array per trace. */
  readonly pre: readonly Float64Array[];
  /** A rule's traces per postsynaptic neuron. */
  readonly post: readonly Float64Array[];
  /** A rule's variables per synapse, in row order. */
  readonly syn: readonly Float64Array[];
}

/**
 * @param net - the built network
 * @param pi - the projection
 * @param dt - the time step, ms
 * @returns its state at step 0
 */
export function synapseState(net: BuiltNetwork, pi: number, dt: number): SynapseState {
  const p = net.projections[pi]!;
  const rule = ruleOf(p.spec);
  const rows = net.groups[p.pre]!.size;
  const cols = net.groups[p.post]!.size;
  // A rule changes its weights: each kernel has its own, as doubles, from the build's.
  let w: Float32Array | Float64Array | null = p.weights;
  // Procedural rows: a scratch row that each spike's weights are drawn into.
  if (p.rowWeights !== null) w = new Float32Array(cols);
  if (p.weights !== null && rule !== null && rule.learns) {
    w = new Float64Array(sharedBuffer(8 * p.weights.length));
    w.set(p.weights);
  }
  const delays = p.delays !== null ? delaySteps(p.delays, dt) : p.rowDelays !== null ? { steps: new Int32Array(cols), slots: delayStep(p.rowDelayBound, dt) + 1 } : null;
  const rowDelays = p.rowDelays === null ? null : rowDelaySteps(p.rowDelays, delays!.steps, cols, dt);
  const initial = rule === null ? new Map<string, number>() : ruleValues(p.spec.plasticity!).initial;
  const traces = (names: readonly string[], size: number): Float64Array[] => names.map((name) => new Float64Array(sharedBuffer(8 * size)).fill(initial.get(name) ?? 0));
  return {
    w,
    rowWeights: p.rowWeights,
    delay: delays?.steps ?? null,
    rowDelays,
    pending: delays === null ? null : new Float64Array(sharedBuffer(8 * delays.slots * cols)),
    slots: delays?.slots ?? 0,
    pre: rule === null ? [] : traces(rule.pre.states, rows),
    post: rule === null ? [] : traces(rule.post.states, cols),
    syn: rule === null ? [] : rule.synapse.states.map((name) => synapseVariable(net, pi, name, initial.get(name) ?? 0)),
  };
}

/** The drawer of a procedural row's delays in steps into `steps`, through 32-bit floats as stored delays (see `delaySteps`). */
function rowDelaySteps(rowDelays: RowValues, steps: DelaySteps | Int32Array, cols: number, dt: number): (i: number, n: number) => number {
  const ms = new Float32Array(cols);
  return (i, n) => {
    rowDelays(i, n, ms);
    for (let j = 0; j < n; j++) steps[j] = delayStep(ms[j]!, dt);
    return n;
  };
}

/**
 * A rule's variable per synapse at step 0: one number for all, or an initializer drawn per
 * synapse in row order, row i from substream i of `init:<projection>.<name>` (as weights are).
 */
function synapseVariable(net: BuiltNetwork, pi: number, name: string, fallback: number): Float64Array {
  const p = net.projections[pi]!;
  const out = new Float64Array(sharedBuffer(8 * p.synapseCount));
  const init = p.spec.plasticity?.initial?.[name];
  if (init === undefined || typeof init === 'number' || init.kind === 'values' || isBitRows(p.synapses)) return out.fill(typeof init === 'number' ? init : fallback);
  const { rowPtr } = p.synapses;
  const key = streamKey(net.spec.seed, `init:${p.spec.name}.${name}`);
  for (let i = 0; i < p.synapses.rows; i++) drawValues(init, new Xoshiro128(subKey(key, i)), rowPtr[i + 1]! - rowPtr[i]!, out.subarray(rowPtr[i], rowPtr[i + 1]));
  return out;
}
