/**
 * The coordinates of a placed group's neurons (see `positionsSpec`): a grid computed, random
 * positions drawn from the stream `pos:<group>` (neuron i from substream i: x, then y), or the
 * given ones. They depend on nothing but the seed, the group's name, its size and its placement.
 *
 * @example
 * ```ts
 * const sheet = sheetOf({ kind: 'lif', name: 'E', size: 4, positions: { kind: 'grid', width: 2, height: 2 }, ... }, 1);
 * sheet.x; // Float64Array [0.5, 1.5, 0.5, 1.5]
 * ```
 * @module
 */
import type { GroupSpec } from '../../model/groupSpec.js';
import { gridShape, sheetArea, sheetExtent } from '../../model/positionsSpec.js';
import { streamKey, subKey, Xoshiro128 } from '../numeric/random.js';

/** A placed group's neurons: coordinates, and the sheet's size where the placement gives one. */
export interface Sheet {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The sheet's width and height (NaN for given coordinates without them). */
  readonly width: number;
  readonly height: number;
  /** The area they cover (see `sheetArea`), for the distance rule's expected synapses. */
  readonly area: number;
}

/**
 * The positions of a group's neurons.
 *
 * @param group - a validated group
 * @param seed - the network's seed
 * @returns the sheet, or null when the group is not placed
 */
export function sheetOf(group: GroupSpec, seed: number): Sheet | null {
  const p = group.positions;
  if (p === undefined) return null;
  const n = group.size;
  const extent = sheetExtent(p);
  const [width, height] = extent === null ? [NaN, NaN] : [extent.width, extent.height];
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  switch (p.kind) {
    case 'grid': {
      const { columns, rows } = gridShape(p, n);
      for (let i = 0; i < n; i++) {
        x[i] = ((i % columns) + 0.5) * (p.width / columns);
        y[i] = (Math.floor(i / columns) + 0.5) * (p.height / rows);
      }
      break;
    }
    case 'random': {
      const key = streamKey(seed, `pos:${group.name}`);
      for (let i = 0; i < n; i++) {
        const rng = new Xoshiro128(subKey(key, i));
        x[i] = rng.float() * p.width;
        y[i] = rng.float() * p.height;
      }
      break;
    }
    case 'values':
      x.set(p.x);
      y.set(p.y);
      break;
  }
  return { x, y, width, height, area: sheetArea(p) };
}
