/**
 * The built-in synapse kinds as definitions in the equation language, as GeNN's postsynaptic
 * models are code snippets and Brian2 writes a synapse's trace in the target's equations: the
 * variables each postsynaptic neuron keeps for a projection, which of them a spike adds to, and
 * what they do to the neuron. The kernel reads a projection only through its definition (see
 * `synapseTraces` and the kernel's `groupInput`).
 *
 * | kind | equations | a spike adds its weight to | effect |
 * | --- | --- | --- | --- |
 * | `expCurrent` | `ds/dt = -s / tau` | `s` | `I += g * s` |
 * | `expConductance` | `ds/dt = -s / tau` | `s` | `I += g * s * (E - v)` |
 * | `dualExpCurrent` | `ds/dt = -s / tauDecay + h`, `dh/dt = -h / tauRise` | `h` | `I += g * s` |
 * | `delta` | none: `s` holds one step's arrivals | `s` | `v += w * s` (or `target`) |
 *
 * @example
 * ```ts
 * import { synapseDefinitionOf } from './synapseDefinition.js';
 * synapseDefinitionOf({ kind: 'expConductance', tau: 5, g: 0.6, E: 0 }, 'v').effect; // 'I += g * s * (E - v)'
 * ```
 * @module
 */
import type { SynapseSpec } from '../projectionSpec.js';

/** A synapse kind: its variables per postsynaptic neuron, where spikes land, and their effect. */
export interface SynapseDefinition {
  /**
   * The variables per postsynaptic neuron, `dx/dt = expr` lines, each a sum of terms linear in
   * one variable with constant coefficients. The first is the projection's trace `s`, which the
   * effect reads. Empty for a synapse without dynamics: its `s` holds the arrivals of one step.
   */
  readonly equations: string;
  /** The variable each arriving spike adds its synapse's weight to (1 without per-synapse weights). */
  readonly spikesInto: string;
  /**
   * What the trace does to its neuron: `I += expr` adds a term to the input `I`, read from the
   * trace at the start of the step (`G * s`, or `G * s * (E - v)` for a conductance, with `v`
   * the neuron's membrane variable); `x += expr` jumps the neuron's state variable x by
   * `G * s` before its update reads it, which takes one step's arrivals.
   */
  readonly effect: string;
  /** The constants the expressions name. */
  readonly parameters: Readonly<Record<string, number>>;
  /**
   * `'euler'`: the variables always step by forward Euler. Absent: as the target group is
   * integrated, exactly (`x·e^(b·dt)`) where it is, else by forward Euler (`x·(1 + b·dt)`).
   */
  readonly method?: 'euler';
}

/**
 * The definition of a built-in kind (a user's `postsynaptic` synapse is its own).
 *
 * @param syn - a projection's synapse
 * @param membrane - the name of the target group's membrane variable (its first state variable)
 * @returns the synapse's definition
 */
export function synapseDefinitionOf(syn: SynapseSpec, membrane: string): SynapseDefinition {
  switch (syn.kind) {
    case 'expCurrent':
      return { equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: syn.tau, g: syn.g } };
    case 'expConductance':
      return { equations: 'ds/dt = -s / tau', spikesInto: 's', effect: `I += g * s * (E - ${membrane})`, parameters: { tau: syn.tau, g: syn.g, E: syn.E } };
    case 'dualExpCurrent':
      // Forward Euler whatever the target's method, as this kind has always stepped.
      return { equations: 'ds/dt = -s / tauDecay + h\ndh/dt = -h / tauRise', spikesInto: 'h', effect: 'I += g * s', parameters: { tauDecay: syn.tauDecay, tauRise: syn.tauRise, g: syn.g }, method: 'euler' };
    case 'delta':
      return { equations: '', spikesInto: 's', effect: `${syn.target ?? membrane} += w * s`, parameters: { w: syn.w } };
    case 'postsynaptic': {
      // A user's kind is its own definition; a parameter that is not a number is refused where
      // the spec is checked (checkNetworkSpec), and is no name here.
      const parameters = Object.fromEntries(Object.entries(syn.parameters).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
      return { equations: syn.equations, spikesInto: syn.spikesInto, effect: syn.effect, parameters, ...(syn.method === undefined ? {} : { method: syn.method }) };
    }
  }
}
