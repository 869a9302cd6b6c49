/**
 * Neuron group specs.
 *
 * A leaky integrate-and-fire group (`kind: 'lif'`) follows
 * `τ dV/dt = −(V − rest) + I` (rest 0 unless given); when `V ≥ threshold` the neuron spikes and `V` is set to `reset`
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
import { finite, name, nonNegative, positive, positiveInt, type NonNegative } from './brands.js';
import { byKind } from './byKind.js';
import { initializer } from './initializer.js';
import { namedValues } from './namedValues.js';
import { positionsSpec } from './positionsSpec.js';
import { strict } from './strict.js';

export { uniformInitializer, constantInitializer, valuesInitializer, normalInitializer, lognormalInitializer, initializer, type Initializer } from './initializer.js';

/**
 * A group of leaky integrate-and-fire neurons driven by a current (forward Euler). With
 * `refractory` (ms, a whole number of steps, default 0), a neuron that spikes is held at
 * `reset` for that long: its potential is not integrated and it cannot spike, as Brian2's
 * `refractory=` with `(unless refractory)` equations. A neuron that spikes at step k is
 * integrated again from step k + refractory/dt (Brian2's rule; NEST's resumes one step later).
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
    /**
     * Resting (leak reversal) potential: τ dV/dt = −(V − rest) + I. Default 0, the notebook's
     * form; Brette et al. 2007's benchmarks rest at −49 or −60 mV.
     */
    rest: finite,
    /** Where the neurons sit on a sheet, for connectivity by distance. */
    positions: positionsSpec,
  },
);
/** A validated LIF group. */
export type LifGroupSpec = t.TypeOf<typeof lifGroupSpec>;

/**
 * A group of independent Poisson spike sources: each neuron spikes at each step with
 * probability `rate · dt / 1000` (rate in Hz), from its own seeded stream. It takes no input
 * and has no potential; it drives other groups through projections.
 */
export const poissonGroupSpec = strict({ kind: t.literal('poisson'), name, size: positiveInt, rate: nonNegative }, 'PoissonGroupSpec', { positions: positionsSpec });
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
  { peak: finite, positions: positionsSpec },
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
  { positions: positionsSpec },
);
/** A validated AdEx group. */
export type AdexGroupSpec = t.TypeOf<typeof adexGroupSpec>;

/**
 * Hodgkin–Huxley neurons with Traub & Miles (1991) sodium and potassium channels, as in Brette et
 * al. 2007's COBAHH benchmark, in mV, ms, pF, nS and pA:
 *
 * ```text
 * C dV/dt = gL (EL − V) + gNa m³h (ENa − V) + gK n⁴ (EK − V) + Σ g_syn (E_syn − V) + I
 * dx/dt = αx(V) (1 − x) − βx(V) x            for the gates x = m, h, n
 * αm = 0.32 (13 − V + VT) / (exp((13 − V + VT)/4) − 1)    βm = 0.28 (V − VT − 40) / (exp((V − VT − 40)/5) − 1)
 * αh = 0.128 exp((17 − V + VT)/18)                      βh = 4 / (1 + exp((40 − V + VT)/5))
 * αn = 0.032 (15 − V + VT) / (exp((15 − V + VT)/5) − 1)   βn = 0.5 exp((10 − V + VT)/40)
 * ```
 *
 * Every variable steps by exponential Euler (Brian2's `exponential_euler`): each equation is
 * linear in its own variable, so V and each gate relax exactly towards the value they would
 * reach with the others held at their values from the start of the step; the fast sodium
 * current makes forward Euler unusable at dt = 0.1 ms. A spike is an upward crossing of
 * `threshold` (default −20 mV) with no reset: the spike's own dynamics bring V back. With
 * `refractory` (ms, a whole number of steps), a neuron that spikes at step k cannot spike again
 * before step k + refractory/dt, as Brian2's `refractory=` without `(unless refractory)`.
 * The gates start at their steady state for each neuron's V0 unless `m0`, `h0`, `n0` say
 * otherwise (Brian2 starts them at 0 unless told).
 */
export const hhGroupSpec = strict(
  {
    kind: t.literal('hh'),
    name,
    size: positiveInt,
    /** Membrane capacitance, pF. */
    C: positive,
    /** Leak conductance, nS, and its reversal potential, mV. */
    gL: positive,
    EL: finite,
    /** Peak sodium conductance, nS, and its reversal potential, mV. */
    gNa: nonNegative,
    ENa: finite,
    /** Peak potassium conductance, nS, and its reversal potential, mV. */
    gK: nonNegative,
    EK: finite,
    /** Offset of the rate functions, mV (−63 in COBAHH). */
    VT: finite,
    v0: initializer,
  },
  'HhGroupSpec',
  { threshold: finite, refractory: nonNegative, m0: initializer, h0: initializer, n0: initializer, positions: positionsSpec },
);
/** A validated Hodgkin–Huxley group. */
export type HhGroupSpec = t.TypeOf<typeof hhGroupSpec>;

/**
 * A `neuron` group's `refractory`: a period (ms, a finite number at least 0) or a condition (a
 * string, checked with the model's other expressions). One codec, so that a bad value gets one
 * message rather than one per member of a union.
 */
const periodOrCondition = new t.Type<NonNegative | string, NonNegative | string, unknown>(
  'PeriodOrCondition',
  (u): u is NonNegative | string => typeof u === 'string' || nonNegative.is(u),
  (u, c) =>
    typeof u === 'string' || nonNegative.is(u)
      ? t.success(u)
      : t.failure(u, c, `expected a refractory period (a finite number >= 0, ms) or a refractory condition (a string such as "v > -20"), got ${typeof u === 'number' ? String(u) : JSON.stringify(u) ?? typeof u}`),
  t.identity,
);

/**
 * A group of neurons whose model is written as equations (docs/models.md, "Writing your own
 * model"), compiled into the kernel like the built-in kinds:
 *
 * ```json
 * {"kind": "neuron", "name": "Q", "size": 1000,
 *  "equations": "dv/dt = (v*v/10 + drive + I) / tau",
 *  "threshold": "v >= 10", "reset": "v = -10", "method": "euler",
 *  "parameters": {"tau": 10, "drive": {"kind": "uniform", "low": 0.5, "high": 5}},
 *  "initial": {"v": -10}}
 * ```
 *
 * `equations` holds `dx/dt = expr` lines (a trailing `: unit` is accepted) and `y = expr`
 * sub-expressions; `threshold` a condition; `reset` statements (`v = 0; vt += 2`). A parameter
 * is a number or an initializer (one value per neuron); a state variable starts at `initial`'s
 * value, default 0. With `refractory` (ms), a neuron that spikes cannot spike for that long, and
 * its equations flagged `(unless refractory)` are not integrated (Brian2's rule). `refractory`
 * may instead be a condition, Brian2's `refractory='v > -20*mV'`: a neuron is refractory at
 * each step where it holds on the values at the step's start, so `"threshold": "v > -20",
 * "refractory": "v > -20"` counts upward crossings (a Hodgkin–Huxley spike once); or a period
 * written as an expression of the parameters (`"tref"`, one value per neuron), counted in steps
 * as Brian2 counts them. The
 * expressions are checked as the network is (`checkNetworkSpec`), with the line and column of
 * each mistake.
 */
export const neuronGroupSpec = strict(
  { kind: t.literal('neuron'), name, size: positiveInt, equations: t.string, threshold: t.string },
  'NeuronGroupSpec',
  {
    reset: t.string,
    /** ms; a condition under which a neuron is refractory; or a period (ms) as an expression of the parameters. */
    refractory: periodOrCondition,
    /** `euler` (default), `exponential_euler`, `rk2` (midpoint) or `rk4`. */
    method: t.keyof({ euler: null, exponential_euler: null, rk2: null, rk4: null }),
    parameters: namedValues,
    initial: namedValues,
    positions: positionsSpec,
  },
);
/** A validated group of a user-defined model. */
export type NeuronGroupSpec = t.TypeOf<typeof neuronGroupSpec>;

/** Any neuron group. */
export const groupSpec = byKind('GroupSpec', { lif: lifGroupSpec, izhikevich: izhikevichGroupSpec, adex: adexGroupSpec, hh: hhGroupSpec, poisson: poissonGroupSpec, neuron: neuronGroupSpec });
/** A validated neuron group. */
export type GroupSpec = t.TypeOf<typeof groupSpec>;
