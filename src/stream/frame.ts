/**
 * What flows through a simulation's streams: clock ticks in, frames out.
 *
 * ## Ownership
 * A {@link Frame} object is fresh on every emission, but the typed arrays inside it
 * (`stepPtr`, `indices`, `values`) are views of the kernel's buffers: **valid until the next
 * emission** of the same subscription. Read them in the subscriber, or copy them
 * (`indices.slice()`), or use a monitor such as `recordSpikes`, whose results are fresh arrays
 * the receiver owns.
 *
 * @example
 * ```ts
 * import type { Frame } from 'spikestream';
 * function countSpikes(frame: Frame, group: string): number {
 *   return frame.spikes[group]!.indices.length;
 * }
 * ```
 * @module
 */

/** A clock tick: advance `steps` steps starting at step `step`. */
export interface Tick {
  /** First step of this tick; the time of step k is `k * dt`. */
  readonly step: number;
  /** Number of steps to advance (≥ 1). */
  readonly steps: number;
  /**
   * How late the first step of this tick is issued, in wall-clock ms: under one interval while a
   * real-time run keeps up, growing while it falls behind. Always 0 in virtual time.
   */
  readonly lagMs: number;
}

/** Spikes of one group over the steps of a frame, as compressed rows by step. */
export interface SpikeBlock {
  readonly group: string;
  /** Number of neurons in the group. */
  readonly size: number;
  /**
   * Length `steps + 1`, starting at 0: the spikes of step `frame.step + j` are
   * `indices[stepPtr[j] .. stepPtr[j + 1])`. A view valid until the next emission.
   */
  readonly stepPtr: Int32Array;
  /** Neuron indices, ascending within a step. A view valid until the next emission. */
  readonly indices: Int32Array;
}

/** Samples of one probe over the steps of a frame. */
export interface SampleBlock {
  readonly name: string;
  readonly target: string;
  readonly variable: string;
  /** The sampled neurons, in column order. */
  readonly indices: readonly number[];
  /**
   * `steps × indices.length`, row-major: row j holds the values at the start of step
   * `frame.step + j` (at time `(frame.step + j) * dt`). A view valid until the next emission.
   */
  readonly values: Float64Array;
}

/**
 * A projection's weights as a weight probe (`sampleWeights`) sampled them in a frame: fresh
 * arrays, owned by the receiver.
 */
export interface WeightBlock {
  readonly name: string;
  readonly projection: string;
  /** The sampled synapses (indices in row order), or null for all of them. */
  readonly synapses: readonly number[] | null;
  /**
   * The steps sampled in this frame: 0 in the first frame, then each multiple of the probe's
   * `every` in `(frame.step, frame.step + frame.steps]`; the weights at the start of each.
   */
  readonly steps: readonly number[];
  /** `steps.length × synapses`, row-major. */
  readonly values: Float64Array;
}

/** The output of a simulation for one block of consecutive steps. */
export interface Frame {
  /** First step of the frame. */
  readonly step: number;
  /** Number of steps in the frame. */
  readonly steps: number;
  /** Time step, ms. */
  readonly dt: number;
  /** Steps in the whole run (`Infinity` for an unbounded clock). */
  readonly totalSteps: number;
  /** The clock's lag behind the wall clock for this frame's tick, ms. */
  readonly lagMs: number;
  /** Spikes per group name. */
  readonly spikes: Readonly<Record<string, SpikeBlock>>;
  /** Samples per probe name. */
  readonly samples: Readonly<Record<string, SampleBlock>>;
  /** Weight samples per weight probe name (see `sampleWeights`); empty without weight probes. */
  readonly weights: Readonly<Record<string, WeightBlock>>;
}
