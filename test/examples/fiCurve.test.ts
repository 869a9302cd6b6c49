import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fiCurve } from '../../examples/hh-fi-curve/fiCurve.js';

describe('examples/hh-fi-curve: a Hodgkin–Huxley F–I curve written as equations', () => {
  // Brian2 2.5.1 running the same neuron (bench/brian2/own_models.py, "hh"): its last neuron is
  // driven by 300 · 5 = 1500 pA for 1 s.
  const brian2 = JSON.parse(readFileSync('test/reference/brian2OwnModels.json', 'utf8')) as { hh: number[] };

  it('rises with the current, one spike per upward crossing, Brian2\'s count at 1500 pA', async () => {
    const { currents, rates, backend } = await fiCurve({ neurons: 4, maxCurrent: 1500, duration: 1000 });
    expect(currents).toEqual([0, 500, 1000, 1500]);
    expect(backend).toBe('wasm');
    for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThan(rates[i - 1]!);
    expect(rates[3]).toBe(brian2.hh[brian2.hh.length - 1]);
    // Without the refractory condition each spike's millisecond or so above −20 mV counts every
    // step: several times as many.
    const everyStep = await fiCurve({ neurons: 4, maxCurrent: 1500, duration: 1000, countEveryStep: true });
    rates.forEach((r, i) => expect(everyStep.rates[i]!).toBeGreaterThan(4 * r));
  });
});
