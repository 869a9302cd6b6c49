/**
 * What a group's neurons take in each step, as plain data: the terms of their input `I`, the
 * jumps, the conductances a Hodgkin–Huxley update takes apart, and how each incoming trace
 * steps. The one place that turns the synapse kinds' definitions (see `synapseDefinition`) and
 * the inputs into the neuron update; the JavaScript and WebAssembly lowerings each write this
 * same list, in its order, so that both compute the same sums with the same roundings.
 *
 * The order is the step's: the jumps first (delta synapses, by projection, then Poisson inputs),
 * before anything reads the variable they change; then `I`, summed left to right (a model's
 * baseline, the projections' terms, then the inputs'); then each trace's step, from its value at
 * the start of the step.
 *
 * @example
 * ```ts
 * import { groupInput } from './groupInput.js';
 * groupInput(built, 0, 0.1).terms; // [{ kind: 'trace', projection: 0, g: 0.27, E: null }, …]
 * ```
 * @module
 */
import { integratesExactly } from '../../model/integratesExactly.js';
import { jumpedState } from '../../model/jumpTarget.js';
import { cascadeStep, projectionTraces, traceRate, type SynapseTraces } from '../../model/library/synapseTraces.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import type { GroupSpec } from '../../model/groupSpec.js';
import { modelOf } from '../../model/modelOf.js';
import { mentions } from '../../model/expr/linearIn.js';

/** One term of `I`: a number, a projection's trace (times g, and times (E − V) for a conductance), an input's value. */
export type InputTerm =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'trace'; readonly projection: number; readonly g: number; readonly E: number | null }
  | { readonly kind: 'stream'; readonly input: number }
  | { readonly kind: 'timed'; readonly input: number };

/**
 * How a trace steps, from its value x at the start of the step: times a factor (forward Euler's
 * 1 − dt/τ, or e^(−dt/τ) where its target integrates exactly); back to 0 (a delta synapse's
 * count of one step's arrivals); or a cascade's pair, s ← x·decay + coupling·y and
 * h ← y·rise, with y the second variable (a dual exponential's rise variable; forward Euler's
 * coupling is c·dt).
 */
export type TraceStep =
  | { readonly kind: 'decay'; readonly projection: number; readonly factor: number }
  | { readonly kind: 'clear'; readonly projection: number }
  | { readonly kind: 'dualExp'; readonly projection: number; readonly decay: number; readonly rise: number; readonly coupling: number };

/** A group's inputs in the step (see the module's comment for their order). */
export interface GroupInput {
  /** The projections into the group, ascending: each trace is loaded once, at the start. */
  readonly incoming: readonly number[];
  /** Jumps of a state variable (0: V) by w times a delta projection's trace, in order. */
  readonly jumps: readonly { readonly projection: number; readonly w: number; readonly state: number }[];
  /** The Poisson inputs into the group (their indices in the spec's inputs), jumping V after the delta synapses. */
  readonly poissonInputs: readonly number[];
  /** The terms of I, summed in this order. */
  readonly terms: readonly InputTerm[];
  /** The synaptic conductances that join v's linear part (see {@link takesConductancesLinearly}), not I. */
  readonly conductances: readonly { readonly projection: number; readonly g: number; readonly E: number }[];
  /** Each incoming trace's step, in projection order. */
  readonly steps: readonly TraceStep[];
}

/**
 * @param net - the built network
 * @param gi - the group's index
 * @param dt - the time step, ms
 * @returns the group's inputs in the step
 */
export function groupInput(net: BuiltNetwork, gi: number, dt: number): GroupInput {
  const g = net.groups[gi]!;
  const incoming: number[] = [];
  const jumps: { projection: number; w: number; state: number }[] = [];
  const poissonInputs: number[] = [];
  // A model's baseline (a LIF's resting potential) is the sum's first term (see ModelGroup).
  const baseline = modelGroupOf(g).baseline;
  const terms: InputTerm[] = baseline !== undefined ? [{ kind: 'const', value: baseline }] : [];
  const conductances: { projection: number; g: number; E: number }[] = [];
  const steps: TraceStep[] = [];
  // Traces are integrated as their target group is: forward Euler or exactly.
  const exact = integratesExactly(g);
  const linear = takesConductancesLinearly(g);
  net.projections.forEach((p, pi) => {
    if (p.post !== gi) return;
    incoming.push(pi);
    // The synapse kind's definition (see synapseDefinition).
    const traces = projectionTraces(net.spec, pi);
    const { effect } = traces;
    if (effect.kind === 'jump') {
      // The trace counts the spikes that arrived; their jumps apply before anything reads V.
      jumps.push({ projection: pi, w: effect.gain, state: jumpedState(g, effect.state) });
      steps.push(traceStep(traces, pi, dt, false));
      return;
    }
    // Into a conductance-based model's linear part (see linearConductances).
    if (effect.E !== null && linear) conductances.push({ projection: pi, g: effect.gain, E: effect.E });
    // A current, or a conductance driving towards its reversal potential from V before the step.
    else terms.push({ kind: 'trace', projection: pi, g: effect.gain, E: effect.E });
    steps.push(traceStep(traces, pi, dt, exact && !traces.euler));
  });
  net.spec.inputs.forEach((input, k) => {
    if (input.kind === 'modulator' || input.group !== g.name) return;
    // Injected spikes (from a stream or at given times) are merged into the group's own after its
    // update; a parameter input is read where the model reads the parameter; a rate input sets a
    // Poisson group's threshold: neither is an input of the update.
    if (input.kind === 'spikes' || input.kind === 'spikeTimes' || input.kind === 'rate' || input.kind === 'parameter') return;
    if (input.kind === 'poisson') poissonInputs.push(k);
    else if (input.kind === 'constant') terms.push({ kind: 'const', value: input.value });
    else terms.push({ kind: input.kind, input: k });
  });
  return { incoming, jumps, poissonInputs, terms, conductances, steps };
}

/**
 * How a synapse's variables step (see `TraceForm`): one variable as x·(1 + r) by forward
 * Euler and x·e^r exactly, r = b·dt/d (see `traceRate`); a cascade as s·(1 + r) + r'·h and
 * h·(1 + r'') by forward Euler, or by its closed form (`cascadeStep`), from the step's start.
 *
 * @param traces - the synapse's definition, read
 * @param pi - the projection
 * @param dt - the time step, ms
 * @param exact - whether its variables are integrated exactly
 * @returns the step
 */
function traceStep(traces: SynapseTraces, pi: number, dt: number, exact: boolean): TraceStep {
  const rate = (k: number, from: number): number => traceRate(traces, traces.terms[k]!.find((t) => t.from === from)!, dt);
  switch (traces.form) {
    case 'jump':
      return { kind: 'clear', projection: pi };
    case 'decay':
      return { kind: 'decay', projection: pi, factor: exact ? Math.exp(rate(0, 0)) : 1 + rate(0, 0) };
    case 'cascade': {
      if (!exact) return { kind: 'dualExp', projection: pi, decay: 1 + rate(0, 0), rise: 1 + rate(1, 1), coupling: rate(0, 1) };
      const { decay, rise, coupling } = cascadeStep(rate(0, 0), rate(1, 1), rate(0, 1));
      return { kind: 'dualExp', projection: pi, decay, rise, coupling };
    }
  }
}

/**
 * Whether a group's conductance synapses join its membrane variable's linear part (see
 * linearConductances): a model integrated by exponential Euler whose membrane rate `b` reads its
 * own state (conductances of its own: Hodgkin–Huxley's m³h and n⁴). Into a model with a constant
 * rate (a LIF) a conductance stays a current from v at the step's start, which keeps the exact
 * factor e^(−dt/τ) that the built-in LIF has always used.
 *
 * @param g - the group
 * @returns true when its conductances are integrated with v's rate
 */
export function takesConductancesLinearly(g: GroupSpec): boolean {
  const model = modelGroupOf(g);
  if (model.method !== 'exponential_euler') return false;
  const checked = modelOf(model);
  const b = checked.linear[0]?.b ?? null;
  return b !== null && checked.states.some((s) => mentions(b, s));
}
