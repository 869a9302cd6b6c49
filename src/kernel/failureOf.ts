/**
 * The error of a failure code a kernel reported: a group's state variable (code group +
 * groups · variable, see `neuronSource`) or a learning rule's (see `synapseSource`), on one
 * thread or several.
 *
 * @example
 * ```ts
 * failureOf(net, code, i, step, value, dt); // SimulationError: group "E": V of neuron 3 became NaN …
 * ```
 * @module
 */
import type { BuiltNetwork } from './network/builtNetwork.js';
import { failedVariable } from './js/neuronSource.js';
import { blowUp, ruleBlowUp, type SimulationError } from './simulationError.js';
import { failedRuleVariable, RULE_CODES } from './js/synapseSource.js';

/**
 * @param net - the built network
 * @param code - the failure code
 * @param index - the neuron, or a rule's synapse
 * @param step - the step
 * @param value - the value it took
 * @param dt - the time step, ms
 * @returns the error
 */
export function failureOf(net: BuiltNetwork, code: number, index: number, step: number, value: number, dt: number): SimulationError {
  if (code >= RULE_CODES) {
    const { projection, variable, perSynapse } = failedRuleVariable(net, code);
    return ruleBlowUp(net.projections[projection]!.spec.name, index, step, value, dt, variable, perSynapse);
  }
  const { group, variable } = failedVariable(net.groups, code);
  return blowUp(net.groups[group]!.name, index, step, value, dt, variable);
}

/**
 * Which of two failures one thread would have reported: the first group's (a rule's after every
 * group's, the first projection's first), then the lowest index.
 *
 * @param net - the built network
 * @param code - a failure code
 * @returns its rank: lower comes first
 */
export function failureRank(net: BuiltNetwork, code: number): number {
  if (code >= RULE_CODES) return net.groups.length + ((code - RULE_CODES) % net.projections.length);
  return failedVariable(net.groups, code).group;
}
