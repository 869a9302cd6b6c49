/**
 * Rows of the distance rule (`{kind: "distance"}`): pair (i, j) connected with probability
 * p0·exp(−d²/(2σ²)). Row i draws one uniform number per target j, in order, from its own
 * substream (`subKey(key, i)`), so the stored build and the procedural kernel (which draws a
 * spiking neuron's row again) get the same synapses.
 *
 * @example
 * ```ts
 * const row = distanceRow(pre, post, { kind: 'distance', p0: 0.5, sigma: 0.1 }, key, true);
 * const n = row(7, out); // targets of neuron 7, ascending, in out[0..n)
 * ```
 * @module
 */
import type { DistanceSpec } from '../../model/projectionSpec.js';
import type { RowGenerator } from './fixedProbability.js';
import type { Sheet } from './positions.js';
import { subKey, Xoshiro128 } from '../numeric/random.js';

/** Beyond d²/(2σ²) = 40 the probability is below 5·10⁻¹⁸: no draw of 53 bits falls under it. */
const FAR = 40;

/**
 * The distance from one point to another across a periodic edge: the shortest of the wrapped ones.
 *
 * @param d - a difference of coordinates
 * @param extent - the sheet's size along it
 * @returns the wrapped difference, in [−extent/2, extent/2]
 */
export function wrapped(d: number, extent: number): number {
  return d - extent * Math.round(d / extent);
}

/**
 * The row generator of a distance rule.
 *
 * @param pre - the presynaptic group's sheet
 * @param post - the postsynaptic group's sheet (its size is the period with `periodic`)
 * @param c - the rule
 * @param key - the projection's stream key
 * @param selfAllowed - whether (i, i) may be a synapse
 * @returns the generator: row i's targets, ascending, into `out` (as long as the post group)
 */
export function distanceRow(pre: Sheet, post: Sheet, c: DistanceSpec, key: number, selfAllowed: boolean): RowGenerator {
  const half = 1 / (2 * c.sigma * c.sigma);
  const periodic = c.periodic === true;
  const cols = post.x.length;
  return (i, out) => {
    const rng = new Xoshiro128(subKey(key, i));
    const xi = pre.x[i]!;
    const yi = pre.y[i]!;
    let n = 0;
    for (let j = 0; j < cols; j++) {
      // One draw per pair, whatever the distance: row i's draws do not depend on which are far.
      const u = rng.float();
      let dx = post.x[j]! - xi;
      let dy = post.y[j]! - yi;
      if (periodic) {
        dx = wrapped(dx, post.width);
        dy = wrapped(dy, post.height);
      }
      const e = (dx * dx + dy * dy) * half;
      if (e < FAR && u < c.p0 * Math.exp(-e) && (selfAllowed || j !== i)) out[n++] = j;
    }
    return n;
  };
}

/**
 * Room for a distance rule's synapses, as `fixedProbabilityCapacity` gives a fixed probability's:
 * the expected count ({@link distanceSynapses}) and ten standard deviations of it, so that the
 * build sizes its arrays once.
 *
 * @param c - the rule
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param area - the post group's sheet area (NaN when unknown)
 * @returns the room, in synapses
 */
export function distanceCapacity(c: DistanceSpec, rows: number, cols: number, area: number): number {
  const mean = distanceSynapses(c, rows, cols, area);
  return Math.min(rows * cols, mean + 10 * Math.sqrt(mean) + cols + 16);
}

/**
 * The synapses a distance rule is expected to make, at most: each neuron's targets within the
 * Gaussian's reach, p0 · 2πσ² times the post group's density, as on a sheet with no edges (exact
 * for a periodic sheet much wider than σ; edges only lower it), and never more than p0 times every
 * pair. For sizing arrays and estimating memory before anything is drawn.
 *
 * @param c - the rule
 * @param rows - presynaptic group size
 * @param cols - postsynaptic group size
 * @param area - the post group's sheet area (NaN when unknown: every pair counts)
 * @returns the expected count, an upper bound
 */
export function distanceSynapses(c: DistanceSpec, rows: number, cols: number, area: number): number {
  const reach = Number.isFinite(area) && area > 0 ? (cols * 2 * Math.PI * c.sigma * c.sigma) / area : cols;
  return rows * c.p0 * Math.min(cols, reach);
}
