/**
 * A kernel's arrays at step 0, made in one place for one thread and for several: potentials,
 * traces, input slots, refractory counters, generator states, rise variables, Poisson
 * inputs' states, and the state of models in the equation language. In
 * WebAssembly they then move into the instance's memory (`wasmState`) and the kernel keeps
 * views of them.
 *
 * @example
 * ```ts
 * const arrays = kernelArrays(net, 0.1, net.v0.map(sharedCopyOf), { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n) });
 * ```
 * @module
 */
import type { BuiltNetwork } from './builtNetwork.js';
import type { NetworkSpec } from '../../model/networkSpec.js';
import {
  groupStreams,
  initialRises,
  initialTraces,
  neuronArrays,
  poissonInputStates,
  refractoryCounters,
  type NeuronArrays,
} from './initialState.js';
import { synapseState, type SynapseState } from '../synapses/synapseState.js';

/** The kernel's arrays at step 0 (see the module). */
export interface KernelArrays {
  V: Float64Array[];
  traces: Float64Array[];
  /** Per input, a stream input's values, a spike input's slot (kept in JavaScript, see writeSpikes), or null. */
  streams: (Float64Array | Int32Array | null)[];
  held: Int32Array[];
  /** Per group, its neurons' generator states (see `groupStreams`), empty for a model that does not draw. */
  rng: Int32Array[];
  /** Per projection, a dual exponential's rise variables (see `initialRises`), empty for other kinds. */
  rises: Float64Array[];
  /** Per input, a Poisson input's generator states (see `poissonInputStates`), or null. */
  poissonIn: (Int32Array | null)[];
  /** Per group, a model's other state variables (Izhikevich's u, AdEx's w, a user's) and per-neuron parameters (see `neuronArrays`). */
  models: NeuronArrays[];
  /** Per projection, its weights, per-synapse delays and rule's traces (see `synapseState`). */
  synapses: SynapseState[];
}

/**
 * The slots of a kernel's spike inputs, which it empties after each run (injected spikes are
 * for the first step of the run that follows their setting).
 *
 * @param arrays - the kernel's arrays
 * @param net - its network
 * @returns the slots
 */
export function spikeSlots(arrays: KernelArrays, net: BuiltNetwork): Int32Array[] {
  return net.spec.inputs.flatMap((input, k) => (input.kind === 'spikes' ? [arrays.streams[k] as Int32Array] : []));
}

/** Makes zeroed arrays for the inputs' slots: plain on one thread, shared (and apart) on several. */
export interface SlotAlloc {
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
}

/**
 * @param net - the built network
 * @param dt - the time step, ms
 * @param V - the potentials at step 0, one array per group (copies the kernel may change)
 * @param slot - how an input's slot is allocated
 * @returns the arrays
 */
export function kernelArrays(net: BuiltNetwork, dt: number, V: Float64Array[], slot: SlotAlloc): KernelArrays {
  const spec = net.spec;
  return {
    V,
    traces: initialTraces(spec),
    streams: spec.inputs.map((input) => {
      // A modulator's slot: its one value.
      if (input.kind === 'modulator') return slot.f64(1).fill(input.initial);
      // A parameter input's slot: its one value, the parameter's own until set; a rate input's,
      // its Poisson group's `rate`, the group's own until set.
      if (input.kind === 'parameter') return slot.f64(1).fill(input.initial ?? parameterValue(spec, input.group, input.parameter));
      if (input.kind === 'rate') return slot.f64(1).fill(startRate(spec, input.group));
      const size = net.groups[net.groupIndex.get(input.group)!]!.size;
      // A spike input's slot: the count, then the neurons (see writeSpikes).
      if (input.kind === 'spikes') return slot.i32(size + 1);
      if (input.kind !== 'stream') return null;
      return slot.f64(size).fill(input.initial);
    }),
    held: net.groups.map(refractoryCounters),
    rng: net.groups.map((g) => groupStreams(spec.seed, g)),
    rises: initialRises(spec),
    poissonIn: poissonInputStates(spec.seed, spec.inputs, new Map(net.groups.map((g) => [g.name as string, g.size as number]))),
    models: net.groups.map((g, gi) => neuronArrays(spec.seed, g, V[gi]!, dt)),
    synapses: net.projections.map((_, pi) => synapseState(net, pi, dt)),
  };
}

/** The number a `neuron` group gives a parameter (0 where it gives none: the checks refuse that). */
function parameterValue(spec: NetworkSpec, group: string, parameter: string): number {
  const g = spec.groups.find((x) => x.name === group);
  const value = g?.kind === 'neuron' ? g.parameters?.[parameter] : undefined;
  return typeof value === 'number' ? value : 0;
}

/** The rate a Poisson group starts at, Hz: its own `rate`, until its rate input's first value. */
function startRate(spec: NetworkSpec, group: string): number {
  const g = spec.groups.find((x) => x.name === group);
  return g?.kind === 'poisson' ? g.rate : 0;
}
