import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeNetworkSpec, formatIssues, type SpecIssue } from '../../src/index.js';

const lifE = { kind: 'lif', name: 'E', size: 100, tau: 15, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } };
const good = {
  seed: 1,
  groups: [lifE],
  projections: [{ name: 'E2E', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.25 }, synapse: { kind: 'expCurrent', tau: 6, g: 0.25 } }],
  inputs: [{ kind: 'constant', group: 'E', value: 30 }],
};

function issues(spec: unknown): SpecIssue[] {
  const result = decodeNetworkSpec(spec);
  if (E.isRight(result)) throw new Error('expected the spec to be refused');
  return result.left;
}

describe('decodeNetworkSpec', () => {
  it('accepts a sound spec', () => {
    expect(E.isRight(decodeNetworkSpec(good))).toBe(true);
  });

  it.each([
    ['a negative size', { ...good, groups: [{ ...lifE, size: -1 }] }, 'groups[0].size', 'expected a whole number > 0, got -1'],
    ['a fractional size', { ...good, groups: [{ ...lifE, size: 2.5 }] }, 'groups[0].size', 'expected a whole number > 0, got 2.5'],
    ['a zero time constant', { ...good, groups: [{ ...lifE, tau: 0 }] }, 'groups[0].tau', 'expected a finite number > 0, got 0'],
    ['a missing field', { ...good, groups: [{ ...lifE, threshold: undefined }] }, 'groups[0].threshold', 'is missing (expected a finite number)'],
    ['a string for a number', { ...good, inputs: [{ kind: 'constant', group: 'E', value: '30' }] }, 'inputs[0].value', 'expected a finite number, got "30"'],
    ['a probability above 1', { ...good, projections: [{ ...good.projections[0], connectivity: { kind: 'fixedProbability', p: 1.5 } }] }, 'projections[0].connectivity.p', 'expected a number in [0, 1], got 1.5'],
    ['an unknown kind', { ...good, groups: [{ ...lifE, kind: 'hodgkinHuxley' }] }, 'groups[0].kind', 'unknown kind "hodgkinHuxley" (expected lif | izhikevich | adex | hh | poisson | neuron)'],
    ['an unknown field', { ...good, groups: [{ ...lifE, tua: 3 }] }, 'groups[0].tua', 'unknown field "tua" (known: kind, name, size, tau, threshold, reset, v0, refractory, integrator, rest, positions)'],
    ['a seed that is not a whole number', { ...good, seed: -1 }, 'seed', 'expected a whole number in [0, 4294967295], got -1'],
  ])('refuses %s with its path', (_, spec, path, message) => {
    expect(issues(spec)).toContainEqual({ path, message });
  });

  it('refuses references to groups that do not exist, naming the groups there are', () => {
    const spec = { ...good, projections: [{ ...good.projections[0], post: 'I' }], inputs: [{ kind: 'constant', group: 'X', value: 1 }] };
    expect(issues(spec)).toEqual([
      { path: 'projections[0].post', message: 'no group named "I" (groups: E)' },
      { path: 'inputs[0].group', message: 'no group named "X" (groups: E)' },
    ]);
  });

  it('refuses duplicate group names', () => {
    expect(issues({ ...good, groups: [lifE, lifE] })).toContainEqual({ path: 'groups[1].name', message: 'duplicate group name "E"' });
  });

  it('lists every problem at once, one line each', () => {
    const text = formatIssues(issues({ ...good, seed: 1.5, groups: [{ ...lifE, size: 0, tau: -1 }] }));
    expect(text.split('\n')).toEqual([
      'seed: expected a whole number in [0, 4294967295], got 1.5',
      'groups[0].size: expected a whole number > 0, got 0',
      'groups[0].tau: expected a finite number > 0, got -1',
    ]);
  });

  it('refuses probes outside their group and variables the target lacks', () => {
    const spec = { ...good, probes: [{ name: 'p', target: 'E', variable: 's', indices: [0, 100] }] };
    expect(issues(spec)).toEqual([
      { path: 'probes[0].variable', message: 'group "E" has variable "V", not "s"' },
      { path: 'probes[0].indices[1]', message: 'index 100 is out of range for a group of 100' },
    ]);
  });
});
