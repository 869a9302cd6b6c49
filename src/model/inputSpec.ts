/**
 * Input specs: currents added to a group's input at the start of every step.
 *
 * A `constant` input is compiled into the kernel as a literal. A `stream` input is a slot
 * whose value comes from an Observable at run time (see `input`); `initial` holds until the
 * first value arrives.
 *
 * @example
 * ```ts
 * import { inputSpec } from 'spikestream';
 * inputSpec.decode({ kind: 'constant', group: 'E', value: 30 });
 * ```
 * @module
 */
import * as t from 'io-ts';
import { finite, name, nonNegative, nonNegativeInt, positive } from './brands.js';
import { byKind } from './byKind.js';
import { strict } from './strict.js';

/** The same current into every neuron of `group`, every step. */
export const constantInputSpec = strict(
  { kind: t.literal('constant'), group: name, value: finite },
  'ConstantInputSpec',
);
/** A validated constant input. */
export type ConstantInputSpec = t.TypeOf<typeof constantInputSpec>;

/** A current set at run time from an Observable; `initial` applies until its first value. */
export const streamInputSpec = strict(
  { kind: t.literal('stream'), group: name, initial: finite },
  'StreamInputSpec',
);
/** A validated stream input. */
export type StreamInputSpec = t.TypeOf<typeof streamInputSpec>;

/**
 * A piecewise-constant current, as Brian2's TimedArray: `values[j]` from time `times[j]` (ms,
 * ascending, whole steps) until the next time; 0 before `times[0]`. A step input is one time.
 */
export const timedInputSpec = strict(
  { kind: t.literal('timed'), group: name, times: t.readonlyArray(nonNegative), values: t.readonlyArray(finite) },
  'TimedInputSpec',
);
/** A validated timed input. */
export type TimedInputSpec = t.TypeOf<typeof timedInputSpec>;

/**
 * Spikes at given times, as Brian2's SpikeGeneratorGroup and PyNN's SpikeSourceArray: neuron
 * `indices[j]` of `group` spikes at `times[j]` (ms), in the step the time falls in (Brian2's
 * `timestep`), besides the spikes it makes by itself; they reach the group's targets as its own
 * do, and its state is left as it is. On a Poisson group of rate 0 they are the group's only
 * spikes: a spike generator. With `period`, the pattern repeats: each time t also at t + m·period.
 * A neuron spikes at most once per step: two times of one neuron in one step are refused at the
 * kernel's dt.
 */
export const spikeTimesInputSpec = strict(
  { kind: t.literal('spikeTimes'), group: name, indices: t.readonlyArray(nonNegativeInt), times: t.readonlyArray(nonNegative) },
  'SpikeTimesInputSpec',
  {
    /** ms, a whole number of steps: the pattern repeats with it (every time below it), as Brian2's `period`. */
    period: positive,
  },
);
/** A validated input of spike times. */
export type SpikeTimesInputSpec = t.TypeOf<typeof spikeTimesInputSpec>;

/**
 * Poisson input, as Brian2's PoissonInput: each neuron of `group` receives `count` independent
 * Poisson spike trains at `rate` Hz, each spike making its potential jump by `weight`. The
 * number of spikes per step is drawn from Poisson(count · rate · dt / 1000) per neuron, from the
 * neuron's own substream of `input:<index>`.
 */
export const poissonInputSpec = strict(
  { kind: t.literal('poisson'), group: name, count: nonNegativeInt, rate: nonNegative, weight: finite },
  'PoissonInputSpec',
);
/** A validated Poisson input. */
export type PoissonInputSpec = t.TypeOf<typeof poissonInputSpec>;

/**
 * Spikes injected into `group` at run time from an Observable (an event camera, threshold
 * crossings, a client over the wire): each value lists neurons that spike at the next step, in
 * addition to those that spike by themselves; they reach the group's targets as its own spikes
 * do. The neurons' state is left as it is.
 */
export const spikesInputSpec = strict({ kind: t.literal('spikes'), group: name }, 'SpikesInputSpec');
/** A validated spike input. */
export type SpikesInputSpec = t.TypeOf<typeof spikesInputSpec>;

/**
 * The rate of a Poisson group (`{kind: "poisson"}`), set at run time from an Observable of Hz:
 * the group's own `rate` holds until the first value, and each value holds from the next step.
 */
export const rateInputSpec = strict({ kind: t.literal('rate'), group: name }, 'RateInputSpec');
/** A validated rate input. */
export type RateInputSpec = t.TypeOf<typeof rateInputSpec>;

/**
 * A modulator of a learning rule, set at run time from an Observable: the value the rule of
 * projection `projection` reads as `modulator` (a name in its `modulators`), the third factor
 * (reward, dopamine) of a three-factor rule. `initial` holds until the first value; each value
 * holds from the next step.
 */
export const modulatorInputSpec = strict({ kind: t.literal('modulator'), projection: name, modulator: name, initial: finite }, 'ModulatorInputSpec');
/** A validated modulator input. */
export type ModulatorInputSpec = t.TypeOf<typeof modulatorInputSpec>;

/**
 * Sets a parameter of a `neuron` group's model at run time, from an Observable or a client over
 * the wire: the one value every neuron of the group reads from the next step on (a gain, a
 * threshold offset, a conductance an experiment switches). The parameter is one given as a
 * number, which holds until the first value; `initial`, when given, holds instead.
 */
export const parameterInputSpec = strict({ kind: t.literal('parameter'), group: name, parameter: name }, 'ParameterInputSpec', { initial: finite });
/** A validated parameter input. */
export type ParameterInputSpec = t.TypeOf<typeof parameterInputSpec>;

/** Any input. */
export const inputSpec = byKind('InputSpec', { constant: constantInputSpec, stream: streamInputSpec, timed: timedInputSpec, poisson: poissonInputSpec, spikes: spikesInputSpec, spikeTimes: spikeTimesInputSpec, rate: rateInputSpec, modulator: modulatorInputSpec, parameter: parameterInputSpec });
/** A validated input. */
export type InputSpec = t.TypeOf<typeof inputSpec>;

/**
 * Whether an input takes values at run time (from an Observable, a client, a recording): stream,
 * spike, rate, modulator and parameter inputs.
 *
 * @param input - an input spec
 * @returns whether it does
 */
export function takesValues(input: InputSpec): boolean {
  return input.kind === 'stream' || input.kind === 'spikes' || input.kind === 'rate' || input.kind === 'modulator' || input.kind === 'parameter';
}

/** The inputs into a group (all but modulators, which go to a projection's rule). */
export type GroupInputSpec = Exclude<InputSpec, ModulatorInputSpec>;

/**
 * The group an input goes into, or null for a modulator (which goes to a projection's rule).
 *
 * @param input - an input spec
 * @returns the group's name, or null
 */
export function inputGroup(input: InputSpec): string | null {
  return input.kind === 'modulator' ? null : input.group;
}
