import { readFileSync } from 'node:fs';
import { forkJoin, lastValueFrom, share, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { clock, fromSpec, recordSpikes, recordWeights, type Frame } from '../../src/index.js';
import { params, song2000 } from '../../examples/stdp-song2000/network.js';
import { summary } from '../../examples/stdp-song2000/summary.js';
import brian2 from '../reference/brian2Song2000.json' with { type: 'json' };

/** Mean and standard deviation of Brian2's runs over its seeds. */
function spread(key: 'rateHz' | 'fractionAboveHalf' | 'fractionNearBounds'): { mean: number; sd: number } {
  const xs = brian2.runs.map((r) => r[key]);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) };
}

describe('Song, Miller & Abbott 2000 (additive STDP, 1,000 inputs, 100 s)', () => {
  it('ends with the output rate and weight distribution of Brian2 running the same script, within its seed-to-seed spread', async () => {
    const sim = song2000(clock({ dt: 0.1, duration: 100_000 }), { seed: 1, sampleEvery: 1_000_000 }).build();
    const frames$ = sim.pipe(share());
    const [weights, spikes] = await lastValueFrom(forkJoin([frames$.pipe(recordWeights('w')), frames$.pipe(recordSpikes(['neuron']))]));
    // Two samples: the drawn weights (uniform in [0, gmax)) and the final ones.
    expect(weights.steps).toEqual([0, 1_000_000]);
    const first = weights.values.subarray(0, 1000);
    expect(first.filter((w) => w > params.gmax / 2).length / 1000).toBeCloseTo(0.5, 1);
    const ours = summary(weights, spikes, params.gmax);
    for (const key of ['rateHz', 'fractionAboveHalf', 'fractionNearBounds'] as const) {
      const { mean, sd } = spread(key);
      expect(Math.abs(ours[key] - mean), `${key}: ours ${ours[key]}, Brian2 ${mean.toFixed(3)} ± ${sd.toFixed(3)}`).toBeLessThan(3 * sd);
    }
    // The rule did something: far more weights at the bounds than the uniform start's 20%.
    expect(ours.fractionNearBounds).toBeGreaterThan(0.35);
  }, 120_000);
});

describe('examples/stdp-song2000/network.json', () => {
  it('runs from its file with the spikes and weights of the code version', async () => {
    const json = JSON.parse(readFileSync('examples/stdp-song2000/network.json', 'utf8')) as unknown;
    const run = async (net: { build(): Observable<Frame> }) => {
      const frames$ = net.build().pipe(share());
      return lastValueFrom(forkJoin([frames$.pipe(recordWeights('w')), frames$.pipe(recordSpikes())]));
    };
    const [wFile, sFile] = await run(fromSpec(json, { duration: 3000 }));
    const [wCode, sCode] = await run(song2000(clock({ dt: 0.1, duration: 3000 }), { seed: 1 }));
    expect(sFile.groups.neuron!.indices.length).toBeGreaterThan(20);
    expect(Array.from(sFile.groups.neuron!.steps)).toEqual(Array.from(sCode.groups.neuron!.steps));
    expect(wFile.steps).toEqual([0, 10000, 20000, 30000]);
    expect(Array.from(wFile.values)).toEqual(Array.from(wCode.values));
  });
});
