/**
 * The frequency dependence of the pairing protocol under triplet STDP (Pfister & Gerstner 2006,
 * the visual cortex data of Sjöström et al. 2001): 60 pairs at 1 to 50 Hz, the postsynaptic spike
 * 10 ms after the presynaptic one and 10 ms before it, the weight's change in spikestream and by
 * the closed form of the rule.
 *
 *   npm run pairing -- [--pairs N=60] [--out DIR=out/stdp-pairing] [--json]
 *
 * Writes pairing.svg (the change against the rate, for both orders).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { linePlotSvg } from '../../src/index.js';
import { pairingChange } from './pairing.js';

const { values } = parseArgs({ options: { pairs: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
const pairs = Number(values.pairs ?? 60);
if (!(Number.isInteger(pairs) && pairs >= 1)) {
  process.stderr.write(`pairing: --pairs must be a whole number >= 1, got "${values.pairs}"\n`);
  process.exit(2);
}
// Rates whose period is a whole number of 0.1 ms steps.
const rates = [1, 5, 10, 20, 25, 40, 50];
const rows = [10, -10].map((shift) => ({ shift, changes: rates.map((rate) => pairingChange({ rate, shift, pairs })) }));
const worst = Math.max(...rows.flatMap((r) => r.changes.map((c) => Math.abs(c.measured - c.closedForm))));
const [file] = writeFilesAtomically(resolve(values.out ?? 'out/stdp-pairing'), [
  [
    'pairing.svg',
    linePlotSvg(
      rows.map(({ shift, changes }) => ({ name: `post ${shift > 0 ? '+' : '−'}10 ms`, x: rates, y: changes.map((c) => 100 * c.measured) })),
      { title: `Triplet STDP, ${pairs} pairs: change of weight against the pairs' rate`, xLabel: 'Pairing rate (Hz)', yLabel: 'Δw (% of 1)' },
    ),
  ],
]);
if (values.json) process.stdout.write(`${JSON.stringify({ pairs, rates, changes: rows.map(({ shift, changes }) => ({ shift, measured: changes.map((c) => c.measured), closedForm: changes.map((c) => c.closedForm) })), worstDifference: worst, files: [file] })}\n`);
else {
  for (const { shift, changes } of rows) process.stdout.write(`post ${shift > 0 ? '+' : '-'}10 ms: ${changes.map((c, k) => `${rates[k]} Hz ${(100 * c.measured).toFixed(2)}%`).join(', ')}\n`);
  process.stdout.write(`largest difference from the closed form: ${worst.toExponential(2)}; wrote ${file}\n`);
}
