import { lastValueFrom, share, Subject } from 'rxjs';
import { take } from 'rxjs/operators';
import { describe, expect, it } from 'vitest';
import { asNetwork, build, clock, decodeNetworkSpec, delta, lif, network, oneToOne, poissonGroup, rateInput, recordSpikes, SimulationError } from '../../src/index.js';
import * as E from 'fp-ts/lib/Either.js';

/** A Poisson group P at 0 Hz driving B one to one; its rate set after the frames of steps 9 and 19. */
function run(options: Parameters<typeof build>[1]) {
  const rate$ = new Subject<number>();
  const net$ = asNetwork(
    clock({ dt: 0.1, duration: 3 }).pipe(
      network({ seed: 2 }),
      poissonGroup('P', { size: 30, rate: 0 }),
      lif('B', { size: 30, tau: 10, threshold: 1, reset: 0 }),
      delta('PB', { pre: 'P', post: 'B', connectivity: oneToOne(), w: 2 }),
      rateInput('P', rate$),
    ),
    'rates',
  );
  const frames$ = build(net$, options).pipe(share());
  // 10,000 Hz at dt = 0.1 ms: every neuron at every step, from step 10; none again from step 20.
  frames$.pipe(take(10)).subscribe({ complete: () => rate$.next(10_000) });
  frames$.pipe(take(20)).subscribe({ complete: () => rate$.next(0) });
  return lastValueFrom(frames$.pipe(recordSpikes()));
}

describe('rateInput', () => {
  it.each([
    ['JavaScript', { backend: 'js' as const }],
    ['WebAssembly', { backend: 'wasm' as const }],
    ['two WebAssembly threads', { backend: 'wasm' as const, threads: 2 }],
    ['two JavaScript threads', { backend: 'js' as const, threads: 2 }],
  ])('sets a Poisson group\'s rate from the next step (%s)', async (_, options) => {
    const record = await run(options);
    const steps = Array.from(record.groups.P!.steps);
    expect(steps.length).toBe(300);
    expect(new Set(steps)).toEqual(new Set(Array.from({ length: 10 }, (_, k) => 10 + k)));
    expect(Array.from(record.groups.B!.steps).every((s) => s >= 11 && s <= 20)).toBe(true);
  });

  it('draws the same spikes as the group at that rate from the start, on every back end', async () => {
    const at = async (options: Parameters<typeof build>[1], viaInput: boolean) => {
      const rate$ = new Subject<number>();
      const group$ = clock({ dt: 0.1, duration: 20 }).pipe(network({ seed: 9 }), poissonGroup('P', { size: 101, rate: viaInput ? 3 : 250 }));
      const net$ = viaInput ? group$.pipe(rateInput('P', rate$)) : group$;
      const frames$ = build(net$, options).pipe(share());
      // The run starts with the first subscription; its first step comes later (the clock's
      // scheduler): a value set now holds from step 0.
      frames$.pipe(take(1)).subscribe(() => undefined);
      rate$.next(250);
      return Array.from((await lastValueFrom(frames$.pipe(recordSpikes()))).groups.P!.indices);
    };
    const plain = await at({ backend: 'js' }, false);
    expect(plain.length).toBeGreaterThan(200);
    for (const options of [{ backend: 'js' as const }, { backend: 'wasm' as const }, { backend: 'wasm' as const, threads: 2 }]) expect(await at(options, true)).toEqual(plain);
  });

  it('is refused on a group that is not a Poisson group, and stops the run on a rate above one spike per step', async () => {
    const decoded = decodeNetworkSpec({ seed: 1, groups: [{ kind: 'lif', name: 'E', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } }], projections: [], inputs: [{ kind: 'rate', group: 'E' }] });
    expect(E.isLeft(decoded) ? decoded.left : []).toEqual([{ path: 'inputs[0].group', message: 'a rate input sets the rate of a Poisson group; "E" is not one' }]);
    const rate$ = new Subject<number>();
    const frames$ = build(clock({ dt: 0.1, duration: 2 }).pipe(network({ seed: 1 }), poissonGroup('P', { size: 2, rate: 1 }), rateInput('P', rate$))).pipe(share());
    frames$.pipe(take(2)).subscribe({ complete: () => rate$.next(20_000) });
    const error = await lastValueFrom(frames$.pipe(recordSpikes())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as Error).message).toContain('rate 20000 is not a number of Hz from 0 to 10000 (one spike per step)');
  });
});
