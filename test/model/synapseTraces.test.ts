import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { timeStepIssues } from '../../src/index.js';
import { buildNetwork } from '../../src/kernel/buildNetwork.js';
import { groupInput } from '../../src/kernel/program/groupInput.js';
import { synapseDefinitionOf } from '../../src/model/library/synapseDefinition.js';
import { synapseTraces } from '../../src/model/library/synapseTraces.js';
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
        { kind: 'dualExp', projection: 2, decay: 1 - dt / 3.3, rise: 1 - dt / 0.7, dt },
        { kind: 'clear', projection: 3 },
      ]);
      expect(plan.jumps).toEqual([{ projection: 3, w: 0.25, state: 0 }]);
    }
    // A delta synapse's `target` names the variable by name, not by place: v is R's second.
    expect(groupInput(buildNetwork(spec('euler')), 2, dt).jumps).toEqual([{ projection: 4, w: -2, state: 1 }]);
  });

  it('put the spikes of a dual exponential into h, of the others into s', () => {
    const s = spec('euler');
    const into = s.projections.map((p) => synapseTraces(synapseDefinitionOf(p.synapse, 'v')));
    expect(into.map((t) => t.variables[t.into])).toEqual(['s', 's', 'h', 's', 's']);
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

  it('refuse a definition the kernel cannot step, with the line and column', () => {
    const base = { equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: 5, g: 1 } };
    expect(() => synapseTraces({ ...base, equations: 'ds/dt = -s * s / tau' })).toThrow('synapse definition: line 1, column 16: expected a term linear in one variable with constant coefficients');
    expect(() => synapseTraces({ ...base, equations: 'ds/dt = -s / tau + k' })).toThrow('unknown name "k"');
    expect(() => synapseTraces({ ...base, effect: 'I += g * s * s' })).toThrow('expected G * s or G * s * (E - v) with G and E constants');
    expect(() => synapseTraces({ ...base, spikesInto: 'h' })).toThrow('spikes go into "h", which is not a variable (s)');
  });
});
