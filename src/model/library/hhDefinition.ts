/**
 * The built-in Hodgkin–Huxley kind as a definition in the equation language.
 *
 * @example
 * ```ts
 * import { hhDefinition } from './hhDefinition.js';
 * hhDefinition(hhGroup).threshold; // 'v > vth'
 * ```
 * @module
 */
import type { HhGroupSpec } from '../groupSpec.js';
import type { ModelGroup } from './modelGroup.js';

/**
 * The Traub & Miles (1991) gates of Brian2's COBAHH example, each rate written so that it
 * rounds as a hand-written kernel computes it: `a·x / (eˣ − 1)` with its limit `a` at x = 0
 * (Brian2's `a / exprel(x)`, whose division rounds otherwise), and the arguments
 * `((c − v) + VT) / d` or `((v − VT) − c) / d`.
 */
export const TRAUB_MILES_GATES = `dm/dt = am*(1 - m) - bm*m
dh/dt = ah*(1 - h) - bh*h
dn/dt = an*(1 - n) - bn*n
amx = (13 - v + VT) / 4
am = where(amx == 0, 1.28, 1.28 * amx / expm1(amx))
bmx = (v - VT - 40) / 5
bm = where(bmx == 0, 1.4, 1.4 * bmx / expm1(bmx))
ah = 0.128 * exp((17 - v + VT) / 18)
bh = 4 / (1 + exp((40 - v + VT) / 5))
anx = (15 - v + VT) / 5
an = where(anx == 0, 0.16, 0.16 * anx / expm1(anx))
bn = 0.5 * exp((10 - v + VT) / 40)`;

/**
 * `C dv/dt = gL (EL − v) + gNa m³h (ENa − v) + gK n⁴ (EK − v) + I` with the Traub–Miles gates
 * ({@link TRAUB_MILES_GATES}), every variable by exponential Euler from the values at the step's
 * start. Conductance synapses join v's linear part (see `takesConductancesLinearly`). A spike is
 * an upward crossing of `threshold` (default −20 mV): `v > vth` where it did not hold at the
 * step's start (the refractory condition), and with `refractory` ms, not before that period has
 * passed either; no reset. The gates start at their steady state for each neuron's V0 unless
 * `m0`, `h0`, `n0` say otherwise.
 *
 * @param g - a Hodgkin–Huxley group
 * @returns its definition
 */
export function hhDefinition(g: HhGroupSpec): ModelGroup {
  const crossing = 'v > vth';
  const period = g.refractory;
  const initial = Object.fromEntries(
    (['m', 'h', 'n'] as const).flatMap((x) => {
      const init = g[`${x}0`];
      return init === undefined ? [] : [[x, init] as const];
    }),
  );
  return {
    kind: 'neuron',
    name: g.name,
    size: g.size,
    equations: `dv/dt = (gL*(EL - v) + gNa*m*m*m*h*(ENa - v) + gK*n*n*n*n*(EK - v) + I) / C\n${TRAUB_MILES_GATES}`,
    threshold: crossing,
    method: 'exponential_euler',
    parameters: { C: g.C, gL: g.gL, EL: g.EL, gNa: g.gNa, ENa: g.ENa, gK: g.gK, EK: g.EK, VT: g.VT, vth: g.threshold ?? -20 },
    ...(period !== undefined && period > 0 ? { refractory: period, heldWhile: crossing } : { refractory: crossing }),
    ...(Object.keys(initial).length > 0 ? { initial } : {}),
    steady: ['m', 'h', 'n'].filter((x) => !(x in initial)),
  };
}
