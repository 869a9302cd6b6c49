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
import type { ConnectivitySpec } from '../model/projectionSpec.js';
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
    synapse,
  };
  return asNetwork(source, `${synapse.kind}("${name}")`).extend(`projection "${name}" (${synapse.kind})`, (spec) => ({
    ...spec,
    projections: [...spec.projections, projection],
  }));
}
