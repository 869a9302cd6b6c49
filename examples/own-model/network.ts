/**
 * Models that spikestream does not ship, written as equations: a population of quadratic
 * integrate-and-fire neurons (Q), each with its own constant drive, and neurons with an adaptive
 * threshold and a noisy membrane (A), driven by Q's spikes through alpha-function synapses, a
 * synapse kind of its own.
 *
 * ```text
 * Q:   τ dv/dt = v²/10 + drive + I                v ≥ 10  →  v = −10          drive ~ U(0.5, 5)
 * A:   dv/dt = (I − v)/τ + σ·√(2/τ)·ξ             v ≥ vt  →  v = 0, vt += 2   (v held 2 ms; vt decays on)
 *      dvt/dt = (vt0 − vt)/τ_t
 * Q2A: τ_s ds/dt = −s + h, τ_s dh/dt = −h          h += 1 per spike            I_A += g·s
 * ```
 *
 * examples/own-model/network.json is the same network as a file; both give the same spikes.
 */
import { asNetwork, fixedProb, network, neuron, postsynaptic, uniform, type Clock, type Network } from '../../src/index.js';

/** Options of {@link ownModel}. */
export interface OwnModelOptions {
  /** The network seed. Default 1. */
  readonly seed?: number;
}

/**
 * @param clock$ - the clock to run on
 * @param options - the seed
 * @returns the network, ready to build
 */
export function ownModel(clock$: Clock, options: OwnModelOptions = {}): Network {
  const net$ = clock$.pipe(
    network({ seed: options.seed ?? 1 }),
    neuron('Q', {
      size: 1000,
      equations: 'dv/dt = (v*v/10 + drive + I) / tau',
      threshold: 'v >= 10',
      reset: 'v = -10',
      parameters: { tau: 10, drive: uniform(0.5, 5) },
      initial: { v: -10 },
    }),
    neuron('A', {
      size: 250,
      equations: 'dv/dt = (I - v) / tau + sigma * sqrt(2 / tau) * xi : 1 (unless refractory)\ndvt/dt = (vt0 - vt) / tau_t',
      threshold: 'v >= vt',
      reset: 'v = 0; vt += 2',
      refractory: 2,
      parameters: { tau: 10, sigma: 2, vt0: 10, tau_t: 100 },
      initial: { vt: 10 },
    }),
    // After a spike, s is the alpha function (t/τ_s)·e^(−t/τ_s), of area τ_s as an exponential's.
    postsynaptic('Q2A', {
      pre: 'Q',
      post: 'A',
      connectivity: fixedProb(0.1),
      equations: 'ds/dt = (-s + h) / tau\ndh/dt = -h / tau',
      spikesInto: 'h',
      effect: 'I += g * s',
      parameters: { tau: 5, g: 1 },
    }),
  );
  return asNetwork(net$, 'ownModel');
}
