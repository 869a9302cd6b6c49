/**
 * Which state variable of its target group a delta projection's spikes jump: the one place
 * that reads a delta synapse's `target`, for the checks and for both lowerings.
 *
 * Without `target` a jump goes into the membrane variable, for every group kind. With it, the
 * target group must be a model in the equation language (a `neuron` group, or a built-in kind
 * that is one: `lif`, `izhikevich`, `adex`, `hh`) and `target` one of its state variables, as Brian2's
 * `on_pre='ge_post += w'` names a variable of the postsynaptic group. The name is only ever
 * looked up; no text of it reaches generated code.
 *
 * @example
 * ```ts
 * import { jumpTargetOf } from './jumpTarget.js';
 * jumpTargetOf(cobaGroup, 'ge'); // { state: 1 } where the group's states are ['v', 'ge', 'gi']
 * jumpTargetOf(cobaGroup, 'gx'); // { message: 'group "E" has no state variable "gx" (…)' }
 * ```
 * @module
 */
import type { GroupSpec } from './groupSpec.js';
import { modelGroupOf } from './library/modelGroupOf.js';
import { checkedModelOf } from './modelOf.js';

/**
 * The index of the state variable a jump goes into, in the order of the group's model's states
 * (0: the membrane variable), or what is wrong with `target`.
 *
 * @param post - the projection's target group
 * @param target - the delta synapse's `target`, or undefined for the membrane variable
 * @returns `{ state }`, or `{ message }` naming the group and the variables it has
 */
export function jumpTargetOf(post: GroupSpec, target: string | undefined): { state: number } | { message: string } {
  if (target === undefined) return { state: 0 };
  const checked = checkedModelOf(modelGroupOf(post));
  // A model with issues is reported where it is defined; nothing more is said here.
  if ('issues' in checked) return { state: 0 };
  const state = checked.model.states.indexOf(target);
  if (state < 0) return { message: `group "${post.name}" has no state variable "${target}" (state variables: ${checked.model.states.join(', ')})` };
  return { state };
}

/**
 * The state a checked delta projection jumps (see {@link jumpTargetOf}).
 *
 * @param post - the target group
 * @param target - the synapse's `target`
 * @returns the state's index
 * @throws RangeError for a target that the checks refuse (a spec that skipped them)
 */
export function jumpedState(post: GroupSpec, target: string | undefined): number {
  const found = jumpTargetOf(post, target);
  if ('message' in found) throw new RangeError(`jumpedState: ${found.message}`);
  return found.state;
}
