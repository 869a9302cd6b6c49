/**
 * Probe specs: state variables recorded by the kernel at the start of every step.
 *
 * `target` names a group (variable `V`) or a projection (variable `s`, its trace on the
 * postsynaptic side, or another variable of its synapse by name, such as `h`); `indices` are the
 * neurons to record, in the order given.
 *
 * @example
 * ```ts
 * import { probeSpec } from 'spikestream';
 * probeSpec.decode({ name: 'vE', target: 'E', variable: 'V', indices: [0, 1, 2] });
 * ```
 * @module
 */
import * as t from 'io-ts';
import { name, nonNegativeInt, positiveInt } from './brands.js';
import { strict } from './strict.js';

/** A state variable sampled for chosen neurons. */
export const probeSpec = strict(
  {
    name,
    target: name,
    /** `V` or `s`; `u` of an Izhikevich group, `w` of an AdEx group, `m`, `h`, `n` of a Hodgkin–Huxley group; for a group of a model written as equations, any of its state variables; for a projection, its synapse's variables by name too (`h` of a dual exponential). */
    variable: name,
    indices: t.readonlyArray(nonNegativeInt),
  },
  'ProbeSpec',
);
/** A validated probe. */
export type ProbeSpec = t.TypeOf<typeof probeSpec>;

/**
 * A projection's weights sampled every `every` steps: at step 0 and at each multiple of `every`
 * the run reaches, the weights at the start of that step (after the steps before it), of the
 * synapses `synapses` (indices in row order; all when omitted: 8 bytes each per sample).
 */
export const weightProbeSpec = strict(
  { name, projection: name, every: positiveInt },
  'WeightProbeSpec',
  { synapses: t.readonlyArray(nonNegativeInt) },
);
/** A validated weight probe. */
export type WeightProbeSpec = t.TypeOf<typeof weightProbeSpec>;
