/**
 * The F–I curve of COBAHH's Traub–Miles neuron written as equations (examples/cobahh
 * `traubMilesNeuron`), as Brian2's example IF_curve_Hodgkin_Huxley draws one: `neurons`
 * neurons, neuron i driven by i·maxCurrent/(neurons − 1) pA, each spike one upward crossing of
 * −20 mV (threshold and refractory condition `v > -20`). With `countEveryStep`, the refractory
 * condition is left out, and every step spent above −20 mV counts as a spike: what the condition
 * is for.
 *
 * @example
 * ```ts
 * const { currents, rates } = await fiCurve({ neurons: 50, maxCurrent: 1000, duration: 1000 });
 * ```
 * @module
 */
import { lastValueFrom } from 'rxjs';
import { build, clock, network, neuron, perNeuron, recordSpikes } from '../../src/index.js';
import { traubMilesNeuron } from '../cobahh/network.js';

/** Options of {@link fiCurve}. */
export interface FiCurveOptions {
  readonly neurons: number;
  /** The last neuron's current, pA. */
  readonly maxCurrent: number;
  /** ms. */
  readonly duration: number;
  /** Leave the refractory condition out (every step above −20 mV a spike). */
  readonly countEveryStep?: boolean;
}

/**
 * @param options - neurons, currents, duration
 * @returns each neuron's current (pA) and rate (Hz), and the backend that ran them
 */
export async function fiCurve(options: FiCurveOptions): Promise<{ currents: number[]; rates: number[]; backend: string }> {
  const { neurons: n, maxCurrent, duration } = options;
  const currents = Array.from({ length: n }, (_, i) => (n === 1 ? maxCurrent : (i * maxCurrent) / (n - 1)));
  const params = traubMilesNeuron(n, perNeuron(currents));
  const group = neuron('H', options.countEveryStep === true ? { ...params, refractory: 0 } : params);
  const sim = build(clock({ dt: 0.1, duration }).pipe(network({ seed: 1 }), group));
  const record = await lastValueFrom(sim.pipe(recordSpikes()));
  const counts = new Array<number>(n).fill(0);
  for (const i of record.groups.H!.indices) counts[i]!++;
  return { currents, rates: counts.map((c) => c / (duration / 1000)), backend: sim.backend };
}
