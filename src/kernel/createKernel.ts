/**
 * The kernel: one network's state in typed arrays and its fused step function.
 *
 * `createKernel` allocates the state (membrane potentials, synaptic traces, spike and probe
 * buffers), draws the initial values, and compiles the step function that `kernelSource`
 * writes for this network. `run(n)` advances `n` steps with no allocation (the spike buffer
 * grows only when a block has more spikes than ever before) and leaves that block's spikes and
 * samples in the kernel's buffers, valid until the next `run`.
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel } from 'spikestream';
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1 });
 * kernel.run(100);                 // 10 ms
 * const { stepPtr, indices } = kernel.spikes(0); // spikes of group 0 in those 100 steps
 * ```
 * @module
 */
import type { BuiltNetwork } from './buildNetwork.js';
import type { IndexArray } from './csr.js';
import { kernelSource } from './kernelSource.js';
import { randomStream } from './random.js';
import { SimulationError } from './simulationError.js';

/** Options of {@link createKernel}. */
export interface KernelOptions {
  /** Time step, ms. */
  readonly dt: number;
  /** Most steps one `run` may advance (sizes the per-block buffers). Default 1000. */
  readonly maxBlock?: number;
}

/** A group's state inside the kernel. */
export interface KernelGroup {
  readonly name: string;
  readonly size: number;
  /** Membrane potentials, owned by the kernel and updated in place by `run`. */
  readonly V: Float64Array;
}

/** A projection's state inside the kernel. */
export interface KernelProjection {
  readonly name: string;
  /** Synaptic traces, one per postsynaptic neuron, owned by the kernel. */
  readonly s: Float64Array;
}

/** Spikes of one group over the last block, as compressed rows by step. */
export interface SpikeRows {
  /** Length `steps + 1`: the spikes of step `first + j` are `indices[stepPtr[j] .. stepPtr[j+1])`. */
  readonly stepPtr: Int32Array;
  /** Neuron indices, ascending within each step. */
  readonly indices: Int32Array;
}

/** A compiled, running network. */
export interface Kernel {
  readonly dt: number;
  readonly maxBlock: number;
  /** Steps completed so far. */
  readonly step: number;
  readonly groups: readonly KernelGroup[];
  readonly projections: readonly KernelProjection[];
  /** The generated step code, for inspection. */
  readonly source: string;
  /**
   * Advances `steps` steps (at most `maxBlock`).
   *
   * @returns the steps completed: fewer than asked only when a variable blew up, in which case
   * {@link Kernel.failure} says where; the buffers then hold the completed steps
   */
  run(steps: number): number;
  /** The blow-up that stopped the last `run`, if any. */
  readonly failure: SimulationError | null;
  /** Spikes of group `g` in the last block: views valid until the next `run`. */
  spikes(g: number): SpikeRows;
  /** Samples of probe `r` in the last block, `steps × indices` row-major: a view valid until the next `run`. */
  samples(r: number): Float64Array;
  /**
   * Sets stream input `k` (its index in `spec.inputs`): one value for all neurons or one per
   * neuron. It applies from the next step on.
   */
  setInput(k: number, value: number | ArrayLike<number>): void;
}

interface State {
  step: number;
  groups: { V: Float64Array; spikes: Int32Array; stepPtr: Int32Array }[];
  projections: { s: Float64Array }[];
  inputs: (Float64Array | null)[];
  probes: { indices: Int32Array; values: Float64Array }[];
  grow(g: number, need: number): Int32Array;
  fail(g: number, i: number, step: number, v: number): void;
}

type Factory = (S: State, C: readonly { rowPtr: Uint32Array; col: IndexArray }[]) => (n: number) => number;

const factories = new WeakMap<BuiltNetwork, Map<number, { source: string; factory: Factory }>>();

/** Compiles the step code once per (network, dt), so repeated runs reuse V8's optimized code. */
function compiled(net: BuiltNetwork, dt: number): { source: string; factory: Factory } {
  let byDt = factories.get(net);
  if (byDt === undefined) factories.set(net, (byDt = new Map()));
  let entry = byDt.get(dt);
  if (entry === undefined) {
    const source = kernelSource(net, dt);
    entry = { source, factory: new Function('S', 'C', source) as Factory };
    byDt.set(dt, entry);
  }
  return entry;
}

/**
 * Instantiates a built network: fresh state at step 0 and the compiled step.
 *
 * @param net - the built network (its synapses are shared, read-only, by every kernel)
 * @param options - time step and block size
 * @returns a kernel at step 0
 * @throws RangeError when dt makes forward Euler unstable for a time constant (dt ≥ 2τ)
 */
export function createKernel(net: BuiltNetwork, options: KernelOptions): Kernel {
  const { dt } = options;
  const maxBlock = options.maxBlock ?? 1000;
  if (!(Number.isFinite(dt) && dt > 0)) throw new RangeError(`createKernel: dt must be a finite number > 0, got ${dt}`);
  if (!(Number.isInteger(maxBlock) && maxBlock > 0)) throw new RangeError(`createKernel: maxBlock must be a whole number > 0, got ${maxBlock}`);
  // Forward Euler on x' = -x/τ multiplies x by (1 - dt/τ) each step: |1 - dt/τ| ≥ 1 diverges.
  for (const g of net.groups) {
    if (dt >= 2 * g.tau) throw new RangeError(`group "${g.name}": dt = ${dt} ms >= 2 tau = ${2 * g.tau} ms makes forward Euler unstable`);
  }
  for (const p of net.projections) {
    const tau = p.spec.synapse.tau;
    if (dt >= 2 * tau) throw new RangeError(`projection "${p.spec.name}": dt = ${dt} ms >= 2 tau = ${2 * tau} ms makes forward Euler unstable`);
  }

  const spec = net.spec;
  let failure: SimulationError | null = null;
  const state: State = {
    step: 0,
    groups: net.groups.map((g) => ({
      V: initialValues(spec.seed, g.name, g.size, g.v0),
      spikes: new Int32Array(g.size * Math.min(maxBlock, 8)),
      stepPtr: new Int32Array(maxBlock + 1),
    })),
    projections: net.projections.map((p) => ({ s: new Float64Array(net.groups[p.post]!.size) })),
    inputs: spec.inputs.map((input) => {
      if (input.kind !== 'stream') return null;
      const size = net.groups[net.groupIndex.get(input.group)!]!.size;
      return new Float64Array(size).fill(input.initial);
    }),
    probes: (spec.probes ?? []).map((probe) => ({
      indices: Int32Array.from(probe.indices),
      values: new Float64Array(maxBlock * probe.indices.length),
    })),
    grow(g, need) {
      const group = state.groups[g]!;
      const grown = new Int32Array(Math.max(need, group.spikes.length * 2));
      grown.set(group.spikes);
      group.spikes = grown;
      return grown;
    },
    fail(g, i, step, v) {
      const name = net.groups[g]!.name;
      failure = new SimulationError(
        `group "${name}": V of neuron ${i} became ${v} at step ${step} (t = ${+(step * dt).toFixed(6)} ms); ` +
          'the run was stopped (check time constants, weights and inputs)',
        name,
        'V',
        step,
        i,
      );
    },
  };
  const { source, factory } = compiled(net, dt);
  const step = factory(
    state,
    net.projections.map((p) => p.csr),
  );
  let lastSteps = 0;

  return {
    dt,
    maxBlock,
    get step() {
      return state.step;
    },
    groups: net.groups.map((g, i) => ({ name: g.name, size: g.size, V: state.groups[i]!.V })),
    projections: net.projections.map((p, i) => ({ name: p.spec.name, s: state.projections[i]!.s })),
    source,
    get failure() {
      return failure;
    },
    run(steps) {
      if (!(Number.isInteger(steps) && steps >= 0 && steps <= maxBlock)) {
        throw new RangeError(`Kernel.run: steps must be a whole number in [0, ${maxBlock}], got ${steps}`);
      }
      if (failure !== null) throw failure;
      lastSteps = step(steps);
      return lastSteps;
    },
    spikes(g) {
      const group = state.groups[g]!;
      const stepPtr = group.stepPtr.subarray(0, lastSteps + 1);
      return { stepPtr, indices: group.spikes.subarray(0, stepPtr[lastSteps]!) };
    },
    samples(r) {
      const probe = state.probes[r]!;
      return probe.values.subarray(0, lastSteps * probe.indices.length);
    },
    setInput(k, value) {
      const slot = state.inputs[k];
      if (slot == null) throw new RangeError(`Kernel.setInput: inputs[${k}] is not a stream input`);
      if (typeof value === 'number') slot.fill(value);
      else slot.set(value);
    },
  };
}

/** Draws a group's initial potentials from its own stream, `init:<group>.V`. */
function initialValues(seed: number, group: string, size: number, init: { kind: 'uniform'; low: number; high: number } | { kind: 'constant'; value: number }): Float64Array {
  const values = new Float64Array(size);
  if (init.kind === 'constant') return values.fill(init.value);
  const rng = randomStream(seed, `init:${group}.V`);
  const width = init.high - init.low;
  for (let i = 0; i < size; i++) values[i] = init.low + width * rng.float();
  return values;
}
