/**
 * The type of a group as the kernel runs a model written in the equation language: a `neuron`
 * group's own spec, or a built-in kind's definition (see {@link modelGroupOf}).
 *
 * @example
 * ```ts
 * import type { ModelGroup } from './modelGroup.js';
 * const g: ModelGroup = { ...neuronSpec, baseline: -60 };
 * ```
 * @module
 */
import type { NeuronGroupSpec } from '../groupSpec.js';

/**
 * A `neuron` group spec, and what a built-in kind's definition adds to it. Both lowerings and the
 * kernel's state set-up read a group only through this shape, so a built-in kind and the same
 * model written by a user run the same code.
 */
export interface ModelGroup extends NeuronGroupSpec {
  /**
   * A constant that `I` starts from, before the projections' and inputs' terms are added (a
   * LIF's resting potential: `τ dV/dt = −V + (rest + I)`); absent: 0, as for a user's model. It
   * is a term of the sum rather than of the equation so that the sum's order, and its rounding,
   * is the one the built-in LIF has always had.
   */
  readonly baseline?: number;
  /**
   * The value at step 0 of state variable `k` (k ≥ 1) of a neuron whose membrane variable starts
   * at `v0` (Izhikevich's `u = b · v0`); absent: the spec's `initial`, as for a user's model.
   */
  readonly startOf?: (k: number, v0: number) => number;
  /**
   * The state variables (not the first) that start at their steady state for each neuron's V0,
   * x∞ = −a/b of their equation's linear parts `a + b·x` with V at V0 (Hodgkin–Huxley's gates).
   */
  readonly steady?: readonly string[];
  /**
   * A refractory condition held beside a refractory period given as a number (Hodgkin–Huxley's
   * upward crossing with its `refractory`): a neuron is refractory while either holds. A user's
   * model has one or the other, as in Brian2.
   */
  readonly heldWhile?: string;
  /**
   * The name of the neurons' generators' stream (substream i for neuron i, `<streams>:<group>`);
   * absent: `noise`, as for a user's model. A Poisson group keeps its own, `poisson`.
   */
  readonly streams?: string;
}
