import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, lif, network, recordSamples, recordSpikes, sampleState, timedInput, uniform } from '../../src/index.js';

describe('timedInput', () => {
  it('applies each value from its time on, 0 before: the potential follows the plain loop', async () => {
    const times = [2, 5, 5.5];
    const values = [10, -4, 7];
    const net$ = clock({ dt: 0.1, duration: 10 }).pipe(
      network({ seed: 1 }),
      lif('N', { size: 1, tau: 2, threshold: 100, reset: 0, v0: 1 }),
      timedInput('N', { times, values }),
      sampleState('v', { target: 'N', variable: 'V', indices: [0] }),
    );
    const v = Array.from((await lastValueFrom(build(net$).pipe(recordSamples('v')))).values);
    // The plain loop: the input at step k is the last value whose time is at or before k·dt.
    let x = 1;
    const expected: number[] = [];
    for (let k = 0; k < 100; k++) {
      expected.push(x);
      let I = 0;
      times.forEach((t, j) => {
        if (k >= Math.round(t / 0.1)) I = values[j]!;
      });
      x = x + (I - x) * (0.1 / 2);
    }
    expect(v).toEqual(expected);
  });

  it('gives the same spikes on one thread and two, across blocks', async () => {
    const net$ = clock({ dt: 0.1, duration: 60, block: 7 }).pipe(
      network({ seed: 2 }),
      lif('E', { size: 200, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
      timedInput('E', { times: [0, 20, 40], values: [1.2, 3, 0.5] }),
    );
    const one = await lastValueFrom(build(net$).pipe(recordSpikes()));
    const two = await lastValueFrom(build(net$, { threads: 2 }).pipe(recordSpikes()));
    expect(one.groups.E!.indices.length).toBeGreaterThan(100);
    expect(two).toEqual(one);
  });

  it('refuses times that go back, lists of different lengths, and times between steps', () => {
    const file = (times: number[], values: number[]) => ({
      seed: 0,
      run: { dt: 0.1, duration: 10 },
      groups: [{ kind: 'lif', name: 'N', size: 1, tau: 10, threshold: 15, reset: 0, v0: { kind: 'constant', value: 0 } }],
      projections: [],
      inputs: [{ kind: 'timed', group: 'N', times, values }],
    });
    const issues = (times: number[], values: number[]) => {
      const r = decodeSimulationSpec(file(times, values));
      return E.isLeft(r) ? r.left : [];
    };
    expect(issues([0, 5, 3], [1, 2, 3])).toEqual([{ path: 'inputs[0].times[2]', message: 'times must increase: 3 ms after 5 ms' }]);
    expect(issues([0, 5], [1])).toEqual([{ path: 'inputs[0]', message: '2 times and 1 values: each time needs its value' }]);
    expect(issues([0.25], [1])).toEqual([{ path: 'inputs[0].times[0]', message: '0.25 ms is not a whole number of steps of dt = 0.1 ms' }]);
  });
});
