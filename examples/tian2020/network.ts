/**
 * The E/I balanced network of Tian et al. 2020, composed as RxJS operators, line for line
 * after the BrainPy notebook (../../../shared/reference/tian2020-brainpy-notebook.txt).
 */
import { isObservable, map, type Observable } from 'rxjs';
import { asNetwork, distanceProb, expCurrent, fixedProb, gridPositions, input, lif, network, pairStdp, uniform, type Clock, type Frame, type InputValue, type Network } from '../../src/index.js';

/** Options of the seed network. */
export interface Tian2020Options {
  /** Number of neurons; int(0.2 N) are inhibitory. Default 10,000. */
  readonly neurons?: number;
  /** Seed of synapses and initial potentials. Default 0. */
  readonly seed?: number;
  /**
   * External drive scale mu_f (the notebook's 0.1), or an observable of it: each value sets both
   * drives, f_E·√N·mu_f into E and f_I·√N·mu_f into I, from the next step on (closed loop).
   */
  readonly muF?: number | Observable<number>;
  /** mu_f of the drive into I alone, when it differs from E's (the live page's sliders). Default: `muF`. */
  readonly muFI?: number | Observable<number>;
  /**
   * `'procedural'`: store no synapse, draw each spike's row again (the same synapses as stored,
   * for networks too large to store). Default `'stored'`.
   */
  readonly connectivity?: 'stored' | 'procedural';
  /**
   * `'shared'` (default): one weight per projection, as the notebook; `'weights'`: the same
   * weights stored per synapse (each 1, so the same spikes: what per-synapse weights cost);
   * `'stdp'`: E→E synapses learn by pair STDP ({@link stdpParams}), from weight 1; `'delays'`:
   * every synapse with a delay of its own, uniform in [0, 2) ms (what per-synapse delays cost;
   * not the notebook's network).
   */
  readonly synapses?: 'shared' | 'weights' | 'stdp' | 'delays';
  /**
   * The locally connected network of the paper's second half: E and I neurons on grids over the
   * unit torus, each pair connected with probability p0·exp(−d²/2σ²) for this σ, with p0 =
   * prob / (2πσ²) so that every neuron has the homogeneous network's mean number of inputs
   * (σ ≥ √(prob / 2π) ≈ 0.2). Default: none (the notebook's homogeneous network).
   */
  readonly sigma?: number;
  /**
   * An extra current into each E neuron (a number for all, or one per neuron), from the next step
   * on: a stimulus, such as a spot of light on the sheet. Default: none.
   */
  readonly stimulus?: Observable<InputValue>;
}

/**
 * The pair STDP of the `'stdp'` variant (and of bench/brian2/tian2020.py --stdp): weights in units
 * of J_EE, from 1, bounded by 2, changes of 1% per close pair.
 */
export const stdpParams = { taupre: 20, taupost: 20, Apre: 0.01, Apost: -0.0105, wmax: 2 } as const;

/** The notebook's parameters. */
export const params = {
  prob: 0.25,
  tauE: 15,
  tauI: 10,
  vReset: 0,
  vThreshold: 15,
  fE: 3,
  fI: 2,
  muF: 0.1,
  tauEs: 6,
  tauIs: 5,
  JEE: 0.25,
  JEI: -1,
  JIE: 0.4,
  JII: -1,
} as const;

/**
 * The seed network on a clock.
 *
 * @param clock$ - the clock (dt 0.1 ms in the notebook)
 * @param options - size, seed and drive
 */
export function tian2020(clock$: Clock, options: Tian2020Options = {}): Network {
  const num = options.neurons ?? 10_000;
  const numInh = Math.floor(num * 0.2);
  const numExc = num - numInh;
  const p = params;
  const muF = options.muF ?? p.muF;
  const v0 = uniform(p.vReset, p.vThreshold);
  const procedural = options.connectivity === 'procedural' ? { procedural: true } : {};
  const sigma = options.sigma;
  const conn = sigma === undefined ? fixedProb(p.prob, procedural) : distanceProb(p.prob / (2 * Math.PI * sigma * sigma), sigma, { periodic: true, ...procedural });
  const placed = sigma === undefined ? {} : { positions: gridPositions(1, 1) };
  const perSynapse = options.synapses === 'weights' || options.synapses === 'stdp' ? { weight: 1 } : options.synapses === 'delays' ? { delays: uniform(0, 2) } : {};
  const learning = options.synapses === 'stdp' ? { weight: 1, plasticity: pairStdp(stdpParams) } : perSynapse;
  const net$ = clock$.pipe(
    network({ seed: options.seed ?? 0 }),
    lif('E', { size: numExc, tau: p.tauE, threshold: p.vThreshold, reset: p.vReset, v0, ...placed }),
    lif('I', { size: numInh, tau: p.tauI, threshold: p.vThreshold, reset: p.vReset, v0, ...placed }),
    // The notebook's bp.Network(E, I, I2E, E2E, I2I, E2I) order: it fixes the order in which
    // the traces are summed into each input, so it is kept.
    expCurrent('I2E', { pre: 'I', post: 'E', connectivity: conn, tau: p.tauIs, g: p.JEI, ...perSynapse }),
    expCurrent('E2E', { pre: 'E', post: 'E', connectivity: conn, tau: p.tauEs, g: p.JEE, ...learning }),
    expCurrent('I2I', { pre: 'I', post: 'I', connectivity: conn, tau: p.tauIs, g: p.JII, ...perSynapse }),
    expCurrent('E2I', { pre: 'E', post: 'I', connectivity: conn, tau: p.tauEs, g: p.JIE, ...perSynapse }),
    drive('E', p.fE * Math.sqrt(num), muF),
    drive('I', p.fI * Math.sqrt(num), options.muFI ?? muF),
  );
  return asNetwork(options.stimulus === undefined ? net$ : net$.pipe(input('E', options.stimulus)), 'tian2020');
}

type NetworkOperator = (source: Observable<Frame>) => Network;

/** An external drive f·√N·mu_f into `group`, constant or following an observable mu_f. */
function drive(group: string, scale: number, muF: number | Observable<number>): NetworkOperator {
  if (!isObservable(muF)) return input(group, scale * muF);
  // Until mu_f's first value, the notebook's.
  return input(group, muF.pipe(map((m) => scale * m)), { initial: scale * params.muF });
}
