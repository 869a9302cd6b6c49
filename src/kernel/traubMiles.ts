/**
 * The Traub & Miles (1991) rate functions of the Hodgkin–Huxley group (`kind: 'hh'`), in one
 * place: the generated kernels inline {@link traubMilesSource}, and the steady-state gates that
 * start a group are computed from the very same expressions.
 *
 * The rates with a removable singularity, a·x/(eˣ − 1), are written with `Math.expm1` and their
 * limit a at x = 0, as Brian2's `exprel`.
 *
 * @example
 * ```ts
 * const [m, h, n] = traubMilesSteadyState(-65, -63);
 * ```
 * @module
 */

/**
 * Statements that declare the six rates (per ms) `am, bm, ah, bh, an, bn` for the potential
 * held in the variable `v`, with `VT` the group's offset, as JavaScript source.
 *
 * @param v - the name of the variable holding V, mV
 * @param VT - the offset as a literal or a variable name
 * @returns the statements
 */
export function traubMilesSource(v: string, VT: string): string {
  // a·x/(eˣ − 1), a at x = 0.
  const rel = (a: number, x: string, name: string): string => `const ${name}x = ${x}; const ${name} = ${name}x === 0 ? ${a} : ${a} * ${name}x / Math.expm1(${name}x);`;
  return [
    rel(1.28, `(13 - ${v} + ${VT}) / 4`, 'am'),
    rel(1.4, `(${v} - ${VT} - 40) / 5`, 'bm'),
    `const ah = 0.128 * Math.exp((17 - ${v} + ${VT}) / 18);`,
    `const bh = 4 / (1 + Math.exp((40 - ${v} + ${VT}) / 5));`,
    rel(0.16, `(15 - ${v} + ${VT}) / 5`, 'an'),
    `const bn = 0.5 * Math.exp((10 - ${v} + ${VT}) / 40);`,
  ].join(' ');
}

type Rates = (v: number, VT: number) => number[];
// Compiled from the same source the kernels inline, on first use (as the kernels are compiled).
let compiledRates: Rates | undefined;
const rates: Rates = (v, VT) => {
  compiledRates ??= new Function('v', 'VT', `${traubMilesSource('v', 'VT')} return [am, bm, ah, bh, an, bn];`) as Rates;
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
