import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { brunel2000 } from '../../examples/brunel2000/network.js';
import { coba } from '../../examples/coba/network.js';
import { cobahh } from '../../examples/cobahh/network.js';
import { cuba } from '../../examples/cuba/network.js';
import { tian2020 } from '../../examples/tian2020/network.js';
import { vreeswijk1996 } from '../../examples/vreeswijk1996/network.js';
import { adex, asNetwork, build, clock, dualExpCurrent, expConductance, expCurrent, fixedProb, input, izhikevich, lif, network, poissonGroup, recordSpikes, uniform, type Clock, type Network } from '../../src/index.js';

/**
 * The spikes of the built-in models, pinned: a hash of every spike (group, step, neuron) of each
 * network, as the hand-written kernels gave them before the built-in kinds became definitions in
 * the equation language (2026-12-04). A change to how any built-in kind is integrated, in
 * either back end or on any thread count, changes a hash here.
 */
const PINNED: Record<string, string> = {
  tian2020: '42128:449e0456',
  cuba: '4553:a66943fd',
  coba: '18006:d97a57e5',
  cobahh: '14301:573db947',
  brunel2000: '42595:1fd4957c',
  vreeswijk1996: '8532:e26967d9',
  recovery: '2185:eda81f43',
};

/** FNV-1a over the spike record, group by group. */
async function fingerprint(net$: Network, backend: 'js' | 'wasm', threads: number): Promise<string> {
  const record = await lastValueFrom(build(net$, { backend, threads }).pipe(recordSpikes()));
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  };
  let count = 0;
  for (const [name, g] of Object.entries(record.groups)) {
    for (const c of name) mix(c.charCodeAt(0));
    g.steps.forEach((s, k) => {
      mix(s);
      mix(g.indices[k]!);
    });
    count += g.indices.length;
  }
  return `${count}:${(h >>> 0).toString(16)}`;
}

/** Izhikevich and AdEx groups driven by Poisson sources through every current synapse kind. */
function recovery(clock$: Clock): Network {
  const net$ = clock$.pipe(
    network({ seed: 3 }),
    poissonGroup('P', { size: 200, rate: 20 }),
    izhikevich('Z', { size: 101, a: 0.02, b: 0.2, c: -65, d: 8, v0: uniform(-70, -60) }),
    adex('A', { size: 99, C: 200, gL: 10, EL: -70, VT: -50, deltaT: 2, tauw: 100, a: 2, b: 40, reset: -58, peak: 0, v0: uniform(-70, -60) }),
  ).pipe(
    lif('L', { size: 50, tau: 10, threshold: -50, reset: -60, rest: -60, refractory: 2, integrator: 'exponential', v0: uniform(-60, -50) }),
    expCurrent('PZ', { pre: 'P', post: 'Z', connectivity: fixedProb(0.1), tau: 5, g: 1 }),
    dualExpCurrent('PA', { pre: 'P', post: 'A', connectivity: fixedProb(0.1), tauRise: 1, tauDecay: 5, g: 40 }),
    expConductance('ZA', { pre: 'Z', post: 'A', connectivity: fixedProb(0.2), tau: 5, g: 2, E: 0 }),
    expConductance('AZ', { pre: 'A', post: 'Z', connectivity: fixedProb(0.2), tau: 10, g: 0.5, E: -80 }),
    expCurrent('ZL', { pre: 'Z', post: 'L', connectivity: fixedProb(0.3), tau: 5, g: 0.5 }),
    input('Z', 4),
    input('A', 150),
    input('L', 9.5),
  );
  return asNetwork(net$, 'recovery');
}

const NETWORKS: Record<string, () => Network> = {
  tian2020: () => tian2020(clock({ dt: 0.1, duration: 200 }), { neurons: 2000, seed: 1, muF: 0.5 }),
  cuba: () => cuba(clock({ dt: 0.1, duration: 200 }), 1),
  coba: () => coba(clock({ dt: 0.1, duration: 200 }), 1),
  cobahh: () => cobahh(clock({ dt: 0.1, duration: 100 }), 1),
  brunel2000: () => brunel2000(clock({ dt: 0.1, duration: 100 }), { seed: 1 }),
  vreeswijk1996: () => vreeswijk1996(clock({ dt: 0.1, duration: 200 }), 1),
  recovery: () => recovery(clock({ dt: 0.1, duration: 300 })),
};

describe('the built-in models keep their spikes', () => {
  for (const [name, make] of Object.entries(NETWORKS)) {
    it.each([
      ['js', 1],
      ['wasm', 1],
      ['wasm', 2],
      ['js', 2],
    ] as const)(`${name}: %s on %i thread(s)`, async (backend, threads) => {
      const got = await fingerprint(make(), backend, threads);
      if (process.env.PIN_SPIKES === '1') console.log(`PIN ${name} ${got}`);
      expect(got).toBe(PINNED[name]);
    });
  }
});
