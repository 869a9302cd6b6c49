import { lastValueFrom } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { clock, recordSpikes, type SpikeRecord } from '../../src/index.js';
import { tian2020 } from '../../examples/tian2020/network.js';

// As in a browser's worker: the pool's workers do not start while the thread that started them
// is busy, so a threaded Simulation makes no kernel as it builds, and its first run makes one
// once they have started. Node's workers do start meanwhile; this says they do not.
vi.mock('../../src/kernel/threads/workerPool.js', async (original) => ({ ...(await original<typeof import('../../src/kernel/threads/workerPool.js')>()), workersStartUnaided: () => false }));
vi.mock('../../src/kernel/threads/threadedKernel.js', async (original) => {
  const actual = await original<typeof import('../../src/kernel/threads/threadedKernel.js')>();
  return { ...actual, warmThreads: vi.fn(actual.warmThreads) };
});

const { warmThreads } = await import('../../src/kernel/threads/threadedKernel.js');

function spikesOf(record: SpikeRecord): string {
  return Object.values(record.groups)
    .map((t) => `${t.group}:${Array.from(t.steps).join(',')}|${Array.from(t.indices).join(',')}`)
    .join('\n');
}

describe('a threaded Simulation whose workers start after its build', () => {
  it('warms the first run\'s kernel as its first tick comes, once, and gives the spikes of one thread', async () => {
    const net = (): ReturnType<typeof tian2020> => tian2020(clock({ dt: 0.1, duration: 100 }), { neurons: 400, seed: 3, muF: 0.5 });
    const sim = net().build({ threads: 2 });
    expect(vi.mocked(warmThreads)).not.toHaveBeenCalled();
    const two = spikesOf(await lastValueFrom(sim.pipe(recordSpikes())));
    expect(vi.mocked(warmThreads)).toHaveBeenCalledTimes(1);
    const one = spikesOf(await lastValueFrom(net().pipe(recordSpikes())));
    expect(one.length).toBeGreaterThan(1000);
    expect(two).toBe(one);
    // A second run needs no warming: this process's threads are warm.
    expect(spikesOf(await lastValueFrom(sim.pipe(recordSpikes())))).toBe(one);
    expect(vi.mocked(warmThreads)).toHaveBeenCalledTimes(1);
  });
});
