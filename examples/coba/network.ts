/**
 * The COBA benchmark of Brette et al. 2007, with the parameters of BrainPy's version (which
 * adds a constant background current Ib so that the network needs no kick to start): 4,000
 * LIF neurons (3,200 E, 800 I), 5 ms refractory period, exponential conductances with reversal
 * potentials 0 mV (E) and −80 mV (I), p = 0.02.
 *
 * `τ dv/dt = −(v − El) + Ib + ge (Ee − v) + gi (Ei − v)` is a LIF group resting at El with
 * `I = Ib + Σ g·s·(E − V)`: Ib a constant input, each synapse kind an `expConductance`. Or, as
 * Brian2 writes it (`asEquations`), a `neuron` group whose variables are v, ge and gi, each spike
 * adding its weight to ge or gi (delta projections with a `target`).
 */
import { asNetwork, delta, expConductance, fixedProb, input, lif, network, neuron, uniform, type Clock, type Network } from '../../src/index.js';

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
 * Brian2's COBA equations (bench/brian2/brette2007.py), units dropped: the conductances are
 * variables of the model, forward Euler, `v` held in the refractory period.
 */
export const cobaEquations = `
dv/dt = (ge * (Ee - v) + gi * (Ei - v) - (v - El) + Ib) / taum : 1 (unless refractory)
dge/dt = -ge / taue
dgi/dt = -gi / taui`;

/** Options of {@link coba}. */
export interface CobaOptions {
  /** Write the neurons as Brian2's equations ({@link cobaEquations}) rather than `lif` groups with `expConductance` synapses. */
  readonly asEquations?: boolean;
}

/**
 * COBA on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms in the benchmark)
 * @param seed - seed of synapses and initial potentials
 * @param options - the built-in kinds (default) or Brian2's equations
 */
export function coba(clock$: Clock, seed = 0, options: CobaOptions = {}): Network {
  const c = cobaParams;
  const connectivity = fixedProb(c.p);
  if (options.asEquations === true) {
    const group = (name: string, size: number) =>
      neuron(name, {
        size,
        equations: cobaEquations,
        threshold: 'v > Vt',
        reset: 'v = Vr',
        refractory: c.refractory,
        parameters: { taum: c.taum, taue: c.taue, taui: c.taui, Vt: c.Vt, Vr: c.Vr, El: c.El, Ee: c.Ee, Ei: c.Ei, Ib: c.Ib },
        initial: { v: uniform(c.Vr, c.Vt) },
      });
    // Brian2's on_pre='ge += we' and 'gi += wi'.
    const spikes = (name: string, pre: string, post: string) => delta(name, { pre, post, connectivity, ...(pre === 'E' ? { w: c.we, target: 'ge' } : { w: c.wi, target: 'gi' }) });
    return asNetwork(
      clock$.pipe(network({ seed }), group('E', 3200), group('I', 800), spikes('E2E', 'E', 'E'), spikes('E2I', 'E', 'I'), spikes('I2E', 'I', 'E'), spikes('I2I', 'I', 'I')),
      'coba',
    );
  }
  const lifParams = { tau: c.taum, rest: c.El, threshold: c.Vt, reset: c.Vr, refractory: c.refractory, v0: uniform(c.Vr, c.Vt) };
  const excitatory = { connectivity, tau: c.taue, g: c.we, E: c.Ee };
  const inhibitory = { connectivity, tau: c.taui, g: c.wi, E: c.Ei };
  return asNetwork(
    clock$.pipe(
      network({ seed }),
      lif('E', { size: 3200, ...lifParams }),
      lif('I', { size: 800, ...lifParams }),
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
