/**
 * Where a group's neurons sit on a 2D sheet, for connectivity that falls with distance
 * (`{kind: "distance"}`): a grid, uniform random positions (drawn from the network's seeded
 * stream `pos:<group>`, neuron i from its substream i), or given coordinates. Lengths are in
 * any one unit, the same as the distance rule's `sigma`.
 *
 * A grid of `columns` columns (default: the whole number nearest √(size · width / height), so
 * that cells are near square) and ⌈size / columns⌉ rows covers [0, width) × [0, height); neuron i
 * sits at the centre of cell (i mod columns, ⌊i / columns⌋), so neurons are numbered row by row.
 *
 * @example
 * ```ts
 * import { positionsSpec } from 'spikestream';
 * positionsSpec.decode({ kind: 'grid', width: 1, height: 1 });
 * positionsSpec.decode({ kind: 'random', width: 2, height: 1 });
 * ```
 * @module
 */
import * as t from 'io-ts';
import { finite, positive, positiveInt } from './brands.js';
import { bounds } from './bounds.js';
import { byKind } from './byKind.js';
import { strict } from './strict.js';

/** Neurons on a grid over [0, width) × [0, height), numbered row by row. */
export const gridPositionsSpec = strict({ kind: t.literal('grid'), width: positive, height: positive }, 'GridPositionsSpec', { columns: positiveInt });
/** A validated grid. */
export type GridPositionsSpec = t.TypeOf<typeof gridPositionsSpec>;

/** Neurons at uniform random positions over [0, width) × [0, height). */
export const randomPositionsSpec = strict({ kind: t.literal('random'), width: positive, height: positive }, 'RandomPositionsSpec');

/**
 * Given coordinates, one pair per neuron; `width` and `height` (the sheet, from the origin) only
 * matter for periodic boundaries.
 */
export const valuesPositionsSpec = strict({ kind: t.literal('values'), x: t.readonlyArray(finite), y: t.readonlyArray(finite) }, 'ValuesPositionsSpec', { width: positive, height: positive });

/** Where a group's neurons sit. */
export const positionsSpec = byKind('PositionsSpec', { grid: gridPositionsSpec, random: randomPositionsSpec, values: valuesPositionsSpec });
/** A validated placement. */
export type PositionsSpec = t.TypeOf<typeof positionsSpec>;

/**
 * The sheet a placement covers, or null where it does not say (given coordinates without
 * `width` and `height`).
 *
 * @param p - the placement
 * @returns its width and height
 */
export function sheetExtent(p: PositionsSpec): { readonly width: number; readonly height: number } | null {
  if (p.kind !== 'values') return { width: p.width, height: p.height };
  return p.width === undefined || p.height === undefined ? null : { width: p.width, height: p.height };
}

/**
 * The columns and rows of a grid placement of `size` neurons.
 *
 * @param p - the grid
 * @param size - the group's size
 * @returns columns and rows
 */
export function gridShape(p: GridPositionsSpec, size: number): { readonly columns: number; readonly rows: number } {
  const columns = Math.min(size, p.columns ?? Math.max(1, Math.round(Math.sqrt((size * p.width) / p.height))));
  return { columns, rows: Math.ceil(size / columns) };
}

/**
 * The area a placement covers: the sheet's, or for given coordinates without one the box around
 * them (NaN when that box is flat: a line or a point).
 *
 * @param p - the placement
 * @returns the area, in squared units of the coordinates
 */
export function sheetArea(p: PositionsSpec): number {
  const extent = sheetExtent(p);
  if (extent !== null || p.kind !== 'values') return extent!.width * extent!.height;
  const span = (v: readonly number[]): number => {
    const [low, high] = bounds(v);
    return high - low;
  };
  const area = span(p.x) * span(p.y);
  return area > 0 ? area : NaN;
}
