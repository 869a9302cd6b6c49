import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, recordSpikes } from '../../src/index.js';
import { coba } from '../../examples/coba/network.js';
import { meanRates } from './meanRates.js';

/**
 * Brian2 2.5.1, C++ standalone, forward Euler, the same model (bench/brian2/brette2007.py), seeds 1-3,
 * 1 s, run 2026-11-26 with `/usr/bin/python3 bench/brian2/brette2007.py --model coba --seed S` (seed 1 rerun with
 * this script after it replaced bench/brian2/coba.py: the same rates):
 * E 21.094, 21.009, 21.900 Hz; I 21.616, 21.381, 21.491 Hz.
 */
const brian2 = { E: (21.094375 + 21.0090625 + 21.8996875) / 3, I: (21.61625 + 21.38125 + 21.49125) / 3 };

describe('examples/coba: Brette et al. 2007 COBA', () => {
  it('fires at Brian2\'s rates: the mean over three seeds within 6% for E and I', async () => {
    const rates = await meanRates(coba, [1, 2, 3]);
    expect(Math.abs(rates.E! / brian2.E - 1)).toBeLessThan(0.06);
    expect(Math.abs(rates.I! / brian2.I - 1)).toBeLessThan(0.06);
  });

  it('fires at Brian2\'s rates written as Brian2 writes it: ge and gi in the model, spikes adding to them', async () => {
    const rates = await meanRates((clock$, seed) => coba(clock$, seed, { asEquations: true }), [1, 2, 3]);
    expect(Math.abs(rates.E! / brian2.E - 1)).toBeLessThan(0.06);
    expect(Math.abs(rates.I! / brian2.I - 1)).toBeLessThan(0.06);
  });

  it('gives the same spikes as equations in JavaScript and WebAssembly, on one thread and two', async () => {
    const run = async (backend: 'js' | 'wasm', threads: number) => {
      const record = await lastValueFrom(build(coba(clock({ dt: 0.1, duration: 200 }), 1, { asEquations: true }), { backend, threads }).pipe(recordSpikes()));
      return [record.groups.E!.steps, record.groups.E!.indices, record.groups.I!.steps, record.groups.I!.indices].map((a) => Array.from(a));
    };
    const js = await run('js', 1);
    expect(js[1]!.length).toBeGreaterThan(5000);
    expect(await run('wasm', 1)).toEqual(js);
    expect(await run('wasm', 2)).toEqual(js);
  });
});
