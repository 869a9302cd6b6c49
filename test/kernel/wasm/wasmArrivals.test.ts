import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expCurrent, fixedProb, input, lif, network, recordSamples, recordSpikes, sampleState, uniform } from '../../../src/index.js';

describe('delayed sums added in the module (wasmArrivals), delays in steps of one byte or two', () => {
  // Delays up to 2 ms are 20 steps, one byte each; up to 30 ms, 300 steps, two bytes.
  it.each([2, 30])("give the JavaScript kernel's traces and spikes, bit for bit, into a group of odd size, on 1 to 3 threads (delays up to %i ms)", async (longest) => {
    const run = async (backend: 'js' | 'wasm', threads: number): Promise<{ s: number[]; spikes: number[] }> => {
      const net$ = clock({ dt: 0.1, duration: 60 }).pipe(
        network({ seed: 5 }),
        lif('P', { size: 60, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
        lif('Q', { size: 101, tau: 10, threshold: 1, reset: 0, v0: uniform(0, 1) }),
        input('P', 1.1),
        input('Q', 0.95),
        expCurrent('PQ', { pre: 'P', post: 'Q', connectivity: fixedProb(0.2), tau: 3, g: 0.05, weight: uniform(0.5, 1.5), delays: uniform(0, longest) }),
        // Every target, the last (odd) one included: the pairs' loop leaves it to the single one.
        sampleState('s', { target: 'PQ', variable: 's', indices: Array.from({ length: 101 }, (_, i) => i) }),
      );
      const frames$ = build(net$, { backend, threads });
      const [s, spikes] = await Promise.all([lastValueFrom(frames$.pipe(recordSamples('s'))), lastValueFrom(frames$.pipe(recordSpikes()))]);
      return { s: Array.from(s.values), spikes: Array.from(spikes.groups.Q!.indices) };
    };
    const js = await run('js', 1);
    expect(js.spikes.length).toBeGreaterThan(20);
    // The last target's trace takes delayed sums.
    expect(js.s.filter((_, k) => k % 101 === 100).some((x) => x > 0)).toBe(true);
    for (const threads of [1, 2, 3]) expect(await run('wasm', threads), `${threads} thread(s)`).toEqual(js);
  });
});
