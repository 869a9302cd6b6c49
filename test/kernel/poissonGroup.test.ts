import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expCurrent, fixedProb, input, lif, network, poissonGroup, recordSpikes, sampleState, SpecError, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, streamKey, subKey, Xoshiro128 } from '../../src/kernel.js';
import { seedState, xoshiroStepSource } from '../../src/kernel/numeric/random.js';

describe('xoshiroStepSource', () => {
  it('steps the generator exactly as Xoshiro128.uint32 does', () => {
    const state = seedState(12345, new Int32Array(4));
    const step = new Function('s', `let a = s[0], b = s[1], c = s[2], d = s[3]; ${xoshiroStepSource('r')} s[0] = a; s[1] = b; s[2] = c; s[3] = d; return r >>> 0;`) as (s: Int32Array) => number;
    const reference = new Xoshiro128(12345);
    for (let k = 0; k < 1000; k++) expect(step(state)).toBe(reference.uint32());
  });
});

describe('poissonGroup', () => {
  const net$ = (threads = 1) =>
    build(
      clock({ dt: 0.1, duration: 2000 }).pipe(network({ seed: 3 }), poissonGroup('X', { size: 500, rate: 20 })),
      { threads },
    );

  it('fires at its rate: the count is Binomial(neurons × steps, rate·dt) within 5 sigma', async () => {
    const record = await lastValueFrom(net$().pipe(recordSpikes()));
    const trials = 500 * 20_000;
    const p = (20 * 0.1) / 1000;
    expect(Math.abs(record.groups.X!.indices.length - trials * p)).toBeLessThan(5 * Math.sqrt(trials * p * (1 - p)));
  });

  it('has geometric intervals: no likelier to spike again soon after a spike (no memory)', async () => {
    const record = await lastValueFrom(net$().pipe(recordSpikes()));
    const last = new Map<number, number>();
    const intervals: number[] = [];
    const train = record.groups.X!;
    for (let k = 0; k < train.indices.length; k++) {
      const i = train.indices[k]!;
      const prev = last.get(i);
      if (prev !== undefined) intervals.push(train.steps[k]! - prev);
      last.set(i, train.steps[k]!);
    }
    const p = 0.002;
    const mean = intervals.reduce((a, b) => a + b) / intervals.length;
    // Geometric(p) on steps >= 1: mean 1/p = 500, sd sqrt(1 - p)/p.
    expect(Math.abs(mean - 1 / p)).toBeLessThan((5 * Math.sqrt(1 - p)) / p / Math.sqrt(intervals.length));
    // P(interval = 1) = p: about as many back-to-back spikes as the rate predicts.
    const ones = intervals.filter((x) => x === 1).length;
    expect(Math.abs(ones - intervals.length * p)).toBeLessThan(5 * Math.sqrt(intervals.length * p) + 1);
  });

  it('gives the same spikes on any number of threads, and drives a LIF group through a projection', async () => {
    const one = await lastValueFrom(net$(1).pipe(recordSpikes()));
    const two = await lastValueFrom(net$(2).pipe(recordSpikes()));
    expect(two).toEqual(one);
    const driven = clock({ dt: 0.1, duration: 200 }).pipe(
      network({ seed: 1 }),
      poissonGroup('X', { size: 1000, rate: 50 }),
      lif('E', { size: 100, tau: 20, threshold: 1, reset: 0 }),
      expCurrent('X2E', { pre: 'X', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.05 }),
    );
    const record = await lastValueFrom(build(driven).pipe(recordSpikes()));
    expect(record.groups.E!.indices.length).toBeGreaterThan(0);
  });

  it('takes no input and no probe, and refuses a rate above one spike per step', () => {
    const base = clock({ dt: 0.1, duration: 10 }).pipe(network({ seed: 1 }), poissonGroup('X', { size: 3, rate: 5 }));
    expect(() => base.pipe(input('X', 1))).toThrow('inputs[0].group: group "X" is a Poisson source: it takes no input');
    expect(() => base.pipe(sampleState('v', { target: 'X', variable: 'V', indices: [0] }))).toThrow('group "X" is a Poisson source: it has no state to sample');
    const fast = { seed: 1, groups: [{ kind: 'poisson', name: 'X', size: 1, rate: 20_000 }], projections: [], inputs: [] } as unknown as NetworkSpec;
    expect(() => build(clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), poissonGroup('X', { size: 1, rate: 20_000 }))).kernel()).toThrow(SpecError);
    expect(buildNetwork(fast).groups).toHaveLength(1);
  });

  it('draws each neuron from its own substream of poisson:<name>', async () => {
    // Neuron 7's first draws, by the rule: spike at a step when the top 31 bits are below p·2³¹.
    const rng = new Xoshiro128(subKey(streamKey(3, 'poisson:X'), 7));
    const threshold = Math.floor(0.002 * 2147483648);
    const expected: number[] = [];
    for (let step = 0; step < 20_000; step++) if (rng.uint32() >>> 1 < threshold) expected.push(step);
    const record = await lastValueFrom(net$().pipe(recordSpikes()));
    const train = record.groups.X!;
    const got = Array.from(train.steps).filter((_, k) => train.indices[k] === 7);
    expect(got).toEqual(expected);
  });
});
