/**
 * The pairing protocol of Sjöström et al. 2001, as Pfister & Gerstner 2006 fit the triplet rule
 * to it: `pairs` pre–post pairs at `rate` Hz, the postsynaptic spike `shift` ms after the
 * presynaptic one (before it when negative), one synapse learning by triplet STDP. The spikes are
 * given times repeating with the pairs' period (`spikeTimes` with `period`); the weight's change
 * is set beside the closed form of the rule for the same spikes.
 *
 * @example
 * ```ts
 * const { measured, closedForm } = pairingChange({ rate: 20, shift: 10, pairs: 60 });
 * ```
 * @module
 */
import { decodeNetworkSpec, tripletStdp, type NetworkSpec, type TripletStdpParams } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

/** Pfister & Gerstner 2006, visual cortex, all-to-all, with bounds out of reach (the rule's own change). */
export const VISUAL_CORTEX: Required<TripletStdpParams> = { tauPlus: 16.8, tauX: 101, tauMinus: 33.7, tauY: 125, A2plus: 5e-10, A3plus: 6.2e-3, A2minus: 7e-3, A3minus: 2.3e-4, wmin: -1e9, wmax: 1e9 };

/**
 * The change of weight the triplet rule's definition gives for spike times `pre` and `post`
 * (ms): at each post spike r1·(A2plus + A3plus·o2), at each pre spike −o1·(A2minus + A3minus·r2),
 * the traces sums of exponentials over the earlier spikes, each read before its own spike's
 * increment (pre before post at the same time: Brian2's order), no bounds.
 *
 * @param pre - presynaptic spike times, ms
 * @param post - postsynaptic spike times, ms
 * @param p - the rule's parameters
 * @returns Δw
 */
export function tripletClosedForm(pre: readonly number[], post: readonly number[], p: Required<TripletStdpParams>): number {
  const sum = (spikes: readonly number[], t: number, tau: number): number => spikes.filter((s) => s < t).reduce((acc, s) => acc + Math.exp(-(t - s) / tau), 0);
  let dw = 0;
  for (const t of post) dw += sum(pre, t + 1e-9, p.tauPlus) * (p.A2plus + p.A3plus * sum(post, t, p.tauY));
  for (const t of pre) dw -= sum(post, t, p.tauMinus) * (p.A2minus + p.A3minus * sum(pre, t, p.tauX));
  return dw;
}

/** A pairing protocol: `pairs` pairs at `rate` Hz (its period a whole number of steps), post `shift` ms after pre. */
export interface Pairing {
  readonly rate: number;
  readonly shift: number;
  readonly pairs: number;
  readonly params?: Required<TripletStdpParams>;
  /** ms (default 0.1). */
  readonly dt?: number;
}

/**
 * @param pairing - the protocol
 * @returns the weight's change in the kernel and by the closed form, and the spike times (ms)
 */
export function pairingChange(pairing: Pairing): { measured: number; closedForm: number; pre: number[]; post: number[] } {
  const { rate, shift, pairs } = pairing;
  const params = pairing.params ?? VISUAL_CORTEX;
  const dt = pairing.dt ?? 0.1;
  const period = 1000 / rate;
  const [tPre, tPost] = [5 + Math.max(0, -shift), 5 + Math.max(0, shift)];
  const source = (name: string) => ({ kind: 'poisson', name, size: 1, rate: 0 });
  const checked = decodeNetworkSpec({
    seed: 1,
    // The postsynaptic neuron spikes only when told: a threshold out of reach, synapses of w = 0.
    groups: [source('Pre'), { kind: 'lif', name: 'Post', size: 1, tau: 10, threshold: 1e9, reset: 0, v0: { kind: 'constant', value: 0 } }],
    projections: [{ name: 'S', pre: 'Pre', post: 'Post', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0 }, weight: { kind: 'constant', value: 0.5 }, plasticity: tripletStdp(params) }],
    inputs: [
      { kind: 'spikeTimes', group: 'Pre', indices: [0], times: [tPre], period },
      { kind: 'spikeTimes', group: 'Post', indices: [0], times: [tPost], period },
    ],
  });
  if (checked._tag === 'Left') throw new Error(checked.left.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const kernel = createKernel(buildNetwork(checked.right as NetworkSpec), { dt, maxBlock: 1000 });
  try {
    // Up to the later spike of the last pair.
    const steps = Math.round((Math.max(tPre, tPost) + (pairs - 1) * period) / dt) + 1;
    const spikes: number[][] = [[], []];
    for (let done = 0; done < steps; ) {
      const ran = kernel.run(Math.min(1000, steps - done));
      for (const g of [0, 1]) {
        const { stepPtr } = kernel.spikes(g);
        for (let k = 0; k < ran; k++) if (stepPtr[k + 1]! > stepPtr[k]!) spikes[g]!.push((done + k) * dt);
      }
      done += ran;
    }
    const [pre, post] = spikes as [number[], number[]];
    return { measured: kernel.weights(0)![0]! - 0.5, closedForm: tripletClosedForm(pre, post, params), pre, post };
  } finally {
    kernel.close();
  }
}
