/**
 * The COBA benchmark of Brette et al. 2007, with the parameters of BrainPy's version (which
 * adds a constant background current Ib so that the network needs no kick to start): 4,000
 * LIF neurons (3,200 E, 800 I), 5 ms refractory period, exponential conductances with reversal
 * potentials 0 mV (E) and −80 mV (I), p = 0.02.
 *
 * `τ dv/dt = −(v − El) + Ib + ge (Ee − v) + gi (Ei − v)` is a LIF group resting at El with
 * `I = Ib + Σ g·s·(E − V)`: Ib a constant input, each synapse kind an `expConductance`.
 */
import { asNetwork, expConductance, fixedProb, input, lif, network, uniform, type Clock, type Network } from '../../src/index.js';

/** The benchmark's parameters (mV, ms; conductances relative to the leak). */
export const cobaParams = {
  taum: 20,
  taue: 5,
  taui: 10,
  Vt: -50,
  Vr: -60,
  El: -60,
  Ee: 0,
  Ei: -80,
  Ib: 20,
  refractory: 5,
  we: 0.6,
  wi: 6.7,
  p: 0.02,
} as const;

/**
 * COBA on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms in the benchmark)
 * @param seed - seed of synapses and initial potentials
 */
export function coba(clock$: Clock, seed = 0): Network {
  const c = cobaParams;
  const neuron = { tau: c.taum, rest: c.El, threshold: c.Vt, reset: c.Vr, refractory: c.refractory, v0: uniform(c.Vr, c.Vt) };
  const excitatory = { connectivity: fixedProb(c.p), tau: c.taue, g: c.we, E: c.Ee };
  const inhibitory = { connectivity: fixedProb(c.p), tau: c.taui, g: c.wi, E: c.Ei };
  return asNetwork(
    clock$.pipe(
      network({ seed }),
      lif('E', { size: 3200, ...neuron }),
      lif('I', { size: 800, ...neuron }),
      expConductance('E2E', { pre: 'E', post: 'E', ...excitatory }),
      expConductance('E2I', { pre: 'E', post: 'I', ...excitatory }),
      expConductance('I2E', { pre: 'I', post: 'E', ...inhibitory }),
      expConductance('I2I', { pre: 'I', post: 'I', ...inhibitory }),
      input('E', c.Ib),
      input('I', c.Ib),
    ),
    'coba',
  );
}
