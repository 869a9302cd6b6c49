/**
 * The F–I curve of a Hodgkin–Huxley neuron written as equations, spiking once per upward
 * crossing of −20 mV (a refractory condition, as Brian2 writes it), and the same neurons
 * counted without the condition: every step above −20 mV a "spike".
 *
 *   npm run fi-curve -- [--neurons N=100] [--max-current PA=1500] [--duration MS=1000] [--out DIR=out/hh-fi-curve] [--json]
 *
 * Writes fi-curve.svg (rate against current, both counts).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { linePlotSvg } from '../../src/index.js';
import { fiCurve } from './fiCurve.js';

const { values } = parseArgs({ options: { neurons: { type: 'string' }, 'max-current': { type: 'string' }, duration: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
const neurons = Number(values.neurons ?? 100);
const maxCurrent = Number(values['max-current'] ?? 1500);
const duration = Number(values.duration ?? 1000);
if (!(Number.isInteger(neurons) && neurons >= 2) || !(Number.isFinite(maxCurrent) && maxCurrent > 0) || !(Number.isFinite(duration) && duration > 0)) {
  process.stderr.write('fi-curve: --neurons must be a whole number >= 2, --max-current (pA) and --duration (ms) numbers > 0\n');
  process.exit(2);
}
const crossings = await fiCurve({ neurons, maxCurrent, duration });
const everyStep = await fiCurve({ neurons, maxCurrent, duration, countEveryStep: true });
const [file] = writeFilesAtomically(resolve(values.out ?? 'out/hh-fi-curve'), [
  [
    'fi-curve.svg',
    linePlotSvg(
      [
        { name: 'upward crossings', x: crossings.currents, y: crossings.rates },
        { name: 'steps > −20 mV', x: everyStep.currents, y: everyStep.rates, dashed: true },
      ],
      { title: `Traub–Miles neuron written as equations, ${duration} ms per current`, xLabel: 'Current (pA)', yLabel: 'Rate (Hz)' },
    ),
  ],
]);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ currents: crossings.currents, rates: crossings.rates, everyStep: everyStep.rates, backend: crossings.backend, files: [file] })}\n`);
} else {
  const last = crossings.rates.length - 1;
  process.stdout.write(`${crossings.rates[0]!.toFixed(0)} Hz at 0 pA to ${crossings.rates[last]!.toFixed(0)} Hz at ${maxCurrent} pA (${everyStep.rates[last]!.toFixed(0)} "spikes" per second counting every step above -20 mV); ${crossings.backend}; wrote ${file}\n`);
}
