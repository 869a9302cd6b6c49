/**
 * Sets a learning rule's modulator at run time: each value of `value$` holds from the next step
 * on, `initial` until the first. The third factor of a three-factor rule (reward, dopamine) from
 * a closed loop, a task or a client over the wire (`spikestream serve`).
 *
 * @example
 * ```ts
 * import { BehaviorSubject } from 'rxjs';
 * import { expCurrent, fixedProb, modulatedStdp, modulatorInput } from 'spikestream';
 * const reward$ = new BehaviorSubject(0);
 * // in the pipe:
 * expCurrent('PN', { pre: 'P', post: 'N', connectivity: fixedProb(1), tau: 5, g: 1, weight: 0.5,
 *   plasticity: modulatedStdp({ Apre: 0.01, Apost: -0.0105, wmax: 1 }) });
 * modulatorInput('PN', 'M', reward$);
 * reward$.next(1); // learning on, from the next step
 * ```
 * @module
 */
import type { Observable } from 'rxjs';
import type { Frame } from './frame.js';
import { asNetwork, type Network } from './network.js';

/**
 * @param projection - a projection with a learning rule
 * @param modulator - a name in its rule's `modulators`
 * @param value$ - the modulator's values
 * @param initial - its value until the first (default 0)
 * @returns an operator that adds the input (`{kind: "modulator", projection, modulator, initial}`) to a {@link Network}
 */
export function modulatorInput(projection: string, modulator: string, value$: Observable<number>, initial = 0): (source: Observable<Frame>) => Network {
  return (source) =>
    asNetwork(source, `modulatorInput("${projection}", "${modulator}")`).extend(
      `modulator "${modulator}" of "${projection}"`,
      (s) => ({ ...s, inputs: [...s.inputs, { kind: 'modulator', projection, modulator, initial }] }),
      value$,
    );
}
