import { lastValueFrom, share, Subject } from 'rxjs';
import { map, take } from 'rxjs/operators';
import { describe, expect, it } from 'vitest';
import { asNetwork, build, clock, delta, input, lif, network, oneToOne, recordSpikes, SimulationError, spikeInput, fixedProb, expCurrent, uniform } from '../../src/index.js';

/** A silent group A (no input) driving B one to one with jumps above threshold. */
function relay(spikes$: Subject<number[]>, duration = 5) {
  return asNetwork(
    clock({ dt: 0.1, duration }).pipe(
      network({ seed: 1 }),
      lif('A', { size: 10, tau: 10, threshold: 1, reset: 0 }),
      lif('B', { size: 10, tau: 10, threshold: 1, reset: 0 }),
      delta('AB', { pre: 'A', post: 'B', connectivity: oneToOne(), w: 2 }),
      spikeInput('A', spikes$),
    ),
    'relay',
  );
}

const pairs = (record: Awaited<ReturnType<typeof recordOf>>, g: string) => Array.from(record.groups[g]!.indices, (i, k) => [record.groups[g]!.steps[k]!, i]);
const recordOf = async (net: ReturnType<typeof relay>, options: Parameters<typeof build>[1] = {}) => {
  const frames$ = build(net, options).pipe(share());
  return lastValueFrom(frames$.pipe(recordSpikes()));
};

describe('spikeInput', () => {
  it.each([
    ['JavaScript', { backend: 'js' as const }],
    ['WebAssembly', { backend: 'wasm' as const }],
    ['two JavaScript threads', { threads: 2 }],
  ])('makes the neurons spike at the next step, and their targets after (%s)', async (_, options) => {
    const spikes$ = new Subject<number[]>();
    const net = relay(spikes$);
    const sim = build(net, options);
    const frames$ = sim.pipe(share());
    // Neurons 7, 2 and 2 again, sent after the frame of step 9: they spike at step 10 (once each).
    frames$.pipe(take(10)).subscribe({ complete: () => spikes$.next([7, 2, 2]) });
    // And 9 with 0, after the frame of step 19, then 0 again in the same gap: at step 20.
    frames$.pipe(take(20)).subscribe({ complete: () => (spikes$.next([9, 0]), spikes$.next([0])) });
    const record = await lastValueFrom(frames$.pipe(recordSpikes()));
    expect(pairs(record, 'A')).toEqual([[10, 2], [10, 7], [20, 0], [20, 9]]);
    // Delta synapses act at the next step: B's neurons spike one step later.
    expect(pairs(record, 'B')).toEqual([[11, 2], [11, 7], [21, 0], [21, 9]]);
  });

  it('merges injected spikes with a group\'s own, each neuron once, on either back end', async () => {
    const run = async (backend: 'js' | 'wasm') => {
      const spikes$ = new Subject<number[]>();
      const net$ = asNetwork(
        clock({ dt: 0.1, duration: 30 }).pipe(
          network({ seed: 5 }),
          lif('E', { size: 200, tau: 10, threshold: 15, reset: 0, v0: uniform(0, 15) }),
          expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(0.1), tau: 5, g: 0.3 }),
          input('E', 16),
          spikeInput('E', spikes$),
        ),
        'merge',
      );
      const frames$ = build(net$, { backend }).pipe(share());
      // After every frame, every tenth neuron is injected: some spike by themselves too.
      frames$.pipe(map((f) => f.step)).subscribe((step) => spikes$.next(step % 7 === 0 ? Array.from({ length: 20 }, (_, i) => 10 * i) : []));
      return lastValueFrom(frames$.pipe(recordSpikes()));
    };
    const [js, wasm] = [await run('js'), await run('wasm')];
    expect(Array.from(wasm.groups.E!.indices)).toEqual(Array.from(js.groups.E!.indices));
    // Within each step, ascending and each neuron once.
    const e = js.groups.E!;
    for (let k = 1; k < e.indices.length; k++) if (e.steps[k] === e.steps[k - 1]) expect(e.indices[k]).toBeGreaterThan(e.indices[k - 1]!);
    const injectedSteps = new Set(Array.from(e.steps).filter((_, k) => e.indices[k] === 190));
    expect(injectedSteps.size).toBeGreaterThan(30);
  });

  it('ends the run with a SimulationError naming a neuron outside the group', async () => {
    const spikes$ = new Subject<number[]>();
    const frames$ = build(relay(spikes$)).pipe(share());
    frames$.pipe(take(3)).subscribe({ complete: () => spikes$.next([10]) });
    const error = await lastValueFrom(frames$.pipe(recordSpikes())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as Error).message).toMatch(/input "A" \(inputs\[0\]\): neuron 10 at index 0 is not a whole number in \[0, 10\)/);
  });
});
