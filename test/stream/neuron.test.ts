import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, expCurrent, fixedProb, input, lif, network, neuron, recordSpikes, SpecError, uniform, type Network } from '../../src/index.js';
import type { Observable } from 'rxjs';
import type { Frame } from '../../src/index.js';

type Op = (source: Observable<Frame>) => Network;

/** The seed network's recipe, scaled to n neurons, with its two groups made by `group`. */
function seedNetwork(n: number, group: (name: string, size: number, tau: number) => Op, duration = 200) {
  const ni = Math.floor(0.2 * n);
  return clock({ dt: 0.1, duration }).pipe(
    network({ seed: 7 }),
    group('E', n - ni, 15),
    group('I', ni, 10),
    expCurrent('I2E', { pre: 'I', post: 'E', connectivity: fixedProb(0.25), tau: 5, g: -1 }),
    expCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.25), tau: 6, g: 0.25 }),
    expCurrent('I2I', { pre: 'I', post: 'I', connectivity: fixedProb(0.25), tau: 5, g: -1 }),
    expCurrent('E2I', { pre: 'E', post: 'I', connectivity: fixedProb(0.25), tau: 6, g: 0.4 }),
    input('E', 30),
    input('I', 20),
  );
}

const builtIn = (integrator: 'euler' | 'exponential') => (name: string, size: number, tau: number) =>
  lif(name, { size, tau, threshold: 15, reset: 0, v0: uniform(0, 15), integrator });
const asEquations = (method: 'euler' | 'exponential_euler') => (name: string, size: number, tau: number) =>
  neuron(name, { size, equations: 'dv/dt = (-v + I) / tau : volt', threshold: 'v >= 15', reset: 'v = 0', method, parameters: { tau }, initial: { v: uniform(0, 15) } });

async function spikeSteps(net$: Network, backend: 'js' | 'auto' = 'auto', threads = 1) {
  const record = await lastValueFrom(build(net$, { backend, threads }).pipe(recordSpikes()));
  return Object.fromEntries(Object.entries(record.groups).map(([g, train]) => [g, [Array.from(train.steps), Array.from(train.indices)]]));
}

describe('neuron', () => {
  it.each([
    ['euler', 'euler'],
    ['exponential', 'exponential_euler'],
  ] as const)('a LIF written as equations gives the spikes of lif(...) (%s), bit for bit', async (integrator, method) => {
    const expected = await spikeSteps(seedNetwork(1000, builtIn(integrator)), 'js');
    const got = await spikeSteps(seedNetwork(1000, asEquations(method)));
    expect((expected.E![0] as number[]).length).toBeGreaterThan(500);
    expect(got).toEqual(expected);
  });
});
