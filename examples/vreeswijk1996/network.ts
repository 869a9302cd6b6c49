/**
 * The E/I balanced network of van Vreeswijk & Sompolinsky 1996 (Science 274:1724), as in
 * BrainPy's example set: 500 excitatory and 500 inhibitory LIF neurons (τ 10 ms, rest −52 mV,
 * threshold −50 mV, reset −60 mV, no refractory period), each pair connected with probability
 * p = 0.1 through exponential currents (τ_s 2 ms) of strength ±1/√K with K = p·N = 50 inputs
 * from each population, and a constant drive Ib = 3 mV to every neuron. Strong, sparse and random
 * connections whose excitation and inhibition cancel on average leave each neuron driven by the
 * fluctuations: irregular, asynchronous firing.
 *
 * BrainPy's `τ dV/dt = −(V − V_rest) + I` is `τ dV'/dt = −V' + I` for V' = V − V_rest, so the
 * potentials here are relative to rest: threshold 2, reset −8, V0 uniform in [0, 2). Exponential
 * Euler, as BrainPy integrates it.
 */
import { asNetwork, expCurrent, fixedProb, input, lif, network, uniform, type Clock, type Network } from '../../src/index.js';

/** The model's constants (mV, ms). */
export const vreeswijkParams = { NE: 500, NI: 500, p: 0.1, tau: 10, Vrest: -52, Vth: -50, Vreset: -60, tauS: 2, Ib: 3 } as const;

/**
 * The network on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms)
 * @param seed - seed of synapses and initial potentials
 */
export function vreeswijk1996(clock$: Clock, seed = 0): Network {
  const c = vreeswijkParams;
  const J = 1 / Math.sqrt(c.p * c.NE);
  const neuron = { tau: c.tau, threshold: c.Vth - c.Vrest, reset: c.Vreset - c.Vrest, v0: uniform(0, c.Vth - c.Vrest), integrator: 'exponential' as const };
  const excitatory = { connectivity: fixedProb(c.p), tau: c.tauS, g: J };
  const inhibitory = { connectivity: fixedProb(c.p), tau: c.tauS, g: -J };
  return asNetwork(
    clock$.pipe(
      network({ seed }),
      lif('E', { size: c.NE, ...neuron }),
      lif('I', { size: c.NI, ...neuron }),
      expCurrent('E2E', { pre: 'E', post: 'E', ...excitatory }),
      expCurrent('E2I', { pre: 'E', post: 'I', ...excitatory }),
      expCurrent('I2E', { pre: 'I', post: 'E', ...inhibitory }),
      expCurrent('I2I', { pre: 'I', post: 'I', ...inhibitory }),
      input('E', c.Ib),
      input('I', c.Ib),
    ),
    'vreeswijk1996',
  );
}
