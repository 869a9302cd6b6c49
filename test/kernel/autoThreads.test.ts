import { describe, expect, it } from 'vitest';
import { coba } from '../../examples/coba/network.js';
import { cobahh } from '../../examples/cobahh/network.js';
import { tian2020 } from '../../examples/tian2020/network.js';
import { build, clock } from '../../src/index.js';
import { autoThreads, machineCores } from '../../src/kernel.js';

const c = () => clock({ dt: 0.1, duration: 1 });

describe('autoThreads', () => {
  it('picks several threads for the seed network (25 million synapses), up to 8, and the cores', () => {
    const seed = tian2020(c(), { neurons: 10_000 }).spec;
    expect([autoThreads(seed, 1), autoThreads(seed, 2), autoThreads(seed, 4), autoThreads(seed, 16)]).toEqual([1, 2, 4, 8]);
  });

  it('uses every core for 100 million synapses or more (the seed network at N = 100,000)', () => {
    expect(autoThreads(tian2020(c(), { neurons: 100_000, connectivity: 'procedural' }).spec, 16)).toBe(16);
  });

  it('picks one thread for COBA (320,000 synapses), two threads slower there, and several for COBAHH (4,000 HH neurons)', () => {
    expect(autoThreads(coba(c()).spec, 16)).toBe(1);
    expect(autoThreads(cobahh(c()).spec, 2)).toBe(2);
  });

  it('gives threads to procedural rows the module draws, and one thread where their network needs JavaScript threads', () => {
    const spec = tian2020(c(), { neurons: 10_000, connectivity: 'procedural' }).spec;
    expect(autoThreads(spec, 16)).toBeGreaterThan(1);
    // p = 0.05: 5 million synapses, drawn by the module on threads (npm run bench:kernel times them).
    const small = { ...spec, projections: spec.projections.map((p) => ({ ...p, connectivity: { kind: 'fixedProbability', p: 0.05, procedural: true } })) } as unknown as typeof spec;
    expect(autoThreads(small, 16)).toBe(2);
    const valued = { ...spec, projections: spec.projections.map((p, k) => (k === 0 ? { ...p, weight: { kind: 'uniform', low: 0, high: 1 }, delays: { kind: 'uniform', low: 0, high: 1 } } : p)) } as unknown as typeof spec;
    expect(autoThreads(valued, 16)).toBe(autoThreads(spec, 16));
    // Spikes injected: WebAssembly's threads do not take them, and JavaScript's no procedural rows.
    const injected = { ...spec, inputs: [...spec.inputs, { kind: 'spikeTimes', group: 'E', indices: [0], times: [1] }] } as unknown as typeof spec;
    expect(autoThreads(injected, 16)).toBe(1);
  });

  it('is what a Simulation asked for "auto" runs on', () => {
    const net = tian2020(c(), { neurons: 2000 });
    expect(build(net, { threads: 'auto' }).threads).toBe(autoThreads(net.spec, machineCores()));
    expect(machineCores()).toBeGreaterThanOrEqual(1);
  });
});
