import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runNetwork } from '../../src/cli/runNetwork.js';
import { fromSpec } from '../../src/index.js';

/** The seed network's file at N = 500 (a drive that makes so small a network fire), 20 ms. */
function smallNetwork() {
  const spec = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as Record<string, any>;
  spec.groups[0].size = 400;
  spec.groups[1].size = 100;
  spec.inputs[0].value = 30;
  spec.inputs[1].value = 20;
  return fromSpec(spec, { duration: 20, seed: 3 });
}

/** Busy for `ms`: a mark of where in the timed phases a call falls. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // waiting
  }
}

describe('runNetwork', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('collects the garbage once, in the build and not in the run, when the process exposes gc', async () => {
    // A 300 ms collection: the build's time must hold it and the run's must not (a run of
    // 200 steps of 500 neurons takes a few ms).
    const gc = vi.fn(() => busy(300));
    vi.stubGlobal('gc', gc);
    const summary = await runNetwork(smallNetwork(), { title: 'small' });
    expect(gc).toHaveBeenCalledTimes(1);
    expect(summary.buildSeconds).toBeGreaterThanOrEqual(0.3);
    expect(summary.simSeconds).toBeLessThan(0.3);
    expect(summary.spikes).toBeGreaterThan(0);
  });

  it('runs as before without it', async () => {
    vi.stubGlobal('gc', undefined);
    const summary = await runNetwork(smallNetwork(), { title: 'small' });
    expect(summary.spikes).toBeGreaterThan(0);
    expect(summary.durationMs).toBeCloseTo(20, 9);
  });
});
