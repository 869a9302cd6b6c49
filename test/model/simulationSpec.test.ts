import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeSimulationSpec, networkOf, type SpecIssue } from '../../src/index.js';

const example = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as Record<string, unknown>;

function issues(spec: unknown): SpecIssue[] {
  const result = decodeSimulationSpec(spec);
  if (E.isRight(result)) throw new Error('expected the spec to be refused');
  return result.left;
}

describe('decodeSimulationSpec', () => {
  it('accepts the seed network file, and its network part is a network spec without run settings', () => {
    const result = decodeSimulationSpec(example);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    expect(result.right.run).toEqual({ dt: 0.1, duration: 100 });
    expect(Object.keys(networkOf(result.right)).sort()).toEqual(['groups', 'inputs', 'projections', 'seed']);
  });

  it.each([
    ['null', null, '(root)', 'expected an object with seed, run, groups, projections and inputs, got null'],
    ['an array', [], '(root)', 'expected an object with seed, run, groups, projections and inputs, got an array'],
    ['a number', 3, '(root)', 'expected an object with seed, run, groups, projections and inputs, got number'],
    ['missing run settings', { ...example, run: undefined }, 'run', 'is missing (expected RunSpec)'],
    ['dt = 0', { ...example, run: { dt: 0, duration: 100 } }, 'run.dt', 'expected a finite number > 0, got 0'],
    ['a negative duration', { ...example, run: { dt: 0.1, duration: -5 } }, 'run.duration', 'expected a finite number > 0, got -5'],
    // JSON.parse turns 1e400 into Infinity: the only way a JSON file can hold a non-finite number.
    ['an infinite number from JSON', { ...example, run: JSON.parse('{"dt": 0.1, "duration": 1e400}') }, 'run.duration', 'expected a finite number > 0, got Infinity'],
  ])('refuses %s with its path', (_, spec, path, message) => {
    expect(issues(spec)).toContainEqual({ path, message });
  });

  it('refuses a duration that is not a whole number of steps', () => {
    expect(issues({ ...example, run: { dt: 0.3, duration: 1 } })).toEqual([
      { path: 'run.duration', message: '1 ms is not a whole number of steps of dt = 0.3 ms' },
    ]);
  });

  it('refuses dt >= 2 tau for a group and a synapse, naming each', () => {
    const groups = example.groups as Record<string, unknown>[];
    const projections = example.projections as Record<string, Record<string, unknown>>[];
    const spec = {
      ...example,
      run: { dt: 1, duration: 100 },
      groups: [{ ...groups[0], tau: 0.5 }, groups[1]],
      projections: [{ ...projections[0], synapse: { kind: 'expCurrent', tau: 0.4, g: -1 } }, ...projections.slice(1)],
    };
    expect(issues(spec)).toEqual([
      { path: 'groups[0].tau', message: 'dt = 1 ms >= 2 tau = 1 ms makes forward Euler unstable (or use integrator: "exponential")' },
      { path: 'projections[0].synapse.tau', message: 'dt = 1 ms >= 2 tau = 0.8 ms makes forward Euler unstable (or use integrator: "exponential")' },
    ]);
  });

  it('refuses an unknown top-level field, listing the known ones', () => {
    expect(issues({ ...example, sede: 3 })).toContainEqual({
      path: 'sede',
      message: 'unknown field "sede" (known: seed, groups, projections, inputs, run, probes, weightProbes, description)',
    });
  });

  it('reports the whole-network checks too: unknown groups and duplicate names', () => {
    const groups = example.groups as Record<string, unknown>[];
    const projections = example.projections as Record<string, unknown>[];
    expect(issues({ ...example, groups: [groups[0], { ...groups[1], name: 'E' }], projections: [projections[0]] })).toEqual([
      { path: 'groups[1].name', message: 'duplicate group name "E"' },
      { path: 'projections[0].pre', message: 'no group named "I" (groups: E)' },
      { path: 'inputs[1].group', message: 'no group named "I" (groups: E)' },
    ]);
  });
});
