/**
 * Records a state variable of chosen neurons at every step: the membrane potential `V` of a
 * group, the recovery variable `u` of an Izhikevich group, the adaptation `w` of an AdEx
 * group, the gates `m`, `h`, `n` of a Hodgkin–Huxley group, any state variable of a group whose model is written as equations (`neuron`), by
 * name, or the trace `s` of a projection (per postsynaptic neuron).
 *
 * The kernel copies the values at the start of each step into a buffer; each frame carries
 * them in `frame.samples[name]` (a view valid until the next emission). Use
 * `recordSamples(name)` to collect a whole run.
 *
 * @example
 * ```ts
 * import { sampleState } from 'spikestream';
 * // in the pipe, after lif('E', ...):
 * sampleState('vE', { target: 'E', variable: 'V', indices: [0, 1, 2] });
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/** What a probe records. */
export interface SampleStateParams {
  /** A group name or a projection name. */
  readonly target: string;
  /**
   * `V` for a group, `s` for a projection; `u` (Izhikevich), `w` (AdEx), `m`, `h`, `n`
   * (Hodgkin–Huxley); for a `neuron` group,
   * any of its state variables by name (its first is also `V`).
   */
  readonly variable: string;
  /** Neurons to record, in the order their columns will have. */
  readonly indices: readonly number[];
}

/**
 * @param name - the probe's name, the key of its samples in each frame
 * @param params - target, variable and neurons
 * @returns an operator that adds the probe to a {@link Network}
 */
export function sampleState(name: string, params: SampleStateParams): (source: Observable<Frame>) => Network {
  return (source) =>
    asNetwork(source, `sampleState("${name}")`).extend(`probe "${name}"`, (spec) => ({
      ...spec,
      probes: [...(spec.probes ?? []), { name, target: params.target, variable: params.variable, indices: [...params.indices] }],
    }));
}
