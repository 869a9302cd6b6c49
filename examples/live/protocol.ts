/** Messages between the live page and its simulation worker. */

/** Page to worker. */
export type Command =
  | { readonly type: 'start'; readonly neurons: number; readonly seed: number; readonly muE: number; readonly muI: number; readonly speed: number; readonly threads: number }
  | { readonly type: 'drive'; readonly muE: number; readonly muI: number }
  | { readonly type: 'pause'; readonly paused: boolean }
  | { readonly type: 'speed'; readonly speed: number };

/** Worker to page: the spikes and rates of the last ~50 ms of wall time. */
export interface Batch {
  readonly type: 'batch';
  readonly dt: number;
  /** Group sizes. */
  readonly sizes: { readonly E: number; readonly I: number };
  /** Spikes as (step, index) pairs, flattened. */
  readonly E: Int32Array;
  readonly I: Int32Array;
  /** Population rates in 10 ms windows that ended in this batch. */
  readonly rates: ReadonlyArray<{ readonly t: number; readonly E: number; readonly I: number }>;
  /** Last step simulated (exclusive). */
  readonly step: number;
  /** How late the last frame ran, ms. */
  readonly lagMs: number;
  /** Threads the simulation runs on. */
  readonly threads: number;
}

/** Worker to page: the run stopped. */
export interface Failure {
  readonly type: 'error';
  readonly message: string;
}
