import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeNetworkSpec, neuronModel, SpecError, timeStepIssues, type SpecIssue } from '../../../src/index.js';
import { buildNetwork, createKernel } from '../../../src/kernel.js';

const qif = {
  kind: 'neuron',
  name: 'Q',
  size: 4,
  equations: 'dv/dt = (v*v/10 + drive + I) / tau',
  threshold: 'v >= 10',
  reset: 'v = -10',
  parameters: { tau: 10, drive: { kind: 'uniform', low: 0.5, high: 5 } },
  initial: { v: -10 },
};

function issues(group: Record<string, unknown>, extra: Record<string, unknown> = {}): SpecIssue[] {
  const result = decodeNetworkSpec({ seed: 1, groups: [group], projections: [], inputs: [], ...extra });
  return E.isLeft(result) ? result.left : [];
}

describe('neuronModel', () => {
  it('accepts the issue\'s quadratic integrate-and-fire group', () => {
    expect(issues(qif)).toEqual([]);
  });

  it('gives states in equation order, sub-expressions substituted, and what reads I', () => {
    const result = neuronModel({ equations: 'dv/dt = (drive - v) / tau\ndrive = I + 2 * w : 1\ndw/dt = -w / 50', threshold: 'v > vt', reset: 'v = 0; w += 1', parameters: ['tau', 'vt'] });
    expect('model' in result).toBe(true);
    if (!('model' in result)) return;
    expect(result.model.states).toEqual(['v', 'w']);
    expect(result.model.usesInput).toBe(true);
    expect(result.model.reset.map((r) => [r.target, r.op])).toEqual([
      ['v', '='],
      ['w', '+='],
    ]);
  });

  it.each([
    ['an unknown name, with its line and column', { equations: 'dv/dt = -v / tau\ndu/dt = (v - uu) / 5' }, 'groups[0].equations', 'line 2, column 14: unknown name "uu"'],
    ['a parameter assigned in the reset', { reset: 'tau = 5' }, 'groups[0].reset', 'line 1, column 1: "tau" is a parameter; only state variables (v) can be assigned'],
    ['a threshold that is not a condition', { threshold: 'v - 10' }, 'groups[0].threshold', 'line 1, column 3: expected a condition (such as v >= 10), got a number'],
    ['two equations for one variable', { equations: 'dv/dt = -v / tau\ndv/dt = 1' }, 'groups[0].equations', 'line 2, column 2: "v" is defined twice'],
    ['exponential Euler on a nonlinear equation', { method: 'exponential_euler' }, 'groups[0].equations', 'method "exponential_euler" needs dv/dt linear in v'],
    ['a condition added to a number', { equations: 'dv/dt = (v > 1) + I' }, 'groups[0].equations', 'line 1, column 12: expected a number, got a condition'],
    ['a sub-expression defined by itself', { equations: 'dv/dt = a\na = b + 1\nb = a * 2' }, 'groups[0].equations', 'is defined in terms of itself'],
    ['noise in the threshold', { threshold: 'v > xi' }, 'groups[0].threshold', 'xi (white noise) belongs in the derivatives'],
    ['noise under rk4', { equations: 'dv/dt = -v / tau + xi', method: 'rk4' }, 'groups[0].equations', 'xi (white noise) needs method "euler"'],
    ['noise that is not additive', { equations: 'dv/dt = -v / tau + xi * xi' }, 'groups[0].equations', 'xi must enter dv/dt linearly'],
    ['an unknown flag', { equations: 'dv/dt = -v / tau : volt (constant)' }, 'groups[0].equations', 'unknown flag "(constant)"'],
    ['no differential equation', { equations: 'a = 1' }, 'groups[0].equations', 'no differential equation'],
    ['an initial value for no state variable', { initial: { u: 1 } }, 'groups[0].initial', '"u" is not a state variable of this model'],
    ['a parameter named like a built-in', { parameters: { I: 1, tau: 10, drive: 1 } }, 'groups[0].parameters.I', '"I" is a built-in name'],
    ['a method that does not exist', { method: 'heun' }, 'groups[0].method', 'expected'],
  ])('refuses %s', (_, change, path, message) => {
    const found = issues({ ...qif, ...change });
    expect(found.map((x) => x.path)).toContain(path);
    expect(found.find((x) => x.path === path)!.message).toContain(message);
  });

  it('refuses a projection into a model that does not read I', () => {
    const deaf = { ...qif, equations: 'dv/dt = (v*v/10 + drive) / tau' };
    const found = issues(deaf, { inputs: [{ kind: 'constant', group: 'Q', value: 1 }] });
    expect(found).toContainEqual({ path: 'inputs[0].group', message: 'group "Q"\'s equations do not use I, so this would have no effect' });
  });

  it('refuses a dt too large for a linear time constant under Euler, naming the line', () => {
    const spec = decodeNetworkSpec({ seed: 1, groups: [{ ...qif, equations: 'dv/dt = (I - v) / tau\ndw/dt = -w / 0.05', parameters: { tau: 10 } }], projections: [], inputs: [] });
    if (E.isLeft(spec)) throw new Error(JSON.stringify(spec.left));
    expect(timeStepIssues(spec.right, 0.05)).toEqual([]);
    const found = timeStepIssues(spec.right, 0.1);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe('groups[0].equations');
    expect(found[0]!.message).toContain('line 2: dt = 0.1 ms makes method "euler" unstable for dw/dt, whose time constant is 0.05 ms');
    expect(() => createKernel(buildNetwork(spec.right), { dt: 0.1 })).toThrow(SpecError);
  });
});

describe('a network file is data', () => {
  it.each([
    ['a call into the host', { equations: 'dv/dt = process.exit(1)' }, 'groups[0].equations', 'unexpected character "."'],
    ['constructor as a name', { equations: 'dv/dt = constructor' }, 'groups[0].equations', 'unknown name "constructor"'],
    ['constructor as a state variable', { equations: 'dconstructor/dt = 1', threshold: 'constructor > 1', reset: '' }, 'groups[0].equations', '"constructor" is reserved'],
    ['__proto__ as a parameter', { parameters: JSON.parse('{"__proto__": 1, "tau": 10, "drive": 1}') as unknown }, 'groups[0].parameters.__proto__', 'is reserved'],
    ['a string literal', { threshold: 'v >= "10"' }, 'groups[0].threshold', 'string literals are not part of the model language'],
    ['a template literal', { reset: 'v = `${1}`' }, 'groups[0].reset', 'string literals are not part of the model language'],
  ])('refuses %s', (_, change, path, message) => {
    const found = issues({ ...qif, ...change });
    expect(found.map((x) => x.path)).toContain(path);
    expect(found.find((x) => x.path === path)!.message).toContain(message);
  });

  it('writes no text of the spec into the kernel: names become generated locals, numbers literals', () => {
    const spec = decodeNetworkSpec({
      seed: 1,
      groups: [{ ...qif, equations: 'dsecret_state/dt = (secret_sub + I) / tau\nsecret_sub = secret_param * 2', threshold: 'secret_state > 1', reset: 'secret_state = 0', parameters: { tau: 10, secret_param: { kind: 'constant', value: 1 } }, initial: {} }],
      projections: [],
      inputs: [],
    });
    if (E.isLeft(spec)) throw new Error(JSON.stringify(spec.left));
    const source = createKernel(buildNetwork(spec.right), { dt: 0.1, backend: 'js' }).source;
    expect(source).not.toMatch(/secret/);
  });
});
