/**
 * A closed loop in which reward gates learning: two input populations take turns (A for 250 ms,
 * 250 ms of silence, B for 250 ms, silence), one output neuron listens to both through synapses that learn by pair STDP multiplied
 * by a modulator M (`modulatedStdp`), and the environment, outside the network, watches the
 * output's spikes and sets M at every step: while A is on, M = 1 as long as the output has
 * fired fewer than 2 spikes in the last 50 ms (reward for answering A, until it answers), else
 * 0; while B is on, M = 0. The rule itself (potentiation slightly stronger than depression)
 * knows nothing of A and B: the loop teaches the neuron to answer A, and stops teaching once it
 * does; B, never rewarded, keeps the weights it started with.
 *
 * M multiplies each change as the spikes happen; for a reward that comes after the spikes it
 * should credit, `eligibilityStdp` keeps an eligibility trace per synapse (docs/models.md).
 *
 * @example
 * ```ts
 * const result = await lastValueFrom(rewardLearning({ seconds: 20, seed: 1 }));
 * ```
 * @module
 */
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import {
  allToAll,
  asNetwork,
  clock,
  expCurrent,
  lif,
  modulatedStdp,
  modulatorInput,
  network,
  poissonGroup,
  rateInput,
  sampleWeights,
  uniform,
  type Frame,
} from '../../src/index.js';

/** Options of {@link rewardLearning}. */
export interface RewardLearningOptions {
  /** Seconds of training. */
  readonly seconds: number;
  readonly seed: number;
}

/** One epoch of the task: which input was on (or none), the output's spikes, and the inputs' mean weights after it. */
export interface Epoch {
  readonly t: number;
  readonly input: 'A' | 'B' | 'none';
  readonly spikes: number;
  readonly wA: number;
  readonly wB: number;
}

const EPOCH_STEPS = 2500; // 250 ms at dt = 0.1 ms
const WINDOW_STEPS = 500; // the environment looks at the last 50 ms of output
const TARGET = 2; // spikes in that window that answer A
const ON = 40; // Hz, the input that is on
const OFF = 0; // Hz, the other: silent
const WMAX = 0.1;

/** A, silence, B, silence: the silences let the traces of one input fade before the other's epoch. */
const phase = (epoch: number): Epoch['input'] => (['A', 'none', 'B', 'none'] as const)[epoch % 4]!;

/**
 * @param options - duration and seed
 * @returns the epochs, as they end
 */
export function rewardLearning(options: RewardLearningOptions): Observable<Epoch> {
  return new Observable<Epoch>((subscriber) => {
    const reward$ = new BehaviorSubject(0);
    const rateA$ = new Subject<number>();
    const rateB$ = new Subject<number>();
    const rule = modulatedStdp({ Apre: 0.002, Apost: -0.0015, wmax: WMAX });
    const net$ = clock({ dt: 0.1, duration: options.seconds * 1000 }).pipe(
      network({ seed: options.seed }),
      poissonGroup('A', { size: 100, rate: ON }),
      poissonGroup('B', { size: 100, rate: OFF }),
      lif('out', { size: 1, tau: 10, threshold: 1, reset: 0 }),
      expCurrent('fromA', { pre: 'A', post: 'out', connectivity: allToAll(), tau: 5, g: 1, weight: uniform(0.03, 0.05), plasticity: rule }),
      expCurrent('fromB', { pre: 'B', post: 'out', connectivity: allToAll(), tau: 5, g: 1, weight: uniform(0.03, 0.05), plasticity: rule }),
    );
    // A second pipe: RxJS types a pipe of at most nine operators.
    const loop$ = net$.pipe(
      modulatorInput('fromA', 'M', reward$),
      modulatorInput('fromB', 'M', reward$),
      rateInput('A', rateA$),
      rateInput('B', rateB$),
      sampleWeights('wA', { projection: 'fromA', every: EPOCH_STEPS }),
      sampleWeights('wB', { projection: 'fromB', every: EPOCH_STEPS }),
    );
    // The steps of the output's recent spikes (the last 50 ms).
    const recent: number[] = [];
    let spikes = 0;
    const mean = (w: Float64Array): number => w.reduce((a, b) => a + b, 0) / w.length;
    const sub = asNetwork(loop$, 'rewardLearning')
      .build()
      .subscribe({
        next: (frame: Frame) => {
          // Frames are one step each (the inputs are streams): the environment's clock.
          const end = frame.step + frame.steps;
          const epoch = Math.floor(frame.step / EPOCH_STEPS);
          const input = phase(epoch);
          const fired = frame.spikes.out!.indices.length;
          for (let k = 0; k < fired; k++) recent.push(end);
          while (recent.length > 0 && end - recent[0]! >= WINDOW_STEPS) recent.shift();
          spikes += fired;
          const m = input === 'A' && recent.length < TARGET ? 1 : 0;
          if (m !== reward$.value) reward$.next(m);
          if (end % EPOCH_STEPS === 0) {
            const wA = frame.weights.wA!.values;
            const wB = frame.weights.wB!.values;
            subscriber.next({ t: end / 10, input, spikes, wA: mean(wA.subarray(wA.length - 100)), wB: mean(wB.subarray(wB.length - 100)) });
            spikes = 0;
            recent.length = 0;
            // The next epoch's stimulus, from its first step.
            const next = phase(epoch + 1);
            rateA$.next(next === 'A' ? ON : OFF);
            rateB$.next(next === 'B' ? ON : OFF);
          }
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
    return () => sub.unsubscribe();
  });
}
