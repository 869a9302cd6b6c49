import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { clock, recordSpikes } from '../../src/index.js';
import { rowTargets } from '../../src/kernel.js';
import { params, tian2020 } from '../../examples/tian2020/network.js';
import { runPlain, type PlainGroup, type PlainProjection } from './plainNetwork.js';

/** Spikes per step per group from the engine's record. */
function perStep(steps: Float64Array, indices: Int32Array, total: number): number[][] {
  const out: number[][] = Array.from({ length: total }, () => []);
  for (let k = 0; k < indices.length; k++) out[steps[k]!]!.push(indices[k]!);
  return out;
}

describe('engine against the plain reference implementation', () => {
  for (const [neurons, seed] of [
    [200, 1],
    [200, 2],
    [500, 3],
    [1000, 4],
  ] as const) {
    it(`matches spike for spike over 100 ms (N = ${neurons}, seed ${seed})`, async () => {
      const dt = 0.1;
      const steps = 1000;
      // At N < 2,500 the seed's drive f*sqrt(N)*mu_f is below threshold and the network is
      // silent; mu_f = 10/sqrt(N) restores the N = 10,000 drive (30 into E, 20 into I).
      const muF = 10 / Math.sqrt(neurons);
      const sim = tian2020(clock({ dt, duration: steps * dt }), { neurons, seed, muF }).build();
      // The engine's synapses and initial state, handed over as plain data.
      const kernel = sim.kernel();
      const built = sim.built;
      const groups: PlainGroup[] = built.groups.map((g, i) => {
        if (g.kind !== 'lif') throw new Error('the seed network has LIF groups only');
        return {
        name: g.name,
        size: g.size,
        tau: g.tau,
        threshold: g.threshold,
        reset: g.reset,
        v0: Array.from(kernel.groups[i]!.V),
        external: built.spec.inputs.filter((x) => x.kind !== 'modulator' && x.group === g.name).map((x) => (x.kind === 'constant' ? x.value : NaN)),
        };
      });
      const projections: PlainProjection[] = built.projections.map((p) => {
        const syn = p.spec.synapse;
        if (syn.kind !== 'expCurrent') throw new Error('the seed network has exponential currents only');
        return {
          pre: built.groups[p.pre]!.name,
          post: built.groups[p.post]!.name,
          tau: syn.tau,
          g: syn.g,
          pre2post: Array.from({ length: p.synapses.rows }, (_, i) => Array.from(rowTargets(p.synapses, i))),
        };
      });
      // The notebook's drive, computed here from its own formula.
      expect(groups[0]!.external).toEqual([params.fE * Math.sqrt(neurons) * muF]);

      const expected = runPlain(groups, projections, dt, steps);
      const record = await lastValueFrom(sim.pipe(recordSpikes()));
      let total = 0;
      for (const g of groups) {
        const train = record.groups[g.name]!;
        const got = perStep(train.steps, train.indices, steps);
        for (let step = 0; step < steps; step++) {
          if (got[step]!.join() !== expected[g.name]![step]!.join()) {
            throw new Error(`group ${g.name} differs first at step ${step}: engine [${got[step]}] reference [${expected[g.name]![step]}]`);
          }
        }
        total += train.indices.length;
      }
      // A network that never spikes would match trivially: it must be active.
      expect(total).toBeGreaterThan(neurons);
    });
  }
});
