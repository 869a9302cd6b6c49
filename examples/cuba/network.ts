/**
 * The CUBA benchmark of Brette et al. 2007 (J. Comput. Neurosci. 23:349), as in Brian2's and
 * BrainPy's example sets: 4,000 LIF neurons (3,200 E, 800 I) with a 5 ms refractory period,
 * exponential current synapses, p = 0.02.
 *
 * Brian2 writes `dv/dt = (ge + gi − (v − El)) / taum` with `ge += we` per spike; here that is
 * `τ dV/dt = −(V − rest) + Σ g·s` with rest = El, each synapse kind a trace s with g = we or wi.
 * Potentials in mV, time in ms.
 */
import { asNetwork, expCurrent, fixedProb, lif, network, uniform, type Clock, type Network } from '../../src/index.js';

/** The benchmark's parameters (mV, ms). */
export const cubaParams = {
  taum: 20,
  taue: 5,
  taui: 10,
  Vt: -50,
  Vr: -60,
  El: -49,
  refractory: 5,
  we: (60 * 0.27) / 10,
  wi: (-20 * 4.5) / 10,
  p: 0.02,
} as const;

/**
 * CUBA on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms in the benchmark)
 * @param seed - seed of synapses and initial potentials
 */
export function cuba(clock$: Clock, seed = 0): Network {
  const c = cubaParams;
  const neuron = { tau: c.taum, rest: c.El, threshold: c.Vt, reset: c.Vr, refractory: c.refractory, v0: uniform(c.Vr, c.Vt) };
  const excitatory = { connectivity: fixedProb(c.p), tau: c.taue, g: c.we };
  const inhibitory = { connectivity: fixedProb(c.p), tau: c.taui, g: c.wi };
  return asNetwork(
    clock$.pipe(
      network({ seed }),
      lif('E', { size: 3200, ...neuron }),
      lif('I', { size: 800, ...neuron }),
      expCurrent('E2E', { pre: 'E', post: 'E', ...excitatory }),
      expCurrent('E2I', { pre: 'E', post: 'I', ...excitatory }),
      expCurrent('I2E', { pre: 'I', post: 'E', ...inhibitory }),
      expCurrent('I2I', { pre: 'I', post: 'I', ...inhibitory }),
    ),
    'cuba',
  );
}
