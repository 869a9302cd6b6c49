/**
 * Connectivity that falls with distance: pair (i, j) connected with probability
 * `p0 · exp(−d² / (2 sigma²))`, d the distance between the two neurons on the sheet their groups
 * are placed on (`positions`), across the sheet's edges with `periodic: true`.
 *
 * @example
 * ```ts
 * import { distanceProb } from 'spikestream';
 * distanceProb(0.5, 0.05);                       // a Gaussian of width 0.05 sheet units
 * distanceProb(0.5, 0.05, { periodic: true });   // on a torus: no edge effects
 * distanceProb(0.5, 0.05, { procedural: true }); // nothing stored: rows drawn again per spike
 * ```
 * @module
 */
import type { DistanceSpec } from '../model/projectionSpec.js';

/**
 * @param p0 - the probability at distance 0, in [0, 1]
 * @param sigma - the Gaussian's width, in the positions' units
 * @param options - `periodic` (default false), `selfConnections` (default true), `procedural`
 *   (default false: drawn once and stored; true: drawn again per spike, the same synapses, in
 *   JavaScript)
 * @returns a connectivity spec for a projection
 */
export function distanceProb(p0: number, sigma: number, options: { readonly periodic?: boolean; readonly selfConnections?: boolean; readonly procedural?: boolean } = {}): DistanceSpec {
  return { kind: 'distance', p0, sigma, ...options } as DistanceSpec;
}
