import { forkJoin, lastValueFrom, share } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { allToAll, asNetwork, clock, expCurrent, input, lif, network, pairStdp, poissonGroup, recordSpikes, recordWeights, sampleWeights, weightDistributionSvg, SpecError } from '../../src/index.js';
import { tian2020 } from '../../examples/tian2020/network.js';

const plastic = (duration: number, every: number, synapses?: number[]) =>
  asNetwork(
    clock({ dt: 0.1, duration }).pipe(
      network({ seed: 2 }),
      poissonGroup('P', { size: 40, rate: 30 }),
      lif('N', { size: 2, tau: 10, threshold: 1, reset: 0 }),
      expCurrent('PN', { pre: 'P', post: 'N', connectivity: allToAll(), tau: 5, g: 1, weight: 0.05, plasticity: pairStdp({ Apre: 0.005, Apost: -0.0055, wmax: 0.1 }) }),
      input('N', 0.8),
      sampleWeights('w', { projection: 'PN', every, ...(synapses === undefined ? {} : { synapses }) }),
    ),
    'plastic',
  );

describe('sampleWeights and recordWeights', () => {
  it('sample at step 0 and every `every` steps, the weights a kernel driven by hand has there', async () => {
    const every = 37;
    const sim = plastic(200, every).build();
    const record = await lastValueFrom(sim.pipe(recordWeights('w')));
    expect(record.steps).toEqual(Array.from({ length: 55 }, (_, k) => k * every).filter((s) => s <= 2000));
    expect(record.width).toBe(80);
    const kernel = plastic(200, every).build().kernel();
    record.steps.forEach((step, k) => {
      if (step > 0) kernel.run(every);
      expect(kernel.step).toBe(step);
      expect(Array.from(record.values.subarray(k * 80, (k + 1) * 80))).toEqual(Array.from(kernel.weights(0)!));
    });
    // They learned: the last sample is not the first.
    expect(record.values.subarray(record.values.length - 80)).not.toEqual(record.values.subarray(0, 80));
    const svg = weightDistributionSvg(record, { domain: [0, 0.1] });
    expect(svg.match(/class="cell"/g)!.length).toBeGreaterThan(record.steps.length);
  });

  it('take chosen synapses, and refuse ones the projection does not have', async () => {
    const record = await lastValueFrom(plastic(50, 100, [3, 0, 79]).build().pipe(recordWeights('w')));
    expect(record.synapses).toEqual([3, 0, 79]);
    expect(record.width).toBe(3);
    expect(() => plastic(50, 100, [80]).build()).toThrow(SpecError);
    expect(() => plastic(50, 100, [80]).build()).toThrow(/weightProbes\[0\]\.synapses\[0\]: synapse 80 is out of range: projection "PN" has 80/);
  });

  it('leave the spikes as they are', async () => {
    const spikes = async (every: number | null) => {
      const net = every === null ? asNetwork(clock({ dt: 0.1, duration: 200 }).pipe(network({ seed: 2 }), poissonGroup('P', { size: 40, rate: 30 }), lif('N', { size: 2, tau: 10, threshold: 1, reset: 0 }), expCurrent('PN', { pre: 'P', post: 'N', connectivity: allToAll(), tau: 5, g: 1, weight: 0.05, plasticity: pairStdp({ Apre: 0.005, Apost: -0.0055, wmax: 0.1 }) }), input('N', 0.8)), 'x') : plastic(200, every);
      const frames$ = net.build().pipe(share());
      const [s] = await lastValueFrom(forkJoin([frames$.pipe(recordSpikes())]));
      return Array.from(s.groups.N!.indices);
    };
    const none = await spikes(null);
    expect(none.length).toBeGreaterThan(10);
    expect(await spikes(13)).toEqual(none);
  });
});

describe('per-synapse weights in the seed network', () => {
  it('all equal to 1 give the spikes of shared weights, bit for bit', async () => {
    const run = (synapses: 'shared' | 'weights') => lastValueFrom(tian2020(clock({ dt: 0.1, duration: 200 }), { neurons: 1000, seed: 3, muF: 10 / Math.sqrt(1000), synapses }).build().pipe(recordSpikes()));
    const [a, b] = [await run('shared'), await run('weights')];
    expect(a.groups.E!.indices.length).toBeGreaterThan(1000);
    expect(Array.from(b.groups.E!.indices)).toEqual(Array.from(a.groups.E!.indices));
    expect(Array.from(b.groups.I!.steps)).toEqual(Array.from(a.groups.I!.steps));
  });
});

describe('weight probes refuse', () => {
  it('a projection without per-synapse weights', () => {
    const net = () => asNetwork(clock({ dt: 0.1, duration: 10 }).pipe(network({ seed: 1 }), poissonGroup('P', { size: 4, rate: 10 }), lif('N', { size: 2, tau: 10, threshold: 1, reset: 0 }), expCurrent('PN', { pre: 'P', post: 'N', connectivity: allToAll(), tau: 5, g: 1 }), sampleWeights('w', { projection: 'PN', every: 10 })), 'x');
    expect(() => net()).toThrow(/weightProbes\[0\]\.projection: projection "PN" has no per-synapse weights \(give it "weight" or "plasticity"\)/);
  });
});
