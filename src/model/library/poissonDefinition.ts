/**
 * The built-in Poisson source kind as a definition in the equation language.
 *
 * @example
 * ```ts
 * import { poissonDefinition } from './poissonDefinition.js';
 * poissonDefinition({ kind: 'poisson', name: 'P', size: 1000, rate: 15 }).threshold;
 * // 'rand() < floor(rate * dt / 1000 * 2147483648) / 2147483648'
 * ```
 * @module
 */
import type { PoissonGroupSpec } from '../groupSpec.js';
import type { ModelGroup } from './modelGroup.js';

/**
 * Each neuron spikes at a step with probability rate·dt, a Bernoulli trial per neuron and step
 * from its own generator (Brian2's PoissonGroup): `rand() < P / 2³¹` with P = ⌊rate·dt·2³¹⌋
 * (`poissonThreshold`), so that the spike test is the top 31 bits of the draw below P, as the
 * kind has always drawn it (rand() is r/2³², and r/2³² < P/2³¹ holds exactly when ⌊r/2⌋ < P).
 * V stays 0. The generators are the kind's own stream, `poisson:<group>`. A rate input sets
 * `rate` at run time (see `parameterInputs`).
 *
 * @param g - a Poisson group
 * @returns its definition
 */
export function poissonDefinition(g: PoissonGroupSpec): ModelGroup {
  return {
    kind: 'neuron',
    name: g.name,
    size: g.size,
    equations: 'dv/dt = 0 : 1',
    threshold: 'rand() < floor(rate * dt / 1000 * 2147483648) / 2147483648',
    parameters: { rate: g.rate },
    streams: 'poisson',
  };
}
