import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { timeStepIssues } from '../../src/index.js';
import { buildNetwork } from '../../src/kernel/buildNetwork.js';
import { groupInput } from '../../src/kernel/program/groupInput.js';
import { synapseDefinitionOf } from '../../src/model/library/synapseDefinition.js';
import { checkedSynapse, synapseTraces } from '../../src/model/library/synapseTraces.js';
import { decodeNetworkSpec, type NetworkSpec } from '../../src/model/networkSpec.js';

/** A network of one source and four targets, one per synapse kind (and a LIF integrated exactly). */
function spec(integrator: 'euler' | 'exponential'): NetworkSpec {
  const decoded = decodeNetworkSpec({
    seed: 1,
    inputs: [],
    groups: [
      { kind: 'lif', name: 'P', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
      { kind: 'lif', name: 'Q', size: 3, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 }, integrator },
      { kind: 'neuron', name: 'R', size: 2, equations: 'du/dt = -u / 20\ndv/dt = (I - v) / 10', threshold: 'v > 1', reset: 'v = 0' },
    ],
    projections: [
      { name: 'cur', pre: 'P', post: 'Q', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 3, g: 0.7 } },
      { name: 'cond', pre: 'P', post: 'Q', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 7, g: 0.3, E: -80 } },
      { name: 'dual', pre: 'P', post: 'Q', connectivity: { kind: 'allToAll' }, synapse: { kind: 'dualExpCurrent', tauRise: 0.7, tauDecay: 3.3, g: 1.1 } },
      { name: 'jump', pre: 'P', post: 'Q', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0.25 } },
      { name: 'jumpU', pre: 'P', post: 'R', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: -2, target: 'v' } },
    ],
  });
  if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
  return decoded.right;
}

describe('the synapse kinds as definitions (synapseDefinition, synapseTraces)', () => {
  it('step each trace as the closed forms of the kinds say: 1 − dt/τ, e^(−dt/τ), the dual pair, a jump', () => {
    const dt = 0.1;
    for (const integrator of ['euler', 'exponential'] as const) {
      const decay = (tau: number): number => (integrator === 'euler' ? 1 - dt / tau : Math.exp(-dt / tau));
      const plan = groupInput(buildNetwork(spec(integrator)), 1, dt);
      expect(plan.terms).toEqual([
        { kind: 'trace', projection: 0, g: 0.7, E: null },
        { kind: 'trace', projection: 1, g: 0.3, E: -80 },
        { kind: 'trace', projection: 2, g: 1.1, E: null },
      ]);
      // The dual exponential steps by forward Euler whatever its target's method.
      expect(plan.steps).toEqual([
        { kind: 'decay', projection: 0, factor: decay(3) },
        { kind: 'decay', projection: 1, factor: decay(7) },
        { kind: 'dualExp', projection: 2, decay: 1 - dt / 3.3, rise: 1 - dt / 0.7, coupling: dt },
        { kind: 'clear', projection: 3 },
      ]);
      expect(plan.jumps).toEqual([{ projection: 3, w: 0.25, state: 0 }]);
    }
    // A delta synapse's `target` names the variable by name, not by place: v is R's second.
    expect(groupInput(buildNetwork(spec('euler')), 2, dt).jumps).toEqual([{ projection: 4, w: -2, state: 1 }]);
  });

  it('put the spikes of a dual exponential into h, of the others into s', () => {
    const s = spec('euler');
    const into = s.projections.map((p) => synapseTraces(synapseDefinitionOf(p.synapse, 'v'), 'v'));
    expect(into.map((t) => t.variables[t.into])).toEqual(['s', 's', 'h', 's', 's']);
  });

  it('let probes name a synapse\'s variables, and refuse others with the names there are', () => {
    const probe = (target: string, variable: string): string | NetworkSpec => {
      const decoded = decodeNetworkSpec({ ...spec('euler'), probes: [{ name: 'p', target, variable, indices: [0] }] });
      return E.isLeft(decoded) ? decoded.left.map((x) => `${x.path}: ${x.message}`).join('\n') : decoded.right;
    };
    expect(typeof probe('dual', 'h')).toBe('object');
    expect(typeof probe('dual', 's')).toBe('object');
    expect(probe('dual', 'q')).toBe('probes[0].variable: projection "dual" has variables "s", "h", not "q"');
    expect(probe('cur', 'h')).toBe('probes[0].variable: projection "cur" has variable "s", not "h"');
  });

  it('refuse Euler at dt >= 2τ for each variable of a kind, naming its parameter', () => {
    const issues = timeStepIssues(spec('euler'), 1.5).filter((x) => x.path.startsWith('projections'));
    expect(issues.map((x) => x.path)).toEqual(['projections[2].synapse.tauRise']);
    expect(issues[0]!.message).toBe('dt = 1.5 ms >= 2 tau = 1.4 ms makes forward Euler unstable (or use integrator: "exponential")');
    // Into a LIF integrated exactly the single traces are exact too; the dual pair is not.
    expect(timeStepIssues(spec('exponential'), 7).filter((x) => x.path.startsWith('projections')).map((x) => x.path)).toEqual([
      'projections[2].synapse.tauDecay',
      'projections[2].synapse.tauRise',
    ]);
  });

  it('refuse a definition the kernel cannot step, naming the field, line and column', () => {
    const base = { equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: 5, g: 1 } };
    const issues = (def: Partial<Omit<typeof base, 'parameters'>> & { method?: 'euler'; parameters?: Record<string, number> }): unknown => {
      const checked = checkedSynapse({ ...base, ...def }, 'v');
      return 'issues' in checked ? checked.issues : [];
    };
    expect(issues({})).toEqual([]);
    expect(issues({ equations: 'ds/dt = -s * s / tau' })).toEqual([{ field: 'equations', message: 'line 1, column 16: expected a term linear in one variable with constant coefficients' }]);
    expect(issues({ equations: 'ds/dt = -s / tau + k' })).toEqual([{ field: 'equations', message: 'line 1, column 20: unknown name "k" (known: s, tau, g)' }]);
    expect(issues({ equations: 'ds/dt = -s / tau - s / 2' })).toEqual([{ field: 'equations', message: '"s": write its derivative as one term in s ("-s / tau")' }]);
    expect(issues({ effect: 'I += g * s * s' })).toEqual([{ field: 'effect', message: 'line 1, column 12: expected G * s or G * s * (E - v), with G and E numbers or parameters' }]);
    expect(issues({ effect: 'I += g * s * (0 - u)' })).toEqual([{ field: 'effect', message: 'line 1, column 19: unknown name "u" (known: s, v, tau, g)' }]);
    expect(issues({ parameters: { tau: 5, g: 1, s: 2 } })).toEqual([{ field: 'parameters', message: '"s" names a variable too' }]);
    expect(issues({ parameters: { tau: 0, g: 1 } })).toEqual([{ field: 'equations', message: 'line 1, column 12: its coefficient is -Infinity (a time constant of 0?)' }]);
    expect(issues({ spikesInto: 'h' })).toEqual([{ field: 'spikesInto', message: '"h" is not a variable of the synapse (s)' }]);
    expect(issues({ effect: 'v += g * s' })).toEqual([{ field: 'effect', message: 'a jump takes the arrivals of one step: a synapse with equations adds a term to I ("I += g * s")' }]);
    expect(issues({ equations: '' })).toEqual([{ field: 'equations', message: 'none: a term of I needs a trace that decays ("ds/dt = -s / tau"); without equations the effect must be a jump ("v += w * s")' }]);
    const two = { equations: 'ds/dt = -s / tau + h / tau\ndh/dt = -h / tau', spikesInto: 'h' };
    expect(issues({ ...two, method: 'euler' })).toEqual([]);
    expect(issues(two)).toEqual([]);
    // Brian2's way of writing it: a sum over the time constant.
    expect(issues({ ...two, equations: 'ds/dt = (-s + h) / tau\ndh/dt = -h / tau' })).toEqual([]);
    expect(issues({ ...two, method: 'euler', spikesInto: 's' })).toEqual([{ field: 'spikesInto', message: '"s": spikes go into the second variable, h, which feeds s' }]);
    expect(issues({ equations: 'ds/dt = -s / tau\ndh/dt = -h / tau + s / tau', spikesInto: 'h', method: 'euler' })).toEqual([
      { field: 'equations', message: 'the kernel steps one variable, or two where the second feeds the first ("ds/dt = -s / tau1 + h", "dh/dt = -h / tau2")' },
    ]);
    expect(() => synapseTraces({ ...base, spikesInto: 'h' }, 'v')).toThrow('synapse definition: spikesInto: "h" is not a variable of the synapse (s)');
  });

  it('refuse a network file with a bad synapse kind of its own before anything is built, with the spec path', () => {
    const file = (synapse: object, post = 'Q', extra: object = {}): NetworkSpec | string => {
      const decoded = decodeNetworkSpec({
        seed: 1,
        inputs: [],
        groups: [
          { kind: 'lif', name: 'P', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
          { kind: 'lif', name: 'Q', size: 3, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
          { kind: 'neuron', name: 'R', size: 2, equations: 'dV/dt = (I - V) / 10\ndge/dt = -ge / 5', threshold: 'V > 1', reset: 'V = 0' },
        ],
        projections: [{ name: 'PQ', pre: 'P', post, connectivity: { kind: 'allToAll' }, synapse: { kind: 'postsynaptic', ...synapse }, ...extra }],
      });
      return E.isLeft(decoded) ? decoded.left.map((x) => `${x.path}: ${x.message}`).join('\n') : decoded.right;
    };
    const ok = { equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s * (E - v)', parameters: { tau: 5, g: 1, E: 0 } };
    expect(typeof file(ok)).toBe('object');
    expect(file({ ...ok, effect: 'I += g * s * (E - V)' })).toBe('projections[0].synapse.effect: line 1, column 19: unknown name "V" (known: s, v, tau, g, E)');
    // Into a model whose membrane variable is V, the drive is written with V.
    expect(file({ ...ok, effect: 'I += g * s * (E - V)' }, 'R')).toMatchObject({ projections: [{ name: 'PQ' }] });
    expect(file({ ...ok, parameters: { tau: { kind: 'uniform', low: 1, high: 2 }, g: 1, E: 0 } })).toBe(
      "projections[0].synapse.parameters.tau: a synapse's parameter is one number, not an initializer",
    );
    expect(file({ ...ok, parameters: { constructor: 1, tau: 5, g: 1, E: 0 } })).toMatch(/^projections\[0\]\.synapse\.parameters\.constructor: /);
    expect(file({ equations: '', spikesInto: 's', effect: 'gi += w * s', parameters: { w: 1 } }, 'R')).toBe('projections[0].synapse.effect: group "R" has no state variable "gi" (state variables: V, ge)');
    expect(typeof file({ equations: '', spikesInto: 's', effect: 'ge += w * s', parameters: { w: 1 } }, 'R')).toBe('object');
    // A jump's s holds one step's arrivals: nothing to start.
    expect(file({ equations: '', spikesInto: 's', effect: 'ge += w * s', parameters: { w: 1 } }, 'R', { s0: { kind: 'constant', value: 1 } })).toBe('projections[0].s0: a jump has no trace to start');
    expect(typeof file(ok, 'Q', { s0: { kind: 'constant', value: 1 } })).toBe('object');
    expect(file({ ...ok, equations: 'ds/dt = process.exit(1)' })).toMatch(/^projections\[0\]\.synapse\.equations: line 1, column \d+: /);
    // Euler at dt >= 2τ: the parameter is named where it is.
    const spec = file({ ...ok, parameters: { tau: 0.04, g: 1, E: 0 } }) as NetworkSpec;
    expect(timeStepIssues(spec, 0.1)).toEqual([{ path: 'projections[0].synapse.parameters.tau', message: 'dt = 0.1 ms >= 2 tau = 0.08 ms makes forward Euler unstable (or use integrator: "exponential")' }]);
  });
});
