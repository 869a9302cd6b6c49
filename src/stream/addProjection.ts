/**
 * The common path of the projection operators (`expCurrent`, `expConductance`,
 * `dualExpCurrent`, `delta`): one projection spec from the endpoints, connectivity and delay they
 * all take, plus the synapse each describes, validated as the network is extended.
 *
 * @example
 * ```ts
 * // inside an operator:
 * return addProjection(source, name, params, { kind: 'expCurrent', tau: params.tau, g: params.g });
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Initializer } from '../model/groupSpec.js';
import type { ConnectivitySpec, PlasticitySpec } from '../model/projectionSpec.js';
import type { Frame } from './frame.js';
import { asInitializer } from '../model/initializer.js';
import { asNetwork, type Network } from './network.js';

/** What every projection operator takes. */
export interface ProjectionParams {
  /** Presynaptic group name. */
  readonly pre: string;
  /** Postsynaptic group name. */
  readonly post: string;
  /** Which pairs are connected, e.g. `fixedProb(0.25)`. */
  readonly connectivity: ConnectivitySpec;
  /** Synaptic delay, ms (a whole number of steps). Default 0: the next step's input sees a spike. */
  readonly delay?: number;
  /** Initial trace of each target neuron, in spikes: a number or an initializer. Default 0. */
  readonly s0?: number | Initializer;
  /**
   * Each synapse's weight, what its spikes add to the trace: a number or an initializer drawn per
   * synapse in row order (e.g. `lognormal(-1, 0.5)`). Default: each spike adds 1 (the trace
   * counts spikes and `g` scales them).
   */
  readonly weight?: number | Initializer;
  /** Each synapse's delay, ms, drawn per synapse (rounded to whole steps); in place of `delay`. */
  readonly delays?: number | Initializer;
  /** A learning rule, e.g. `pairStdp({ … })` (see `PlasticitySpec`): the weights change as it runs. */
  readonly plasticity?: PlasticitySpec;
}

/**
 * Extends `source` with a projection.
 *
 * @param source - the network so far
 * @param name - the projection's name
 * @param params - endpoints, connectivity and delay
 * @param synapse - the synapse model, as plain data
 * @returns the extended network
 * @throws SpecError naming the field that is wrong
 */
export function addProjection(source: Observable<Frame>, name: string, params: ProjectionParams, synapse: { readonly kind: string; readonly [field: string]: unknown }): Network {
  const projection = {
    name,
    pre: params.pre,
    post: params.post,
    connectivity: params.connectivity,
    ...(params.delay === undefined ? {} : { delay: params.delay }),
    ...(params.s0 === undefined ? {} : { s0: asInitializer(params.s0) }),
    ...(params.weight === undefined ? {} : { weight: asInitializer(params.weight) }),
    ...(params.delays === undefined ? {} : { delays: asInitializer(params.delays) }),
    ...(params.plasticity === undefined ? {} : { plasticity: params.plasticity }),
    synapse,
  };
  return asNetwork(source, `${synapse.kind}("${name}")`).extend(`projection "${name}" (${synapse.kind})`, (spec) => ({
    ...spec,
    projections: [...spec.projections, projection],
  }));
}
