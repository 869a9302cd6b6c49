/**
 * Connectivity rules for `expCurrent` and `expConductance`, besides `fixedProb`: every rule of
 * Brian2's `connect`, BrainPy's `bp.connect` and NEST's `conn_spec` that the classic networks
 * use. Each returns the plain-data rule that goes into the spec (and a JSON file).
 *
 * @example
 * ```ts
 * import { allToAll, expCurrent, fixedInDegree, oneToOne, pairs } from 'spikestream';
 * expCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedInDegree(100, { selfConnections: false }), tau: 5, g: 0.1 });
 * allToAll();              // every pair
 * oneToOne();              // i to i, groups of equal size
 * pairs([0, 0, 3], [1, 2, 0]); // exactly these synapses
 * ```
 * @module
 */
import type { ConnectivitySpec } from '../model/projectionSpec.js';

/** Whether a neuron may connect to itself within one group (default true). */
export interface SelfOption {
  readonly selfConnections?: boolean;
}

const rule = (spec: object): ConnectivitySpec => spec as ConnectivitySpec;

/**
 * Every pre neuron to every post neuron.
 *
 * @param options - `selfConnections: false` leaves out (i, i) within a group
 * @returns the rule
 */
export function allToAll(options: SelfOption = {}): ConnectivitySpec {
  return rule({ kind: 'allToAll', ...options });
}

/**
 * Neuron i to neuron i (the groups must be the same size).
 *
 * @returns the rule
 */
export function oneToOne(): ConnectivitySpec {
  return rule({ kind: 'oneToOne' });
}

/**
 * Each post neuron receives from exactly `k` distinct pre neurons, drawn at random.
 *
 * @param k - the in-degree
 * @param options - `selfConnections: false` leaves out (i, i) within a group
 * @returns the rule
 */
export function fixedInDegree(k: number, options: SelfOption = {}): ConnectivitySpec {
  return rule({ kind: 'fixedInDegree', k, ...options });
}

/**
 * Each pre neuron projects to exactly `k` distinct post neurons, drawn at random.
 *
 * @param k - the out-degree
 * @param options - `selfConnections: false` leaves out (i, i) within a group
 * @returns the rule
 */
export function fixedOutDegree(k: number, options: SelfOption = {}): ConnectivitySpec {
  return rule({ kind: 'fixedOutDegree', k, ...options });
}

/**
 * Exactly `n` distinct pairs, drawn at random among all allowed pairs.
 *
 * @param n - the number of synapses
 * @param options - `selfConnections: false` leaves out (i, i) within a group
 * @returns the rule
 */
export function fixedTotal(n: number, options: SelfOption = {}): ConnectivitySpec {
  return rule({ kind: 'fixedTotal', n, ...options });
}

/**
 * Explicit synapses: `pre[k]` to `post[k]` (distinct pairs).
 *
 * @param pre - presynaptic indices
 * @param post - postsynaptic indices, as many
 * @returns the rule
 */
export function pairs(pre: readonly number[], post: readonly number[]): ConnectivitySpec {
  return rule({ kind: 'pairs', pre: [...pre], post: [...post] });
}
