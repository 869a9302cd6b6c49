/**
 * The COBAHH benchmark of Brette et al. 2007, as in Brian2's example set: 4,000 Hodgkin–Huxley
 * neurons with Traub–Miles channels (3,200 E, 800 I; 20,000 µm² of membrane each), exponential
 * conductances with reversal potentials 0 mV (E) and −80 mV (I), p = 0.02, exponential Euler.
 *
 * Brian2 starts the conductances at random, `ge = (1.5 randn() + 4) · 10 nS` and
 * `gi = (12 randn() + 20) · 10 nS`: here each projection's trace starts at that conductance divided
 * by its weight (`s0`). Its gates start at 0 (Brian2's default), and V at `El + (5 randn() − 5)` mV.
 * Potentials in mV, time in ms, conductances in nS, capacitance in pF.
 */
import { asNetwork, expConductance, fixedProb, hh, network, normal, type Clock, type Network } from '../../src/index.js';

/** The benchmark's parameters. */
export const cobahhParams = {
  /** 1 µF/cm², 0.05 mS/cm², 100 mS/cm² and 30 mS/cm² over 20,000 µm². */
  C: 200,
  gL: 10,
  gNa: 20000,
  gK: 6000,
  EL: -60,
  ENa: 50,
  EK: -90,
  VT: -63,
  taue: 5,
  taui: 10,
  Ee: 0,
  Ei: -80,
  we: 6,
  wi: 67,
  p: 0.02,
  refractory: 3,
} as const;

/**
 * COBAHH on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms in the benchmark)
 * @param seed - seed of synapses and initial values
 */
export function cobahh(clock$: Clock, seed = 0): Network {
  const c = cobahhParams;
  const neuron = { C: c.C, gL: c.gL, EL: c.EL, gNa: c.gNa, ENa: c.ENa, gK: c.gK, EK: c.EK, VT: c.VT, refractory: c.refractory, v0: normal(c.EL - 5, 5), m0: 0, h0: 0, n0: 0 };
  const excitatory = { connectivity: fixedProb(c.p), tau: c.taue, g: c.we, E: c.Ee, s0: normal(40 / c.we, 15 / c.we) };
  const inhibitory = { connectivity: fixedProb(c.p), tau: c.taui, g: c.wi, E: c.Ei, s0: normal(200 / c.wi, 120 / c.wi) };
  return asNetwork(
    clock$.pipe(
      network({ seed }),
      hh('E', { size: 3200, ...neuron }),
      hh('I', { size: 800, ...neuron }),
      expConductance('E2E', { pre: 'E', post: 'E', ...excitatory }),
      expConductance('E2I', { pre: 'E', post: 'I', ...excitatory }),
      expConductance('I2E', { pre: 'I', post: 'E', ...inhibitory }),
      expConductance('I2I', { pre: 'I', post: 'I', ...inhibitory }),
    ),
    'cobahh',
  );
}
