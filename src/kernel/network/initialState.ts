/**
 * A group's state at step 0: initial potentials drawn from the group's own seeded stream, and
 * refractory counters at zero. Every kernel (one thread or several) starts from these.
 *
 * @example
 * ```ts
 * const V = initialValues(spec.seed, 'E', 8000, { kind: 'uniform', low: 0, high: 15 });
 * ```
 * @module
 */
import { randomCalls } from '../../model/expr/randomCalls.js';
import type { GroupSpec, Initializer } from '../../model/groupSpec.js';
import { asInitializer } from '../../model/initializer.js';
import type { NetworkSpec } from '../../model/networkSpec.js';
import { countsRefractory } from '../../model/refractoryPeriod.js';
import { sharedBuffer } from '../numeric/sharedBuffer.js';
import { timestep } from '../../model/timestep.js';
import { randomStream, seedState, streamKey, subKey, type Xoshiro128 } from '../numeric/random.js';
import { modelConstants, modelOf, perNeuronParameters } from '../../model/modelOf.js';
import type { ModelGroup } from '../../model/library/modelGroup.js';
import { fold } from '../../model/expr/fold.js';
import { KERNEL_FUNCTIONS } from '../numeric/kernelFunctions.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { projectionTraces } from '../../model/library/synapseTraces.js';

/** Steps left in each neuron's refractory period (all 0 at the start), in shared memory. */
export function refractoryCounters(g: GroupSpec): Int32Array {
  return new Int32Array(sharedBuffer(countsRefractory(g) ? 4 * g.size : 0));
}

/**
 * Draws the initial values of a variable from its own stream, `init:<owner>.<variable>`, in
 * shared memory.
 *
 * @param seed - the network seed
 * @param owner - the group (or projection) the variable belongs to
 * @param size - the number of values
 * @param init - how they start
 * @param variable - the variable's name (default `V`)
 * @returns the values
 */
export function initialValues(seed: number, owner: string, size: number, init: Initializer, variable = 'V'): Float64Array {
  const values = new Float64Array(sharedBuffer(8 * size));
  if (init.kind === 'values') {
    values.set(init.values);
    return values;
  }
  drawValues(init, randomStream(seed, `init:${owner}.${variable}`), size, values);
  return values;
}

/**
 * Draws `n` values of an initializer (all kinds but `values`, which is a list) from `rng` into
 * `out[0..n)`: uniform, normal and lognormal by Box–Muller (both values of each pair used; 1 − u
 * keeps the logarithm finite), a constant as it is. Every draw of an initial value or a
 * per-synapse value goes through here.
 *
 * @param init - the initializer
 * @param rng - the stream to draw from
 * @param n - how many
 * @param out - where they go
 */
export function drawValues(init: Exclude<Initializer, { kind: 'values' }>, rng: Xoshiro128, n: number, out: Float64Array | Float32Array): void {
  if (init.kind === 'constant') {
    out.fill(init.value, 0, n);
    return;
  }
  if (init.kind === 'uniform') {
    const width = init.high - init.low;
    for (let i = 0; i < n; i++) out[i] = init.low + width * rng.float();
    return;
  }
  const [mean, sd] = init.kind === 'normal' ? [init.mean, init.sd] : [init.mu, init.sigma];
  const shape = init.kind === 'lognormal' ? Math.exp : (x: number): number => x;
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.float()));
    const a = 2 * Math.PI * rng.float();
    out[i] = shape(mean + sd * r * Math.cos(a));
    if (i + 1 < n) out[i + 1] = shape(mean + sd * r * Math.sin(a));
  }
}

/**
 * Every group's membrane potentials at step 0: drawn with {@link initialValues} from its `v0`,
 * zeros for a Poisson group (which has none). `buildNetwork` draws them once, as `v0`.
 *
 * @param spec - the network spec
 * @returns per group, its potentials, in shared memory
 */
export function initialPotentials(spec: NetworkSpec): Float64Array[] {
  return spec.groups.map((g) => {
    if (g.kind === 'poisson') return new Float64Array(sharedBuffer(8 * g.size));
    // A model's first state variable is the group's V, drawn from the same stream as a built-in's.
    if (g.kind === 'neuron') return initialValues(spec.seed, g.name, g.size, asInitializer(g.initial?.[modelOf(g).states[0]!] ?? 0));
    return initialValues(spec.seed, g.name, g.size, g.v0);
  });
}

/** A model's state beyond V and its per-neuron parameters (empty for other kinds). */
export interface NeuronArrays {
  /** The state variables after the first, in the model's order. */
  readonly vars: Float64Array[];
  /** The parameters given as initializers, in the spec's order. */
  readonly params: Float64Array[];
}

/**
 * The state variables after the first of a model (a `neuron` group or a built-in kind's
 * definition, see `modelGroupOf`) at step 0 — from its `initial` (default 0), or from each
 * neuron's V0 by the definition's rule (Izhikevich's `u = b · v0`) — and the values of its
 * parameters that differ between neurons, each from its own stream (`init:<group>.<name>`), in
 * shared memory.
 *
 * @param seed - the network seed
 * @param g - the group
 * @param V - its initial potentials
 * @returns its arrays (empty lists for other kinds)
 */
export function neuronArrays(seed: number, g: GroupSpec, V: Float64Array, dt: number): NeuronArrays {
  const model = modelGroupOf(g);
  const states = modelOf(model).states;
  const startOf = model.startOf;
  const vars = states.slice(1).map((name, j) => {
    if (model.steady?.includes(name) === true) return steadyStates(model, j + 1, V, dt);
    if (startOf === undefined) return initialValues(seed, g.name, g.size, asInitializer(model.initial?.[name] ?? 0), name);
    const values = new Float64Array(sharedBuffer(8 * g.size));
    for (let i = 0; i < g.size; i++) values[i] = startOf(j + 1, V[i]!);
    return values;
  });
  const params = perNeuronParameters(model).map(([name, init]) => initialValues(seed, g.name, g.size, init, name));
  return { vars, params };
}

/**
 * State variable k of a model at its steady state for each neuron's V0: x∞ = −a/b of its linear
 * parts `a + b·x`, folded with the kernel's functions (so that it is the value the step relaxes
 * towards) with V at V0 and the parameters' one values.
 */
function steadyStates(model: ModelGroup, k: number, V: Float64Array, dt: number): Float64Array {
  const checked = modelOf(model);
  const parts = checked.linear[k];
  const constants = modelConstants(model, dt);
  const values = new Float64Array(sharedBuffer(8 * model.size));
  for (let i = 0; i < model.size; i++) {
    constants.set(checked.states[0]!, V[i]!);
    const a = parts?.a === null ? 0 : parts?.a === undefined ? null : fold(parts.a, constants, KERNEL_FUNCTIONS);
    const b = parts?.b == null ? null : fold(parts.b, constants, KERNEL_FUNCTIONS);
    if (a === null || b === null) throw new Error(`initial state: "${checked.states[k]}" of group "${model.name}" has no steady state of V and one-value parameters`);
    values[i] = -a / b;
  }
  return values;
}

/**
 * How many arrays {@link neuronArrays} makes for a group: its state variables after the first,
 * and its parameters given as initializers (0 and 0 for other kinds).
 *
 * @param g - the group
 * @returns the counts
 */
export function neuronArrayCounts(g: GroupSpec): { vars: number; params: number } {
  const model = modelGroupOf(g);
  return { vars: modelOf(model).states.length - 1, params: perNeuronParameters(model).length };
}

/**
 * The generator states of a group's neurons, 4 int32 words each, when its model draws (see
 * {@link drawsRandom}): substream i of `<streams>:<group>` for neuron i, where `streams` is the
 * definition's (`poisson` for a Poisson group, see `ModelGroup.streams`) or `noise`; empty
 * otherwise.
 *
 * @param seed - the network seed
 * @param g - the group
 * @returns the states, in shared memory
 */
export function groupStreams(seed: number, g: GroupSpec): Int32Array {
  if (!drawsRandom(g)) return new Int32Array(0);
  return perNeuronStreams(seed, `${modelGroupOf(g).streams ?? 'noise'}:${g.name}`, g.size);
}

/**
 * Whether a group draws random numbers: a `neuron` group whose model has white noise (`xi`) or
 * calls `rand()` or `randn()` in its threshold or reset.
 *
 * @param g - the group
 * @returns true when it keeps a generator per neuron
 */
export function drawsRandom(g: GroupSpec): boolean {
  const model = modelOf(modelGroupOf(g));
  return model.noise.some((n) => n !== null) || randomCalls(model.threshold, ...model.reset.map((r) => r.value)).length > 0;
}

/** One generator state per neuron, 4 words each, substream i of `name` for neuron i. */
function perNeuronStreams(seed: number, name: string, size: number): Int32Array {
  const states = new Int32Array(sharedBuffer(16 * size));
  const key = streamKey(seed, name);
  for (let i = 0; i < size; i++) seedState(subKey(key, i), states.subarray(4 * i, 4 * i + 4));
  return states;
}

/**
 * A copy of `values` in shared memory, for a kernel to change.
 *
 * @param values - the values
 * @returns the copy
 */
export function sharedCopyOf(values: Float64Array): Float64Array {
  const copy = new Float64Array(sharedBuffer(values.byteLength));
  copy.set(values);
  return copy;
}

/**
 * The initial traces of every projection, from `s0` (default 0), in shared memory.
 *
 * @param spec - the network spec
 * @returns one array per projection, the size of its post group
 */
export function initialTraces(spec: NetworkSpec): Float64Array[] {
  const sizes = new Map(spec.groups.map((g) => [g.name as string, g.size as number]));
  return spec.projections.map((p) => {
    const size = sizes.get(p.post)!;
    return p.s0 === undefined ? new Float64Array(sharedBuffer(8 * size)) : initialValues(spec.seed, p.name, size, p.s0, 's');
  });
}

/**
 * The second variables h of the projections whose synapse has two (a dual exponential's rise
 * variable, which spikes go into and which feeds the trace s), at step 0: zeros, in shared memory.
 *
 * @param spec - the network spec
 * @returns one array per projection, the size of its post group where it has h, else empty
 */
export function initialRises(spec: NetworkSpec): Float64Array[] {
  const sizes = new Map(spec.groups.map((g) => [g.name as string, g.size as number]));
  return spec.projections.map((p, pi) => new Float64Array(sharedBuffer(projectionTraces(spec, pi).variables.length > 1 ? 8 * sizes.get(p.post)! : 0)));
}

/**
 * A timed input in the kernel: its change steps and values, and `now` = [next change, value]. An
 * input of spike times has the same shape: its spikes' steps (ascending) and neurons (ascending
 * within a step), and `now[0]` the next spike not yet merged.
 */
export interface TimedInput {
  readonly steps: Int32Array;
  readonly values: Float64Array;
  readonly now: Float64Array;
}

/**
 * The kernel's slots of timed inputs and inputs of spike times (null for other kinds), at step
 * 0: no change applied yet, value 0; no spike merged yet.
 *
 * @param inputs - the spec's inputs
 * @param dt - the time step, ms (the change times are whole steps; spike times are counted as
 *   Brian2's `timestep` counts them)
 * @returns one slot per input
 */
export function timedInputs(inputs: NetworkSpec['inputs'], dt: number): (TimedInput | null)[] {
  return inputs.map((input) => {
    if (input.kind === 'spikeTimes') {
      const order = input.times.map((t, j) => ({ step: timestep(t, dt), neuron: input.indices[j]! }));
      order.sort((a, b) => a.step - b.step || a.neuron - b.neuron);
      return { steps: Int32Array.from(order, (o) => o.step), values: Float64Array.from(order, (o) => o.neuron), now: new Float64Array(2) };
    }
    return input.kind !== 'timed'
      ? null
      : {
          steps: Int32Array.from(input.times, (t) => Math.round(t / dt)),
          values: Float64Array.from(input.values),
          now: new Float64Array(2),
        };
  });
}

/**
 * The generator states of Poisson inputs, 4 int32 words per neuron of the target group, from the
 * stream `input:<index>` (substream i for neuron i); null for other inputs.
 *
 * @param seed - the network seed
 * @param inputs - the spec's inputs
 * @param sizes - group size by name
 * @returns one state array (or null) per input
 */
export function poissonInputStates(seed: number, inputs: NetworkSpec['inputs'], sizes: ReadonlyMap<string, number>): (Int32Array | null)[] {
  return inputs.map((input, k) => {
    if (input.kind !== 'poisson') return null;
    const size = sizes.get(input.group)!;
    const states = new Int32Array(sharedBuffer(16 * size));
    const key = streamKey(seed, `input:${k}`);
    for (let i = 0; i < size; i++) seedState(subKey(key, i), states.subarray(4 * i, 4 * i + 4));
    return states;
  });
}
