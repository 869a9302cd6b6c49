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
import { asNetwork, delta, expConductance, fixedProb, hh, network, neuron, normal, type Clock, type Initializer, type Network, type NeuronParams } from '../../src/index.js';

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
 * The Traub & Miles (1991) gates of Brian2's COBAHH example in the equation language: `m`, `h`
 * and `n` and their rates at `v` (mV, ms), with the group's offset `VT` a parameter. A
 * Hodgkin–Huxley neuron is these and an equation for `v`:
 *
 * ```ts
 * neuron('H', { size, equations: `dv/dt = (gL*(EL - v) + gNa*m*m*m*h*(ENa - v) + gK*n*n*n*n*(EK - v) + I) / C\n${traubMilesGates}`,
 *   threshold: 'v > -20', refractory: 'v > -20', method: 'exponential_euler', parameters });
 * ```
 */
export const traubMilesGates = `dm/dt = am*(1 - m) - bm*m
dh/dt = ah*(1 - h) - bh*h
dn/dt = an*(1 - n) - bn*n
am = 1.28 / exprel((13 - v + VT) / 4)
bm = 1.4 / exprel((v - VT - 40) / 5)
ah = 0.128 * exp((17 - v + VT) / 18)
bh = 4 / (1 + exp((40 - v + VT) / 5))
an = 0.16 / exprel((15 - v + VT) / 5)
bn = 0.5 * exp((10 - v + VT) / 40)`;

/**
 * COBAHH's Traub–Miles neuron alone, each driven by its own constant current (pA, `current`: one
 * number or an initializer), spiking once per upward crossing of −20 mV (threshold and refractory
 * condition `v > -20`, as Brian2 writes it), exponential Euler, from −60 mV: the neuron of an F–I
 * curve. bench/brian2/own_models.py gives Brian2 the same.
 *
 * @param size - neurons
 * @param current - their currents, pA
 * @returns the group's parameters, for `neuron(name, …)`
 * @example
 * ```ts
 * neuron('H', traubMilesNeuron(500, perNeuron(currents)));
 * ```
 */
export function traubMilesNeuron(size: number, current: number | Initializer): NeuronParams {
  const c = cobahhParams;
  return {
    size,
    equations: `dv/dt = (gL*(EL - v) + gNa*m*m*m*h*(ENa - v) + gK*n*n*n*n*(EK - v) + current) / C\n${traubMilesGates}`,
    threshold: 'v > -20',
    refractory: 'v > -20',
    method: 'exponential_euler',
    parameters: { C: c.C, gL: c.gL, gNa: c.gNa, gK: c.gK, EL: c.EL, ENa: c.ENa, EK: c.EK, VT: c.VT, current },
    initial: { v: c.EL },
  };
}

/**
 * Brian2's COBAHH equations as they stand in its example, units dropped (mV, ms, nS, pF): the
 * Hodgkin–Huxley neuron written in the equation language instead of the built-in `hh` kind.
 * The synaptic conductances `ge` and `gi` are variables of the model, as in Brian2: each
 * presynaptic spike adds its weight to one (delta synapses with a `target`, Brian2's
 * `on_pre='ge += we'`), and exponential Euler puts them into V's linear part. A spike is
 * `v > -20` outside the refractory period, which holds no equation (Brian2's `threshold` and
 * `refractory`), where the built-in kind counts upward crossings.
 */
export const cobahhEquations = `
dv/dt = (gL*(EL - v) + ge*(Ee - v) + gi*(Ei - v) + gNa*m^3*h*(ENa - v) + gK*n^4*(EK - v) + I) / C
${traubMilesGates}
dge/dt = -ge / taue
dgi/dt = -gi / taui`;

/** Options of {@link cobahh}. */
export interface CobahhOptions {
  /** Write the neurons as equations ({@link cobahhEquations}) rather than the built-in `hh` kind. */
  readonly asEquations?: boolean;
}

/**
 * COBAHH on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms in the benchmark)
 * @param seed - seed of synapses and initial values
 * @param options - the neurons as the built-in kind (default) or as equations
 */
export function cobahh(clock$: Clock, seed = 0, options: CobahhOptions = {}): Network {
  const c = cobahhParams;
  const builtIn = { C: c.C, gL: c.gL, EL: c.EL, gNa: c.gNa, ENa: c.ENa, gK: c.gK, EK: c.EK, VT: c.VT, refractory: c.refractory, v0: normal(c.EL - 5, 5), m0: 0, h0: 0, n0: 0 };
  const asEquations = {
    equations: cobahhEquations,
    threshold: 'v > -20',
    refractory: c.refractory,
    method: 'exponential_euler',
    parameters: { C: c.C, gL: c.gL, EL: c.EL, gNa: c.gNa, ENa: c.ENa, gK: c.gK, EK: c.EK, VT: c.VT, Ee: c.Ee, Ei: c.Ei, taue: c.taue, taui: c.taui },
    // Brian2's ge = (1.5 randn() + 4) · 10 nS and gi = (12 randn() + 20) · 10 nS.
    initial: { v: normal(c.EL - 5, 5), ge: normal(40, 15), gi: normal(200, 120) },
  } as const;
  const group = (name: string, size: number) => (options.asEquations === true ? neuron(name, { size, ...asEquations }) : hh(name, { size, ...builtIn }));
  const excitatory = { connectivity: fixedProb(c.p), tau: c.taue, g: c.we, E: c.Ee, s0: normal(40 / c.we, 15 / c.we) };
  const inhibitory = { connectivity: fixedProb(c.p), tau: c.taui, g: c.wi, E: c.Ei, s0: normal(200 / c.wi, 120 / c.wi) };
  // As equations, each spike adds its weight to the target's ge or gi.
  const project = (name: string, pre: string, post: string) => {
    const [params, target, w] = pre === 'E' ? [excitatory, 'ge', c.we] : [inhibitory, 'gi', c.wi];
    return options.asEquations === true ? delta(name, { pre, post, connectivity: params.connectivity, w, target }) : expConductance(name, { pre, post, ...params });
  };
  return asNetwork(
    clock$.pipe(
      network({ seed }),
      group('E', 3200),
      group('I', 800),
      project('E2E', 'E', 'E'),
      project('E2I', 'E', 'I'),
      project('I2E', 'I', 'E'),
      project('I2I', 'I', 'I'),
    ),
    'cobahh',
  );
}
