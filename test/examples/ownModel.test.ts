import { readFileSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ownModel } from '../../examples/own-model/network.js';
import { build, clock, fromSpec, recordSpikes } from '../../src/index.js';

/** A QIF neuron's rate, Hz: τ dv/dt = v²/10 + d from −10 to 10 takes τ·√(10/d)·2·atan(10/√(10·d)) ms. */
const qifRate = (d: number, tau = 10): number => 1000 / (tau * Math.sqrt(10 / d) * 2 * Math.atan(10 / Math.sqrt(10 * d)));

describe('examples/own-model', () => {
  it('runs from its file with the spikes of the code version', async () => {
    const json = JSON.parse(readFileSync('examples/own-model/network.json', 'utf8')) as unknown;
    const fromFile = await lastValueFrom(fromSpec(json, { duration: 200 }).build().pipe(recordSpikes()));
    const fromCode = await lastValueFrom(build(ownModel(clock({ dt: 0.1, duration: 200 }))).pipe(recordSpikes()));
    expect(fromFile.groups.A!.indices.length).toBeGreaterThan(100);
    expect(Array.from(fromFile.groups.Q!.indices)).toEqual(Array.from(fromCode.groups.Q!.indices));
    expect(Array.from(fromFile.groups.A!.steps)).toEqual(Array.from(fromCode.groups.A!.steps));
  });

  it("fires Q at the closed-form QIF rate averaged over its drives' distribution", async () => {
    const record = await lastValueFrom(build(ownModel(clock({ dt: 0.1, duration: 2000 }), { seed: 4 })).pipe(recordSpikes()));
    const measured = record.groups.Q!.indices.length / 1000 / 2;
    // The mean of qifRate over d ~ U(0.5, 5), by the midpoint rule on 10,000 cells.
    let expected = 0;
    for (let k = 0; k < 10_000; k++) expected += qifRate(0.5 + (4.5 * (k + 0.5)) / 10_000) / 10_000;
    // 1,000 drives drawn: the sample mean's spread is about 0.3 Hz; Euler at dt = 0.1 ms adds less.
    expect(Math.abs(measured - expected)).toBeLessThan(0.04 * expected);
  });
});
