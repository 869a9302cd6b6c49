/**
 * Projection specs: which pairs are connected (connectivity) and what a spike does (synapse).
 *
 * `fixedProbability` connects each (pre, post) pair independently with probability `p`;
 * `selfConnections` (default true, as BrainPy's `FixedProb`) only matters when pre and post are
 * the same group. `procedural: true` stores nothing: each spike draws its row of synapses again
 * from the row's seeded substream (the same synapses as stored, as GeNN's procedural and
 * BrainPy's just-in-time connectivity), trading time per spike for memory. `expCurrent` keeps one trace `s` per postsynaptic neuron,
 * `τ_s ds/dt = −s`, `s += 1` per presynaptic spike, and adds `g·s` to the target's input.
 *
 * @example
 * ```ts
 * import { projectionSpec } from 'spikestream';
 * projectionSpec.decode({
 *   name: 'E2E', pre: 'E', post: 'E',
 *   connectivity: { kind: 'fixedProbability', p: 0.25 },
 *   synapse: { kind: 'expCurrent', tau: 6, g: 0.25 },
 * });
 * ```
 * @module
 */
import * as t from 'io-ts';
import { finite, name, nonNegative, nonNegativeInt, positive, probability } from './brands.js';
import { byKind } from './byKind.js';
import { initializer } from './groupSpec.js';
import { namedValues } from './namedValues.js';
import { strict } from './strict.js';

/** Each pair connected independently with probability `p`. */
export const fixedProbabilitySpec = strict(
  { kind: t.literal('fixedProbability'), p: probability },
  'FixedProbabilitySpec',
  { selfConnections: t.boolean, procedural: t.boolean },
);
/** A validated fixed-probability connectivity. */
export type FixedProbabilitySpec = t.TypeOf<typeof fixedProbabilitySpec>;

/** Every pre neuron to every post neuron (but itself, with `selfConnections: false`). */
export const allToAllSpec = strict({ kind: t.literal('allToAll') }, 'AllToAllSpec', { selfConnections: t.boolean });

/** Neuron i to neuron i; the two groups must have the same size. */
export const oneToOneSpec = strict({ kind: t.literal('oneToOne') }, 'OneToOneSpec');

/** Each post neuron receives from exactly `k` distinct pre neurons, drawn at random. */
export const fixedInDegreeSpec = strict({ kind: t.literal('fixedInDegree'), k: nonNegativeInt }, 'FixedInDegreeSpec', { selfConnections: t.boolean });

/** Each pre neuron projects to exactly `k` distinct post neurons, drawn at random. */
export const fixedOutDegreeSpec = strict({ kind: t.literal('fixedOutDegree'), k: nonNegativeInt }, 'FixedOutDegreeSpec', { selfConnections: t.boolean });

/** Exactly `n` distinct (pre, post) pairs, drawn at random among all allowed pairs. */
export const fixedTotalSpec = strict({ kind: t.literal('fixedTotal'), n: nonNegativeInt }, 'FixedTotalSpec', { selfConnections: t.boolean });

/**
 * Connection probability falling with distance on the sheet both groups are placed on (their
 * `positions`): each pair (i, j) is connected independently with probability
 * `p0 · exp(−d² / (2 sigma²))`, d the distance from i to j, measured across the sheet's edges
 * with `periodic: true` (a torus; both groups must then lie on sheets of the same size). Drawn
 * per row from the row's substream, as `fixedProbability`, so `procedural: true` gives the same
 * synapses with none stored (drawn in JavaScript). PyNN's `DistanceDependentProbabilityConnector`
 * with a Gaussian; Brian2's `p='p0*exp(-d**2/(2*sigma**2))'`.
 */
export const distanceSpec = strict(
  { kind: t.literal('distance'), p0: probability, sigma: positive },
  'DistanceSpec',
  { periodic: t.boolean, selfConnections: t.boolean, procedural: t.boolean },
);
/** A validated distance rule. */
export type DistanceSpec = t.TypeOf<typeof distanceSpec>;

/** Explicit synapses: `pre[k]` to `post[k]`, distinct pairs. */
export const pairsSpec = strict({ kind: t.literal('pairs'), pre: t.readonlyArray(nonNegativeInt), post: t.readonlyArray(nonNegativeInt) }, 'PairsSpec');

/** Any connectivity rule. */
export const connectivitySpec = byKind('ConnectivitySpec', {
  fixedProbability: fixedProbabilitySpec,
  allToAll: allToAllSpec,
  oneToOne: oneToOneSpec,
  fixedInDegree: fixedInDegreeSpec,
  fixedOutDegree: fixedOutDegreeSpec,
  fixedTotal: fixedTotalSpec,
  pairs: pairsSpec,
  distance: distanceSpec,
});
/** A validated connectivity rule. */
export type ConnectivitySpec = t.TypeOf<typeof connectivitySpec>;

/** Exponentially decaying current: trace time constant `tau` (ms) and weight `g`. */
export const expCurrentSpec = strict({ kind: t.literal('expCurrent'), tau: positive, g: finite }, 'ExpCurrentSpec');
/** A validated exponential-current synapse. */
export type ExpCurrentSpec = t.TypeOf<typeof expCurrentSpec>;

/**
 * Exponential conductance: the same trace as `expCurrent`, entering the target's input as
 * `g·s·(E − V)`, with E the reversal potential and V the target's potential before the step
 * (COBA: Brette et al. 2007).
 */
export const expConductanceSpec = strict({ kind: t.literal('expConductance'), tau: positive, g: finite, E: finite }, 'ExpConductanceSpec');
/** A validated exponential-conductance synapse. */
export type ExpConductanceSpec = t.TypeOf<typeof expConductanceSpec>;

/**
 * A jump: each presynaptic spike adds `w` to a state variable of the target, felt at the
 * target's next step: its potential by default (Brian2's `on_pre='v_post += w'`), or the
 * variable `target` names, such as a conductance of a model written as equations
 * (`on_pre='ge_post += w'`). A jump that arrives while its variable is held (the refractory
 * period of a variable flagged `(unless refractory)`) is lost.
 */
export const deltaSpec = strict({ kind: t.literal('delta'), w: finite }, 'DeltaSpec', { target: t.string });
/** A validated delta synapse. */
export type DeltaSpec = t.TypeOf<typeof deltaSpec>;

/**
 * A dual-exponential current (an alpha function when the two time constants are equal): each
 * spike adds 1 to a rise variable h, `τr dh/dt = −h`, which feeds the trace s,
 * `ds/dt = −s/τd + h`; the target's input gets g·s. Forward Euler for both.
 */
export const dualExpCurrentSpec = strict({ kind: t.literal('dualExpCurrent'), tauRise: positive, tauDecay: positive, g: finite }, 'DualExpCurrentSpec');
/** A validated dual-exponential synapse. */
export type DualExpCurrentSpec = t.TypeOf<typeof dualExpCurrentSpec>;

/**
 * A synapse kind of your own, written as the built-in kinds are defined (GeNN's postsynaptic
 * model; docs/models.md, "Synapse kinds of your own"): the variables each target neuron keeps
 * (`equations`, `dx/dt = …` lines, each a sum of terms linear in one variable with constant
 * coefficients: one variable, or two where the second feeds the first), the variable each spike
 * adds its weight to (`spikesInto`), and its effect: `I += G * s`, `I += G * s * (E - v)` (v the
 * target's membrane variable), or a jump `x += G * s` of a state variable without equations.
 * An alpha-function conductance:
 *
 * ```json
 * {"kind": "postsynaptic", "equations": "ds/dt = (-s + h) / tau\ndh/dt = -h / tau",
 *  "spikesInto": "h", "effect": "I += g * s * (E - v)",
 *  "parameters": {"tau": 2, "g": 0.5, "E": 0}}
 * ```
 *
 * `parameters` are one number each. The variables step as their target is integrated (exactly,
 * two by their closed form, into a group integrated exactly; else by forward Euler);
 * `method: "euler"` steps them by forward Euler always.
 */
export const postsynapticSpec = strict({ kind: t.literal('postsynaptic'), equations: t.string, spikesInto: t.string, effect: t.string, parameters: namedValues }, 'PostsynapticSpec', { method: t.literal('euler') });
/** A validated synapse kind of your own. */
export type PostsynapticSpec = t.TypeOf<typeof postsynapticSpec>;

/** Any synapse model. */
export const synapseSpec = byKind('SynapseSpec', {
  expCurrent: expCurrentSpec,
  expConductance: expConductanceSpec,
  dualExpCurrent: dualExpCurrentSpec,
  delta: deltaSpec,
  postsynaptic: postsynapticSpec,
});
/** A validated synapse model. */
export type SynapseSpec = t.TypeOf<typeof synapseSpec>;

/**
 * A learning rule in equation form (docs/models.md, "Synapses that learn"): traces per
 * presynaptic (`pre`) and postsynaptic (`post`) neuron, statements run at each presynaptic
 * (`onPre`) and postsynaptic (`onPost`) spike, on the synapse's weight `w` and the traces; `s +=
 * expr` in `onPre` is what a spike adds to the projection's trace (the synapse kind then makes it
 * a current, a conductance or a jump). Pair STDP, as Brian2 writes it:
 *
 * ```json
 * {"pre": "dapre/dt = -apre/taupre", "post": "dapost/dt = -apost/taupost",
 *  "onPre": "s += w; apre += Apre; w = clip(w + apost, 0, wmax)",
 *  "onPost": "apost += Apost; w = clip(w + apre, 0, wmax)",
 *  "parameters": {"taupre": 20, "taupost": 20, "Apre": 0.0001, "Apost": -0.000105, "wmax": 0.01}}
 * ```
 *
 * `parameters` are one number each; `modulators` name values set at run time (a modulator
 * input), the third factor of a three-factor rule; `synapse` declares variables per synapse
 * (`dc/dt = -c / tauc`, an eligibility trace) and `onStep` statements run for every synapse
 * every step (`w = clip(w + dt * M * c, 0, wmax)`); `initial` gives traces and variables per
 * synapse their start (default 0). The rules spikestream ships (`pairStdp`, `tripletStdp`, `tsodyksMarkram`,
 * `modulatedStdp`) write this form.
 */
export const plasticitySpec = strict({ onPre: t.string }, 'PlasticitySpec', {
  pre: t.string,
  post: t.string,
  onPost: t.string,
  synapse: t.string,
  onStep: t.string,
  parameters: namedValues,
  modulators: t.readonlyArray(name),
  initial: namedValues,
});
/** A validated learning rule. */
export type PlasticitySpec = t.TypeOf<typeof plasticitySpec>;

/** A projection from group `pre` to group `post`. */
export const projectionSpec = strict(
  { name, pre: name, post: name, connectivity: connectivitySpec, synapse: synapseSpec },
  'ProjectionSpec',
  {
    /**
     * Synaptic delay, ms (a whole number of steps, default 0): a spike at step k adds to the
     * targets' traces at step k + delay/dt, as Brian2's `delay` (with 0, the next step's input
     * sees it).
     */
    delay: nonNegative,
    /**
     * Initial value of the trace `s` of each postsynaptic neuron (default 0), in spikes: the
     * conductance or current starts at `g · s0`. Brette et al. 2007's COBAHH starts its
     * conductances at random. Not for `delta` synapses, which have no trace.
     */
    s0: initializer,
    /**
     * Each synapse's weight, drawn in row order (synapses of pre neuron 0 by ascending target,
     * then 1, …) from the stream `init:<name>.w`, or given as `values`, one per synapse: what a
     * presynaptic spike adds to the trace (1 without it). Stored as 32-bit floats.
     */
    weight: initializer,
    /**
     * Each synapse's delay, ms, drawn as `weight` is (stream `init:<name>.delay`), rounded to
     * whole steps of the kernel's dt, at least 0; in place of the projection's one `delay`.
     */
    delays: initializer,
    /** A learning rule (see {@link plasticitySpec}): the weights change as the network runs. */
    plasticity: plasticitySpec,
  },
);
/** A validated projection. */
export type ProjectionSpec = t.TypeOf<typeof projectionSpec>;
