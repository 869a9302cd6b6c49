/**
 * Where a group's neurons sit on a 2D sheet: the `positions` of any group, for connectivity that
 * falls with distance (`distanceProb`).
 *
 * @example
 * ```ts
 * import { clock, distanceProb, expCurrent, gridPositions, lif, network } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 3600, tau: 15, threshold: 15, reset: 0, positions: gridPositions(1, 1) }),
 *   expCurrent('EE', { pre: 'E', post: 'E', connectivity: distanceProb(0.5, 0.05, { periodic: true }), tau: 6, g: 0.1 }),
 * );
 * ```
 * @module
 */
import type { PositionsSpec } from '../model/positionsSpec.js';

/** The `positions` field every group takes. */
export interface Placed {
  /** Where the neurons sit on a sheet (`gridPositions`, `randomPositions`, `positionsAt`); none by default. */
  readonly positions?: PositionsSpec;
}

/**
 * Neurons on a grid over [0, width) × [0, height), numbered row by row, each at the centre of
 * its cell.
 *
 * @param width - the sheet's width
 * @param height - the sheet's height
 * @param options - `columns` (default: the whole number nearest √(size · width / height))
 * @returns the placement
 */
export function gridPositions(width: number, height: number, options: { readonly columns?: number } = {}): PositionsSpec {
  return { kind: 'grid', width, height, ...options } as PositionsSpec;
}

/**
 * Neurons at uniform random positions over [0, width) × [0, height), drawn from the network's
 * seed (stream `pos:<group>`).
 *
 * @param width - the sheet's width
 * @param height - the sheet's height
 * @returns the placement
 */
export function randomPositions(width: number, height: number): PositionsSpec {
  return { kind: 'random', width, height } as PositionsSpec;
}

/**
 * Neurons at given coordinates, one pair per neuron.
 *
 * @param x - the x coordinates
 * @param y - the y coordinates
 * @param sheet - the sheet's `width` and `height` from the origin (needed for periodic boundaries)
 * @returns the placement
 */
export function positionsAt(x: readonly number[], y: readonly number[], sheet: { readonly width?: number; readonly height?: number } = {}): PositionsSpec {
  return { kind: 'values', x, y, ...sheet } as PositionsSpec;
}
