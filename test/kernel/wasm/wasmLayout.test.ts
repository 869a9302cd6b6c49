import { describe, expect, it } from 'vitest';
import { type NetworkSpec } from '../../../src/index.js';
import { buildNetwork } from '../../../src/kernel.js';
import { STATE_GAP, stateParts, threadStateStride, wasmLayout } from '../../../src/kernel/wasm/wasmLayout.js';

/** A network with every kind of per-neuron state the WebAssembly kernel keeps. */
const spec = {
  seed: 2,
  groups: [
    { kind: 'lif', name: 'L', size: 7, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 }, refractory: 0.5 },
    { kind: 'hh', name: 'H', size: 5, C: 200, gL: 10, EL: -60, gNa: 20000, ENa: 50, gK: 6000, EK: -90, VT: -63, v0: { kind: 'constant', value: -60 } },
    { kind: 'izhikevich', name: 'Z', size: 3, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'constant', value: -65 } },
    { kind: 'poisson', name: 'P', size: 4, rate: 10 },
    // A model written as equations: two more state variables and a per-neuron parameter.
    { kind: 'neuron', name: 'Q', size: 9, equations: 'dv/dt = (I - v - w) / tau\ndw/dt = -w / 5\ndx/dt = -x', threshold: 'v > 1', parameters: { tau: { kind: 'uniform', low: 5, high: 10 } } },
  ],
  projections: [
    { name: 'PL', pre: 'P', post: 'L', connectivity: { kind: 'allToAll' }, synapse: { kind: 'dualExpCurrent', tauRise: 1, tauDecay: 4, g: 1 } },
    { name: 'LH', pre: 'L', post: 'H', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expConductance', tau: 5, g: 1, E: 0 } },
  ],
  inputs: [
    { kind: 'stream', group: 'L', initial: 0.1 },
    { kind: 'poisson', group: 'Z', count: 5, rate: 10, weight: 1 },
  ],
} as unknown as NetworkSpec;

describe('the threads\' copies of the state (stateParts, threadStateStride)', () => {
  it('move every per-neuron array of the layout but the one-thread spike scratch, and nothing past an array', () => {
    const layout = wasmLayout(buildNetwork(spec));
    const parts = stateParts(spec, layout);
    // Every array the layout places per group, projection or input, found by its keys, so that
    // an array added to the layout and not to stateParts fails here.
    // (The weights, w, and delays, DL, are per synapse, read only, like the rows; the delays' sums,
    // DQ, and their slots, DS, are shared by the threads, each writing its own targets'; the
    // positions of procedural rows by distance, XY, are read only, shared too; `into` names s or h again.)
    const arrays = Object.entries(layout).filter(([key, value]) => Array.isArray(value) && !['scratch', 'rowPtr', 'col', 'w', 'DL', 'DQ', 'DS', 'XY', 'into'].includes(key));
    expect(arrays.map(([key]) => key).sort()).toEqual(['H', 'NP', 'NV', 'PI', 'V', 'X', 'h', 'rng', 's']);
    // Spikes go into a dual exponential's h, and into every other kind's s.
    expect(layout.into).toEqual(spec.projections.map((p, pi) => (p.synapse.kind === 'dualExpCurrent' ? layout.h[pi] : layout.s[pi])));
    const starts = new Set(parts.map((p) => p.at));
    for (const [key, offsets] of arrays) {
      // NV and NP hold a list per group.
      for (const at of (offsets as (number | number[])[]).flat()) if (at >= 0) expect(starts.has(at), `${key} at ${at}`).toBe(true);
    }
    expect([layout.NV[4]!.length, layout.NP[4]!.length]).toEqual([2, 1]);
    // HH gates: three arrays, m, h and n.
    expect(parts.filter((p) => p.group === 1 && p.bytes === 8).length).toBe(1 + 3 + 1);
    // A part is its array, its neurons' bytes up to an odd group's padding neuron and 16-byte
    // alignment: no more (it would copy over the next array) and no less.
    const sizes = spec.groups.map((g) => g.size);
    const bounds = [...parts.map((p) => p.at), ...layout.scratch, layout.stateBytes];
    const align = (n: number): number => Math.ceil(n / 16) * 16;
    for (const p of parts) {
      const next = Math.min(...bounds.filter((b) => b > p.at));
      const n = sizes[p.group]!;
      expect([align(p.bytes * n), align(p.bytes * (n + (n & 1)))], `part at ${p.at}`).toContain(next - p.at);
    }
  });

  it('keep each copy of the whole state at least STATE_GAP bytes from the next', () => {
    const layout = wasmLayout(buildNetwork(spec));
    const stride = threadStateStride(spec);
    expect(stride % 4096).toBe(0);
    expect(stride - layout.stateBytes).toBeGreaterThanOrEqual(STATE_GAP);
  });
});
