/**
 * Song, Miller & Abbott 2000 (Nat. Neurosci. 3:919), as Brian2's example `synapses/STDP.py`
 * writes it: 1,000 Poisson inputs at 15 Hz onto one conductance-based LIF neuron, all to all,
 * additive pair STDP with depression slightly stronger than potentiation. Over 100 s the
 * weights split into two groups, near 0 and near w_max, and the neuron's rate settles: the
 * rule's competition between the inputs.
 *
 * The units are Brian2's (mV, ms, dimensionless conductance): `dv/dt = (ge·(Ee − v) + El − v)/τm`
 * is a LIF group with rest El and an `expConductance` projection with g = 1, E = Ee.
 *
 * @example
 * ```ts
 * import { clock } from 'spikestream';
 * import { song2000 } from './network.js';
 * const sim = song2000(clock({ dt: 0.1, duration: 100_000 }), { seed: 1 }).build();
 * ```
 * @module
 */
import { allToAll, asNetwork, expConductance, lif, network, pairStdp, poissonGroup, sampleWeights, uniform, type Clock, type Network } from '../../src/index.js';

/** The parameters of the model, as in Brian2's example. */
export const params = {
  N: 1000,
  /** ms */
  taum: 10,
  taupre: 20,
  taupost: 20,
  taue: 5,
  /** mV */
  Ee: 0,
  vt: -54,
  vr: -60,
  El: -74,
  /** Hz */
  F: 15,
  gmax: 0.01,
  /** dApre = 0.01·gmax; dApost = −dApre·taupre/taupost·1.05 */
  dApre: 0.01 * 0.01,
  dApost: -0.01 * (20 / 20) * 1.05 * 0.01,
} as const;

/** Options of {@link song2000}. */
export interface Song2000Options {
  readonly seed: number;
  /** Steps between weight samples (default 10,000: every second at dt = 0.1 ms). */
  readonly sampleEvery?: number;
}

/**
 * @param clock$ - the clock (Brian2's example: dt = 0.1 ms, 100 s)
 * @param options - seed and sampling
 * @returns the network, with a weight probe `w` on every input synapse
 */
export function song2000(clock$: Clock, options: Song2000Options): Network {
  const p = params;
  const net$ = clock$.pipe(
    network({ seed: options.seed }),
    poissonGroup('input', { size: p.N, rate: p.F }),
    // Brian2's NeuronGroup starts v at 0 mV: above threshold, so the neuron spikes at once.
    lif('neuron', { size: 1, tau: p.taum, rest: p.El, threshold: p.vt, reset: p.vr, v0: 0 }),
    expConductance('S', {
      pre: 'input',
      post: 'neuron',
      connectivity: allToAll(),
      tau: p.taue,
      g: 1,
      E: p.Ee,
      weight: uniform(0, p.gmax),
      plasticity: pairStdp({ taupre: p.taupre, taupost: p.taupost, Apre: p.dApre, Apost: p.dApost, wmax: p.gmax }),
    }),
    sampleWeights('w', { projection: 'S', every: options.sampleEvery ?? 10_000 }),
  );
  return asNetwork(net$, 'song2000');
}
