import * as E from 'fp-ts/lib/Either.js';
import { BehaviorSubject, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, decodeSimulationSpec, network, neuron, parameterInput, recordSamples, sampleState, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, createKernel } from '../../src/kernel.js';

const kernels = [{ backend: 'js' }, { backend: 'wasm' }, { backend: 'wasm', threads: 2 }, { backend: 'js', threads: 2 }] as const;

describe('a parameter set at run time (parameterInput)', () => {
  it('is read from its input where the model reads it: forward Euler relaxes to each value, as the closed form says', () => {
    // dv/dt = (drive − v)/τ, Euler from v0: v_n = d + (v0 − d)(1 − dt/τ)^n, d changing at step 100.
    const spec = {
      seed: 1,
      groups: [{ kind: 'neuron', name: 'Q', size: 3, equations: 'dv/dt = (drive - v) / tau', threshold: 'v > 1e9', parameters: { drive: 1, tau: 10 } }],
      projections: [],
      inputs: [{ kind: 'parameter', group: 'Q', parameter: 'drive' }],
    } as unknown as NetworkSpec;
    const a = 1 - 0.1 / 10;
    const v100 = 1 + (0 - 1) * a ** 100;
    const v300 = 3 + (v100 - 3) * a ** 200;
    const finals = kernels.map((options) => {
      const kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 100, ...options });
      try {
        kernel.run(100);
        expect(Math.abs(kernel.groups[0]!.V[1]! - v100)).toBeLessThan(1e-12);
        kernel.setInput(0, 3);
        kernel.run(100);
        kernel.run(100);
        return Array.from(kernel.groups[0]!.V);
      } finally {
        kernel.close();
      }
    });
    for (const V of finals) {
      expect(V).toEqual(finals[0]);
      expect(Math.abs(V[2]! - v300)).toBeLessThan(1e-12);
    }
  });

  it('gives the same spikes in both back ends and on two threads, and changes them', () => {
    const spec = {
      seed: 6,
      groups: [
        {
          kind: 'neuron',
          name: 'Q',
          size: 201,
          equations: 'dv/dt = (gain * drive + I - v) / 10 : 1 (unless refractory)',
          threshold: 'v > 1',
          reset: 'v = 0',
          refractory: 2,
          parameters: { gain: 1, drive: { kind: 'uniform', low: 0.9, high: 1.4 } },
        },
      ],
      projections: [{ name: 'QQ', pre: 'Q', post: 'Q', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 3, g: -0.2 } }],
      inputs: [{ kind: 'parameter', group: 'Q', parameter: 'gain' }],
    } as unknown as NetworkSpec;
    const run = (options: (typeof kernels)[number], change: boolean): number[] => {
      const kernel = createKernel(buildNetwork(spec), { dt: 0.1, maxBlock: 500, ...options });
      try {
        const counts: number[] = [];
        for (let block = 0; block < 4; block++) {
          if (change && block === 2) kernel.setInput(0, 1.5);
          kernel.run(500);
          const { indices } = kernel.spikes(0);
          counts.push(indices.length, indices.reduce((s, i) => s + i, 0));
        }
        return counts;
      } finally {
        kernel.close();
      }
    };
    const js = run(kernels[0], true);
    for (const options of kernels.slice(1)) expect(run(options, true)).toEqual(js);
    const unchanged = run(kernels[0], false);
    expect(unchanged.slice(0, 4)).toEqual(js.slice(0, 4));
    expect(js[4]!).toBeGreaterThan(1.3 * unchanged[4]!);
  });

  it('takes its values from an Observable: parameterInput(group, parameter, value$)', async () => {
    const drive$ = new BehaviorSubject(3);
    const net$ = clock({ dt: 0.1, duration: 20 }).pipe(
      network({ seed: 1 }),
      neuron('Q', { size: 2, equations: 'dv/dt = (drive - v) / tau', threshold: 'v > 1e9', parameters: { drive: 1, tau: 10 } }),
      parameterInput('Q', 'drive', drive$),
      sampleState('v', { target: 'Q', variable: 'v', indices: [0] }),
    );
    const { values } = await lastValueFrom(build(net$).pipe(recordSamples('v')));
    // Sampled at the start of each step: after n steps of drive 3, 3·(1 − a^n).
    const a = 1 - 0.1 / 10;
    expect(Math.abs(values[150]! - 3 * (1 - a ** 150))).toBeLessThan(1e-12);
  });

  it('refuses a group that is not a neuron group, a parameter it lacks or gives per neuron, a second input, an exponent, with paths', () => {
    const file = (inputs: unknown[], equations = 'dv/dt = (drive - v) / tau'): unknown => ({
      seed: 0,
      run: { dt: 0.1, duration: 10 },
      groups: [
        { kind: 'neuron', name: 'Q', size: 2, equations, threshold: 'v > 1', parameters: { drive: 1, tau: 10, p: 2, each: { kind: 'uniform', low: 0, high: 1 } } },
        { kind: 'lif', name: 'L', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [],
      inputs,
    });
    const issues = (inputs: unknown[], equations?: string): unknown => {
      const result = decodeSimulationSpec(file(inputs, equations));
      return E.isLeft(result) ? result.left : [];
    };
    expect(issues([{ kind: 'parameter', group: 'L', parameter: 'tau' }])).toEqual([{ path: 'inputs[0].group', message: 'a parameter input sets a parameter of a model written as equations; "L" is a lif group' }]);
    expect(issues([{ kind: 'parameter', group: 'Q', parameter: 'gain' }])).toEqual([{ path: 'inputs[0].parameter', message: '"gain" is not a parameter of group "Q" (parameters: drive, tau, p, each)' }]);
    expect(issues([{ kind: 'parameter', group: 'Q', parameter: 'each' }])).toEqual([{ path: 'inputs[0].parameter', message: '"each" is one value per neuron in group "Q"; a parameter input sets one given as a number' }]);
    expect(issues([{ kind: 'parameter', group: 'Q', parameter: 'drive' }, { kind: 'parameter', group: 'Q', parameter: 'drive' }])).toEqual([{ path: 'inputs[1].parameter', message: 'parameter "drive" of group "Q" has an input already (inputs[0])' }]);
    expect(issues([{ kind: 'parameter', group: 'Q', parameter: 'p' }], 'dv/dt = (drive - v ^ p) / tau')).toEqual([{ path: 'inputs[0].parameter', message: '"p" is the exponent of a power in group "Q"\'s model, which the kernel takes as a number' }]);
    expect(issues([{ kind: 'parameter', group: 'Q', parameter: 'tau', initial: 5 }])).toEqual([]);
  });
});
