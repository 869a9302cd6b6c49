import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, recordSpikes } from '../../src/index.js';
import { cobahh } from '../../examples/cobahh/network.js';
import { meanRates } from './meanRates.js';

/**
 * Brian2 2.5.1, C++ standalone, exponential Euler, Brian2's own COBAHH example
 * (bench/brian2/brette2007.py --model cobahh), seeds 1-3, 1 s, run 2026-11-26 with
 * `/usr/bin/python3 bench/brian2/brette2007.py --model cobahh --seed S`:
 * E 36.550, 37.244, 31.962 Hz; I 36.175, 36.829, 33.965 Hz.
 */
const brian2 = { E: (36.5503125 + 37.2440625 + 31.9615625) / 3, I: (36.175 + 36.82875 + 33.965) / 3 };

describe('examples/cobahh: Brette et al. 2007 COBAHH', () => {
  it('fires at Brian2\'s rates: the mean over three seeds within 6% for E and I', async () => {
    const rates = await meanRates(cobahh, [1, 2, 3]);
    expect(Math.abs(rates.E! / brian2.E - 1)).toBeLessThan(0.06);
    expect(Math.abs(rates.I! / brian2.I - 1)).toBeLessThan(0.06);
  }, 120_000);

  it('fires at Brian2\'s rates with its neurons written as Brian2\'s equations (exprel, exponential Euler)', async () => {
    const rates = await meanRates((clock$, seed) => cobahh(clock$, seed, { asEquations: true }), [1, 2, 3]);
    expect(Math.abs(rates.E! / brian2.E - 1)).toBeLessThan(0.06);
    expect(Math.abs(rates.I! / brian2.I - 1)).toBeLessThan(0.06);
  }, 120_000);

  it('gives the same spikes in JavaScript and WebAssembly with its neurons as equations, on one thread and two', async () => {
    const run = async (backend: 'js' | 'wasm', threads: number) => {
      const record = await lastValueFrom(build(cobahh(clock({ dt: 0.1, duration: 100 }), 1, { asEquations: true }), { backend, threads }).pipe(recordSpikes()));
      return [record.groups.E!.steps, record.groups.E!.indices, record.groups.I!.steps, record.groups.I!.indices].map((a) => Array.from(a));
    };
    const js = await run('js', 1);
    expect(js[1]!.length).toBeGreaterThan(1000);
    expect(await run('wasm', 1)).toEqual(js);
    expect(await run('wasm', 2)).toEqual(js);
  }, 120_000);
});
