/**
 * The Traub & Miles (1991) rate functions of the Hodgkin–Huxley group (`kind: 'hh'`), in one
 * place: the generated kernels inline {@link traubMilesSource}, and the steady-state gates that
 * start a group are computed from the very same expressions.
 *
 * The rates with a removable singularity, a·x/(eˣ − 1), are written with `expm1_` and their
 * limit a at x = 0, as Brian2's `exprel`. The exponentials are spikestream's own (`exp_` and
 * `expm1_` of {@link EXP_SOURCE}, which the source expects in scope), which the WebAssembly
 * kernel computes bit for bit alike.
 *
 * @example
 * ```ts
 * const [m, h, n] = traubMilesSteadyState(-65, -63);
 * ```
 * @module
 */
import { EXP_SOURCE } from './exp.js';

/**
 * One Traub–Miles rate, per ms, of the potential V (mV) and the group's offset VT, with its
 * argument x = ((c − V) + VT) / d (`falling`: the rate grows as V falls) or ((V − VT) − c) / d:
 * `'rel'` a·x / (eˣ − 1) (a at x = 0), `'exp'` a·eˣ, `'logistic'` a / (1 + eˣ).
 */
export interface TraubMilesRate {
  readonly name: 'am' | 'bm' | 'ah' | 'bh' | 'an' | 'bn';
  readonly form: 'rel' | 'exp' | 'logistic';
  readonly a: number;
  readonly falling: boolean;
  readonly c: number;
  readonly d: number;
}

/**
 * The six rates αm, βm, αh, βh, αn, βn of Brian2's COBAHH example, in the order both kernels
 * compute them; the JavaScript source ({@link traubMilesSource}) and the WebAssembly kernel
 * (`wasmHh`) are both written from this table.
 */
export const TRAUB_MILES_RATES: readonly TraubMilesRate[] = [
  { name: 'am', form: 'rel', a: 1.28, falling: true, c: 13, d: 4 },
  { name: 'bm', form: 'rel', a: 1.4, falling: false, c: 40, d: 5 },
  { name: 'ah', form: 'exp', a: 0.128, falling: true, c: 17, d: 18 },
  { name: 'bh', form: 'logistic', a: 4, falling: true, c: 40, d: 5 },
  { name: 'an', form: 'rel', a: 0.16, falling: true, c: 15, d: 5 },
  { name: 'bn', form: 'exp', a: 0.5, falling: true, c: 10, d: 40 },
];

/**
 * Statements that declare the six rates (per ms) `am, bm, ah, bh, an, bn` for the potential
 * held in the variable `v`, with `VT` the group's offset, as JavaScript source.
 *
 * @param v - the name of the variable holding V, mV
 * @param VT - the offset as a literal or a variable name
 * @returns the statements
 */
export function traubMilesSource(v: string, VT: string): string {
  return TRAUB_MILES_RATES.map(({ name, form, a, falling, c, d }) => {
    const x = falling ? `(${c} - ${v} + ${VT}) / ${d}` : `(${v} - ${VT} - ${c}) / ${d}`;
    // a·x/(eˣ − 1), a at x = 0.
    if (form === 'rel') return `const ${name}x = ${x}; const ${name} = ${name}x === 0 ? ${a} : ${a} * ${name}x / expm1_(${name}x);`;
    return form === 'exp' ? `const ${name} = ${a} * exp_(${x});` : `const ${name} = ${a} / (1 + exp_(${x}));`;
  }).join(' ');
}

type Rates = (v: number, VT: number) => number[];
// Compiled from the same source the kernels inline, on first use (as the kernels are compiled).
let compiledRates: Rates | undefined;
const rates: Rates = (v, VT) => {
  compiledRates ??= new Function('v', 'VT', `${EXP_SOURCE}\n${traubMilesSource('v', 'VT')} return [am, bm, ah, bh, an, bn];`) as Rates;
  return compiledRates(v, VT);
};

/**
 * The six rates at a potential, per ms: `[αm, βm, αh, βh, αn, βn]`.
 *
 * @param v - membrane potential, mV
 * @param VT - the group's offset, mV
 * @returns the rates
 */
export function traubMilesRates(v: number, VT: number): number[] {
  return rates(v, VT);
}

/**
 * The gates' steady state at a fixed potential, `[m∞, h∞, n∞]` with x∞ = αx / (αx + βx).
 *
 * @param v - membrane potential, mV
 * @param VT - the group's offset, mV
 * @returns the three gates
 */
export function traubMilesSteadyState(v: number, VT: number): [number, number, number] {
  const [am, bm, ah, bh, an, bn] = rates(v, VT) as [number, number, number, number, number, number];
  return [am / (am + bm), ah / (ah + bh), an / (an + bn)];
}
