/**
 * Brunel 2000's sparse network of LIF neurons (J. Comput. Neurosci. 8:183, model A): fixed
 * in-degrees (800 from E, 200 from I), delta synapses with a 1.5 ms delay (inhibition g times
 * stronger), and external Poisson input at η times the rate that would bring a neuron to
 * threshold alone. With g and η it moves between the synchronous and asynchronous states of the
 * paper's phase diagram.
 */
import { asNetwork, delta, fixedInDegree, lif, network, poissonInput, uniform, type Clock, type Network } from '../../src/index.js';

/** The model's constants (mV, ms). */
export const brunelParams = { NE: 8000, NI: 2000, CE: 800, CI: 200, J: 0.1, tau: 20, theta: 20, Vr: 10, refractory: 2, delay: 1.5 } as const;

/**
 * Brunel's model A on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms)
 * @param options - relative inhibition g, external drive η, seed
 */
export function brunel2000(clock$: Clock, options: { g?: number; eta?: number; seed?: number } = {}): Network {
  const b = brunelParams;
  const g = options.g ?? 5;
  const eta = options.eta ?? 2;
  // ν_thr = θ / (J C_E τ), per external train; in Hz.
  const nuExt = (eta * b.theta) / (b.J * b.CE * b.tau) * 1000;
  const neuron = { tau: b.tau, threshold: b.theta, reset: b.Vr, refractory: b.refractory, v0: uniform(0, b.theta) };
  return asNetwork(
    clock$.pipe(
      network({ seed: options.seed ?? 0 }),
      lif('E', { size: b.NE, ...neuron }),
      lif('I', { size: b.NI, ...neuron }),
      delta('E2E', { pre: 'E', post: 'E', connectivity: fixedInDegree(b.CE), w: b.J, delay: b.delay }),
      delta('E2I', { pre: 'E', post: 'I', connectivity: fixedInDegree(b.CE), w: b.J, delay: b.delay }),
      delta('I2E', { pre: 'I', post: 'E', connectivity: fixedInDegree(b.CI), w: -g * b.J, delay: b.delay }),
      delta('I2I', { pre: 'I', post: 'I', connectivity: fixedInDegree(b.CI), w: -g * b.J, delay: b.delay }),
      poissonInput('E', { count: b.CE, rate: nuExt, weight: b.J }),
      poissonInput('I', { count: b.CE, rate: nuExt, weight: b.J }),
    ),
    'brunel2000',
  );
}
