/**
 * Run settings of a simulation file: the time step and how long to run.
 *
 * @example
 * ```ts
 * import { runSpec } from 'spikestream';
 * runSpec.decode({ dt: 0.1, duration: 1000 }); // Right({ dt: 0.1, duration: 1000 })
 * ```
 * @module
 */
import * as t from 'io-ts';
import { positive } from './brands.js';
import { strict } from './strict.js';

/** `dt` and `duration` in ms, both > 0; the duration must be a whole number of steps. */
export const runSpec = strict({ dt: positive, duration: positive }, 'RunSpec');
/** Validated run settings. */
export type RunSpec = t.TypeOf<typeof runSpec>;
