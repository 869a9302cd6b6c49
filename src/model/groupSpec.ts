/**
 * Neuron group specs.
 *
 * A leaky integrate-and-fire group (`kind: 'lif'`) follows
 * `τ dV/dt = −V + I`; when `V ≥ threshold` the neuron spikes and `V` is set to `reset`
 * (no refractory period unless `refractory` is given; Tian et al. 2020 has none).
 *
 * @example
 * ```ts
 * import { groupSpec } from 'spikestream';
 * groupSpec.decode({
 *   kind: 'lif', name: 'E', size: 8000, tau: 15, threshold: 15, reset: 0,
 *   v0: { kind: 'uniform', low: 0, high: 15 },
 * });
 * ```
 * @module
 */
import * as t from 'io-ts';
import { finite, name, nonNegative, positive, positiveInt } from './brands.js';
import { byKind } from './byKind.js';
import { strict } from './strict.js';

/** Initial values drawn uniformly from `[low, high)` from the network's seeded stream. */
export const uniformInitializer = strict(
  { kind: t.literal('uniform'), low: finite, high: finite },
  'UniformInitializer',
);

/** The same initial value for every neuron. */
export const constantInitializer = strict({ kind: t.literal('constant'), value: finite }, 'ConstantInitializer');

/** One initial value per neuron, in order (the list's length must be the group's size). */
export const valuesInitializer = strict({ kind: t.literal('values'), values: t.readonlyArray(finite) }, 'ValuesInitializer');

/**
 * How a state variable starts: `{ kind: 'uniform', low, high }`, `{ kind: 'constant', value }`
 * or `{ kind: 'values', values }`.
 */
export const initializer = byKind('Initializer', {
  uniform: uniformInitializer,
  constant: constantInitializer,
  values: valuesInitializer,
});
/** A validated initializer. */
export type Initializer = t.TypeOf<typeof initializer>;

/**
 * A group of leaky integrate-and-fire neurons driven by a current (forward Euler). With
 * `refractory` (ms, a whole number of steps, default 0), a neuron that spikes is held at
 * `reset` for that long: its potential is not integrated and it cannot spike, as Brian2's
 * `refractory=` with `(unless refractory)` equations.
 */
export const lifGroupSpec = strict(
  {
    kind: t.literal('lif'),
    name,
    size: positiveInt,
    /** Membrane time constant, ms. */
    tau: positive,
    threshold: finite,
    reset: finite,
    /** Initial membrane potential. */
    v0: initializer,
  },
  'LifGroupSpec',
  {
    refractory: nonNegative,
    /**
     * `euler` (default): V += (I − V)·dt/τ, the notebook's. `exponential`: V = I + (V − I)·e^(−dt/τ),
     * exact while I is constant over the step, and stable for any dt; the traces into the
     * group decay by e^(−dt/τ_s) too.
     */
    integrator: t.keyof({ euler: null, exponential: null }),
  },
);
/** A validated LIF group. */
export type LifGroupSpec = t.TypeOf<typeof lifGroupSpec>;

/**
 * A group of independent Poisson spike sources: each neuron spikes at each step with
 * probability `rate · dt / 1000` (rate in Hz), from its own seeded stream. It takes no input
 * and has no potential; it drives other groups through projections.
 */
export const poissonGroupSpec = strict({ kind: t.literal('poisson'), name, size: positiveInt, rate: nonNegative }, 'PoissonGroupSpec');
/** A validated Poisson group. */
export type PoissonGroupSpec = t.TypeOf<typeof poissonGroupSpec>;

/**
 * Izhikevich (2003) neurons, forward Euler, in mV and ms:
 * `dv/dt = 0.04 v² + 5 v + 140 − u + I`, `du/dt = a (b v − u)`; when `v ≥ peak` (default 30),
 * a spike, then `v = c`, `u += d`. `u` starts at `b · v0`.
 */
export const izhikevichGroupSpec = strict(
  { kind: t.literal('izhikevich'), name, size: positiveInt, a: finite, b: finite, c: finite, d: finite, v0: initializer },
  'IzhikevichGroupSpec',
  { peak: finite },
);
/** A validated Izhikevich group. */
export type IzhikevichGroupSpec = t.TypeOf<typeof izhikevichGroupSpec>;

/**
 * Adaptive exponential integrate-and-fire neurons (Brette & Gerstner 2005), forward Euler, in
 * mV, ms, pF, nS and pA:
 * `C dV/dt = −gL (V − EL) + gL ΔT exp((V − VT)/ΔT) − w + I`, `τw dw/dt = a (V − EL) − w`;
 * when `V ≥ peak`, a spike, then `V = reset`, `w += b`. `w` starts at 0.
 */
export const adexGroupSpec = strict(
  {
    kind: t.literal('adex'),
    name,
    size: positiveInt,
    C: positive,
    gL: positive,
    EL: finite,
    VT: finite,
    deltaT: positive,
    tauw: positive,
    a: finite,
    b: finite,
    reset: finite,
    peak: finite,
    v0: initializer,
  },
  'AdexGroupSpec',
);
/** A validated AdEx group. */
export type AdexGroupSpec = t.TypeOf<typeof adexGroupSpec>;

/** Any neuron group. */
export const groupSpec = byKind('GroupSpec', { lif: lifGroupSpec, izhikevich: izhikevichGroupSpec, adex: adexGroupSpec, poisson: poissonGroupSpec });
/** A validated neuron group. */
export type GroupSpec = t.TypeOf<typeof groupSpec>;
