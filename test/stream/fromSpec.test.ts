import { readFileSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cobahh } from '../../examples/cobahh/network.js';
import { tian2020 } from '../../examples/tian2020/network.js';
import { clock, fromSpec, recordSamples, recordSpikes, sampleState, SpecError } from '../../src/index.js';

const json = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as unknown;

describe('fromSpec', () => {
  it('runs examples/tian2020/network.json spike for spike like the network composed in code', async () => {
    const fromFile = fromSpec(json, { duration: 20, seed: 4 }).build();
    const fromCode = tian2020(clock({ dt: 0.1, duration: 20 }), { seed: 4 }).build();
    expect(fromFile.built.spec).toEqual(fromCode.built.spec);
    expect(fromFile.synapseCount).toBe(fromCode.synapseCount);
    const [a, b] = [await lastValueFrom(fromFile.pipe(recordSpikes())), await lastValueFrom(fromCode.pipe(recordSpikes()))];
    expect(a.groups.E!.indices.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  });

  it('runs examples/cobahh/network.json (Hodgkin-Huxley, normal initializers, initial traces) like the code', async () => {
    const file = JSON.parse(readFileSync('examples/cobahh/network.json', 'utf8')) as unknown;
    const fromFile = fromSpec(file, { duration: 50, seed: 2 }).build();
    const fromCode = cobahh(clock({ dt: 0.1, duration: 50 }), 2).build();
    expect(fromFile.built.spec).toEqual(fromCode.built.spec);
    const [a, b] = [await lastValueFrom(fromFile.pipe(recordSpikes())), await lastValueFrom(fromCode.pipe(recordSpikes()))];
    expect(a.groups.E!.indices.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  });

  it('takes dt and duration from the file, and overrides of duration and seed', () => {
    const net = fromSpec(json);
    expect([net.clock.dt, net.clock.totalSteps, net.spec.seed]).toEqual([0.1, 1000, 0]);
    const changed = fromSpec(json, { duration: 2.5, seed: 9 });
    expect([changed.clock.totalSteps, changed.spec.seed]).toEqual([25, 9]);
  });

  it('gives a network more operators can extend', async () => {
    const small = { ...(json as object), groups: (json as { groups: object[] }).groups.map((g) => ({ ...g, size: 50 })) };
    const net$ = fromSpec(small, { duration: 1 }).pipe(sampleState('v', { target: 'E', variable: 'V', indices: [0, 49] }));
    const samples = await lastValueFrom(net$.pipe(recordSamples('v')));
    expect(samples.values.length).toBe(10 * 2);
  });

  it('throws a SpecError naming the paths, for bad files and bad overrides', () => {
    expect(() => fromSpec({ ...(json as object), seed: 'x' })).toThrow('invalid simulation spec:\nseed: expected a whole number in [0, 4294967295], got "x"');
    expect(() => fromSpec(json, { duration: 0.05 })).toThrow(SpecError);
    expect(() => fromSpec(json, { duration: 0.05 })).toThrow('run.duration: 0.05 ms is not a whole number of steps of dt = 0.1 ms');
  });
});
