import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { brunel2000 } from '../../examples/brunel2000/network.js';
import { clock, recordSpikes } from '../../src/index.js';

/**
 * Brian2 2.5.1, C++ standalone, the same model (bench/brian2/brunel2000.py: fixed in-degrees,
 * delta synapses with a 1.5 ms delay lost while refractory, PoissonInput), g = 5, η = 2, 500 ms,
 * run 2026-11-26 with `/usr/bin/python3 bench/brian2/brunel2000.py --duration 500 --seed S`:
 * seed 1: E 42.301, I 42.447 Hz; seed 2: E 42.162, I 42.409 Hz.
 */
const brian2 = { E: (42.301 + 42.162) / 2, I: (42.447 + 42.409) / 2 };

describe('examples/brunel2000: Brunel 2000, model A', () => {
  it('fires at Brian2\'s rates in the asynchronous state (g = 5, eta = 2): within 3%', async () => {
    const record = await lastValueFrom(brunel2000(clock({ dt: 0.1, duration: 500 }), { seed: 1 }).pipe(recordSpikes()));
    const rates = { E: record.groups.E!.indices.length / 8000 / 0.5, I: record.groups.I!.indices.length / 2000 / 0.5 };
    expect(Math.abs(rates.E / brian2.E - 1)).toBeLessThan(0.03);
    expect(Math.abs(rates.I / brian2.I - 1)).toBeLessThan(0.03);
  });
});
