/**
 * The learning rules spikestream ships, written in the equation form of `plasticitySpec`: each
 * function returns plain data that a network file could hold as it is, and that runs through the
 * same checks and the same code generator as a rule of the user's own.
 *
 * Amplitudes follow Brian2's convention: `Apre` is added to the presynaptic trace and read at a
 * postsynaptic spike (potentiation, pre before post); `Apost` is added to the postsynaptic trace
 * and read at a presynaptic spike (depression when negative, post before pre). Weights are kept
 * in `[0, wmax]`.
 *
 * @example
 * ```ts
 * import { expConductance, fixedProb, pairStdp } from 'spikestream';
 * expConductance('In', { pre: 'P', post: 'N', connectivity: fixedProb(1), tau: 5, g: 1, E: 0,
 *   weight: uniform(0, 0.01), plasticity: pairStdp({ Apre: 1e-4, Apost: -1.05e-4, wmax: 0.01 }) });
 * ```
 * @module
 */
import type { PlasticitySpec } from './projectionSpec.js';

/** Parameters of {@link pairStdp}. */
export interface PairStdpParams {
  /** Time constant of the presynaptic trace, ms. Default 20. */
  readonly taupre?: number;
  /** Time constant of the postsynaptic trace, ms. Default 20. */
  readonly taupost?: number;
  /** Potentiation per pair (pre before post), added to the presynaptic trace. */
  readonly Apre: number;
  /** Depression per pair (post before pre), negative, added to the postsynaptic trace. */
  readonly Apost: number;
  /** Largest weight. */
  readonly wmax: number;
  /**
   * `'additive'` (default): changes independent of w (Song et al. 2000), which drives weights to
   * the bounds; `'multiplicative'`: potentiation scaled by `1 − w/wmax`, depression by `w/wmax`
   * (van Rossum et al. 2000), which keeps them in between.
   */
  readonly dependence?: 'additive' | 'multiplicative';
  /**
   * `'all'` (default): every pair of pre and post spikes interacts (traces add up);
   * `'nearest'`: only the nearest spikes (a spike sets its trace to the amplitude).
   */
  readonly pairing?: 'all' | 'nearest';
  /** A modulator that multiplies every change: a three-factor rule (see {@link modulatedStdp}). */
  readonly modulator?: string;
}

/**
 * Pair-based spike-timing-dependent plasticity: a presynaptic spike at t_pre and a postsynaptic
 * one at t_post change w by `Apre·exp(−Δ/taupre)` when Δ = t_post − t_pre > 0 and by
 * `Apost·exp(Δ/taupost)` when Δ < 0 (summed over pairs, or nearest only).
 *
 * @param params - time constants, amplitudes, bound, weight dependence and pairing
 * @returns the rule, as data
 */
export function pairStdp(params: PairStdpParams): PlasticitySpec {
  const { taupre = 20, taupost = 20, Apre, Apost, wmax } = params;
  const set = params.pairing === 'nearest' ? '=' : '+=';
  const m = params.modulator === undefined ? '' : `${params.modulator} * `;
  const [depress, potentiate] =
    params.dependence === 'multiplicative' ? [`${m}apost * w / wmax`, `${m}apre * (1 - w / wmax)`] : [`${m}apost`, `${m}apre`];
  return {
    pre: 'dapre/dt = -apre / taupre',
    post: 'dapost/dt = -apost / taupost',
    onPre: `s += w; apre ${set} Apre; w = clip(w + ${depress}, 0, wmax)`,
    onPost: `apost ${set} Apost; w = clip(w + ${potentiate}, 0, wmax)`,
    parameters: { taupre, taupost, Apre, Apost, wmax },
    ...(params.modulator === undefined ? {} : { modulators: [params.modulator] }),
  } as PlasticitySpec;
}

/** Parameters of {@link tripletStdp}; defaults: Pfister & Gerstner 2006, visual cortex, all-to-all. */
export interface TripletStdpParams {
  /** Time constants of the presynaptic traces r1 and r2, ms (defaults 16.8 and 101). */
  readonly tauPlus?: number;
  readonly tauX?: number;
  /** Time constants of the postsynaptic traces o1 and o2, ms (defaults 33.7 and 125). */
  readonly tauMinus?: number;
  readonly tauY?: number;
  /** Pair and triplet amplitudes of potentiation (defaults 5e-10 and 6.2e-3). */
  readonly A2plus?: number;
  readonly A3plus?: number;
  /** Pair and triplet amplitudes of depression, positive (defaults 7e-3 and 2.3e-4). */
  readonly A2minus?: number;
  readonly A3minus?: number;
  /** Bounds of the weight (defaults 0 and 1). */
  readonly wmin?: number;
  readonly wmax?: number;
}

/**
 * Triplet STDP (Pfister & Gerstner 2006, all-to-all): at a presynaptic spike
 * `w −= o1·(A2minus + A3minus·r2)`, at a postsynaptic spike `w += r1·(A2plus + A3plus·o2)`, each
 * trace read before its own spike's increment of 1, so that the rule depends on the rate as well as
 * the timing of the spikes (the BCM-like frequency dependence of the pairing experiments of
 * Sjöström et al. 2001).
 *
 * @param params - time constants, amplitudes, bounds
 * @returns the rule, as data
 */
export function tripletStdp(params: TripletStdpParams = {}): PlasticitySpec {
  const { tauPlus = 16.8, tauX = 101, tauMinus = 33.7, tauY = 125, A2plus = 5e-10, A3plus = 6.2e-3, A2minus = 7e-3, A3minus = 2.3e-4, wmin = 0, wmax = 1 } = params;
  return {
    pre: 'dr1/dt = -r1 / tauPlus; dr2/dt = -r2 / tauX',
    post: 'do1/dt = -o1 / tauMinus; do2/dt = -o2 / tauY',
    onPre: 's += w; w = clip(w - o1 * (A2minus + A3minus * r2), wmin, wmax); r1 += 1; r2 += 1',
    onPost: 'w = clip(w + r1 * (A2plus + A3plus * o2), wmin, wmax); o1 += 1; o2 += 1',
    parameters: { tauPlus, tauX, tauMinus, tauY, A2plus, A3plus, A2minus, A3minus, wmin, wmax },
  } as PlasticitySpec;
}

/** Parameters of {@link tsodyksMarkram}. */
export interface TsodyksMarkramParams {
  /** Utilization of the first spike, in (0, 1]. */
  readonly U: number;
  /** Recovery time constant of the resources, ms. */
  readonly tauD: number;
  /** Facilitation time constant, ms; without it, depression only (u = U at every spike). */
  readonly tauF?: number;
}

/**
 * Tsodyks–Markram short-term plasticity (Tsodyks, Pawelzik & Markram 1998; the form of Maass &
 * Markram 2002): per presynaptic neuron, resources x recover towards 1 with tauD and utilization
 * u decays towards 0 with tauF; at a spike u += U·(1 − u), the spike delivers `w·u·x`, and
 * x −= u·x. For a regular train with interval Δ: u₁ = U, x₁ = 1, u_{n+1} = U + u_n(1 − U)e^{−Δ/tauF},
 * x_{n+1} = 1 + (x_n − u_n x_n − 1)e^{−Δ/tauD}, amplitude w·u_n·x_n. The weights do not change.
 *
 * @param params - U, tauD and, for facilitation, tauF
 * @returns the rule, as data
 */
export function tsodyksMarkram(params: TsodyksMarkramParams): PlasticitySpec {
  const { U, tauD, tauF } = params;
  if (tauF === undefined) {
    return { pre: 'dx/dt = (1 - x) / tauD', onPre: 's += w * U * x; x -= U * x', parameters: { U, tauD }, initial: { x: 1 } } as PlasticitySpec;
  }
  return {
    pre: 'dx/dt = (1 - x) / tauD; du/dt = -u / tauF',
    onPre: 'u += U * (1 - u); s += w * u * x; x -= u * x',
    parameters: { U, tauD, tauF },
    initial: { x: 1 },
  } as PlasticitySpec;
}

/**
 * A three-factor rule: pair STDP whose every change is multiplied by a modulator `M` set at run
 * time (a reward or dopamine signal, from an Observable through `modulatorInput`, or from a
 * client over the wire). With M = 0 nothing is learned; with M = 1 it is {@link pairStdp}; a
 * negative M reverses the rule.
 *
 * @param params - as {@link pairStdp}; `modulator` names the third factor (default `'M'`)
 * @returns the rule, as data
 */
export function modulatedStdp(params: PairStdpParams): PlasticitySpec {
  return pairStdp({ ...params, modulator: params.modulator ?? 'M' });
}

/** Parameters of {@link eligibilityStdp}. */
export interface EligibilityStdpParams extends Omit<PairStdpParams, 'dependence' | 'pairing'> {
  /** Time constant of the eligibility trace, ms (Izhikevich 2007: 1,000). */
  readonly tauc: number;
}

/**
 * A three-factor rule with an eligibility trace per synapse (Izhikevich 2007): pair STDP does
 * not change w but a trace c of the synapse (`dc/dt = −c/tauc`, `c += apost` at a presynaptic
 * spike, `c += apre` at a postsynaptic one), and every step `w += dt·M·c` (kept in [0, wmax]),
 * so that a reward M that comes seconds after the spikes still credits the synapses that took
 * part in them. It costs time in proportion to the synapses at every step (`onStep`).
 *
 * @param params - as {@link pairStdp}, with `tauc`; `modulator` names the third factor (default `'M'`)
 * @returns the rule, as data
 */
export function eligibilityStdp(params: EligibilityStdpParams): PlasticitySpec {
  const { taupre = 20, taupost = 20, Apre, Apost, wmax, tauc } = params;
  const M = params.modulator ?? 'M';
  return {
    pre: 'dapre/dt = -apre / taupre',
    post: 'dapost/dt = -apost / taupost',
    synapse: 'dc/dt = -c / tauc',
    onPre: 's += w; apre += Apre; c += apost',
    onPost: 'apost += Apost; c += apre',
    onStep: `w = clip(w + dt * ${M} * c, 0, wmax)`,
    parameters: { taupre, taupost, Apre, Apost, wmax, tauc },
    modulators: [M],
  } as unknown as PlasticitySpec;
}
