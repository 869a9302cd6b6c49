/**
 * Adds a projection whose synapse kind is written as equations, as the built-in kinds are
 * defined (docs/models.md, "Synapse kinds of your own"; GeNN's postsynaptic models): the
 * variables each target neuron keeps, the one a spike adds its weight to, and what they do to
 * the neuron. An alpha-function conductance into a LIF group, which `expConductance` and
 * `dualExpCurrent` do not give:
 *
 * ```text
 * τ ds/dt = −s + h     τ dh/dt = −h     h[post] += w per spike     I_post += g·s·(E − v)
 * ```
 *
 * Each derivative is a sum of terms linear in one variable with constant coefficients: one
 * variable, or two where the second, which spikes go into, feeds the first. They step as their
 * target is integrated: exactly (two by their closed form) into a group integrated exactly,
 * else by forward Euler (always, with `method: 'euler'`). The effect is `I += G * s`,
 * `I += G * s * (E - v)` with `v` the target's membrane variable, or, for a synapse without
 * equations, a jump `x += G * s` of any state variable of the target. Mistakes are refused
 * before anything is built, with the field, line and column.
 *
 * @example
 * ```ts
 * import { clock, network, lif, postsynaptic, fixedProb } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 1000, tau: 20, rest: -60, threshold: -50, reset: -60, v0: -60 }),
 *   postsynaptic('E2E', {
 *     pre: 'E', post: 'E', connectivity: fixedProb(0.02),
 *     equations: 'ds/dt = -s / tau + h / tau\ndh/dt = -h / tau',
 *     spikesInto: 'h', effect: 'I += g * s * (E - v)',
 *     parameters: { tau: 2, g: 0.3, E: 0 },
 *   }),
 * );
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { addProjection, type ProjectionParams } from './addProjection.js';
import type { Network } from './network.js';

/** Parameters of a projection with a synapse kind of the user's own. */
export interface PostsynapticParams extends ProjectionParams {
  /** The variables per target neuron: `dx/dt = …` lines; the first is the trace `s` the effect reads. Empty for a jump. */
  readonly equations: string;
  /** The variable each spike adds its synapse's weight to (1 without `weight`). */
  readonly spikesInto: string;
  /** `I += G * s`, `I += G * s * (E - v)`, or (without equations) `x += G * s`. */
  readonly effect: string;
  /** The constants the expressions name, one number each. */
  readonly parameters?: Readonly<Record<string, number>>;
  /** `'euler'`: forward Euler always; absent: as the target is integrated (exactly or by forward Euler). */
  readonly method?: 'euler';
}

/**
 * @param name - the projection's name, unique in the network (it keys its random stream)
 * @param params - endpoints, connectivity, and the synapse's definition
 * @returns an operator that adds the projection to a {@link Network}
 * @throws SpecError (when applied) naming the field, line and column of what is wrong
 */
export function postsynaptic(name: string, params: PostsynapticParams): (source: Observable<Frame>) => Network {
  return (source) =>
    addProjection(source, name, params, {
      kind: 'postsynaptic',
      equations: params.equations,
      spikesInto: params.spikesInto,
      effect: params.effect,
      parameters: params.parameters ?? {},
      ...(params.method === undefined ? {} : { method: params.method }),
    });
}
