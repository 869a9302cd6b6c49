import { describe, expect, it } from 'vitest';
import { SpecError, type NetworkSpec } from '../../src/index.js';
import { buildNetwork, csrOf, estimateMemory, isBitRows, memoryIssues, storageRule, formatBytes } from '../../src/kernel.js';

function spec(sizeE: number, sizeI: number, p: number, selfConnections?: boolean): NetworkSpec {
  const v0 = { kind: 'constant', value: 0 } as const;
  const connectivity = selfConnections === undefined ? { kind: 'fixedProbability', p } : { kind: 'fixedProbability', p, selfConnections };
  return {
    seed: 3,
    groups: [
      { kind: 'lif', name: 'E', size: sizeE, tau: 15, threshold: 15, reset: 0, v0 },
      { kind: 'lif', name: 'I', size: sizeI, tau: 10, threshold: 15, reset: 0, v0 },
    ],
    projections: [
      { name: 'E2E', pre: 'E', post: 'E', connectivity, synapse: { kind: 'expCurrent', tau: 6, g: 0.25 } },
      { name: 'E2I', pre: 'E', post: 'I', connectivity, synapse: { kind: 'expCurrent', tau: 6, g: 0.4 } },
    ],
    inputs: [],
  } as unknown as NetworkSpec;
}

describe('estimateMemory', () => {
  it('counts a generator per neuron (16 bytes) for a model that draws: noise, rand() or randn()', () => {
    const model = (equations: string, threshold: string) =>
      ({ seed: 1, groups: [{ kind: 'neuron', name: 'G', size: 1000, equations, threshold }], projections: [], inputs: [] }) as unknown as NetworkSpec;
    const plain = estimateMemory(model('dv/dt = -v', 'v > 1')).bytes;
    expect(estimateMemory(model('dv/dt = -v + xi', 'v > 1')).bytes - plain).toBe(16_000);
    expect(estimateMemory(model('dv/dt = -v', 'v > 1 or rand() < 0.01')).bytes - plain).toBe(16_000);
  });

  it('predicts the synapse count of the build, and bytes that cover what the build stores', () => {
    for (const s of [spec(3000, 200, 0.2), spec(400, 300, 0.01, false), spec(70_000, 10, 0.001)]) {
      const estimate = estimateMemory(s);
      // The JavaScript builder's own arrays (the WebAssembly back end then moves the synapses).
      const built = buildNetwork(s, { backend: 'js' });
      // Binomial counts: the actual count is within 5 sigma of the expected one.
      built.projections.forEach((p, i) => {
        const e = estimate.projections[i]!;
        const csr = csrOf(p.synapses);
        expect(csr).toBe(p.synapses);
        expect(Math.abs(csr.nnz - e.synapses)).toBeLessThan(5 * Math.sqrt(e.synapses) + 1);
        expect(e.bytesPerSynapse).toBe(csr.col.BYTES_PER_ELEMENT);
        expect(e.bytes).toBeGreaterThanOrEqual(csr.col.buffer.byteLength + csr.rowPtr.byteLength);
      });
    }
  });

  it('counts the pairs left out when self-connections are excluded', () => {
    expect(estimateMemory(spec(100, 10, 0.5, false)).projections[0]!.synapses).toBe(0.5 * (100 * 100 - 100));
    expect(estimateMemory(spec(100, 10, 0.5)).projections[0]!.synapses).toBe(0.5 * 100 * 100);
  });

  it('stores the seed network at 2 bytes per synapse (16-bit indices)', () => {
    const e = estimateMemory(spec(8000, 2000, 0.25));
    expect(e.projections.map((p) => p.bytesPerSynapse)).toEqual([2, 2]);
  });
});

describe('buildNetwork memory limit', () => {
  it('refuses, at once and with the estimate, a network that would not fit (N = 200,000 at p = 0.25)', () => {
    const t0 = performance.now();
    let error: unknown;
    try {
      buildNetwork(spec(200_000, 50_000, 0.25), { maxBytes: 16e9, synapseStorage: 'csr' });
    } catch (e) {
      error = e;
    }
    // E2E: 1e10 synapses x 4 bytes (indices up to 200,000 need 32 bits); E2I: 2.5e9 x 2 bytes.
    // 12.5e9 synapses would take minutes and tens of GB to draw: refused before any of it.
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(error).toBeInstanceOf(SpecError);
    const issues = (error as SpecError).issues;
    expect(issues).toContainEqual({
      path: 'projections[0].connectivity',
      message: 'about 1.00e+10 synapses; one projection can store at most 4294967295 (split the groups or lower p)',
    });
    const total = issues.find((i) => i.path === 'projections')!;
    expect(total.message).toMatch(/^the network would need about 45\.0 GB \(1\.250e\+10 synapses: E2E 40\.0 GB, E2I 5\.00 GB\), more than the limit of 16\.0 GB/);
    // With the default storage it would fit, as bit rows (a bit per pair: 6.25 GB and traces);
    // under 6 GB it is refused, quoting that estimate, not the 45 GB above.
    expect(storageRule(spec(200_000, 50_000, 0.25), 16e9, 'auto')).toBe('smaller');
    expect(memoryIssues(spec(200_000, 50_000, 0.25), 16e9)).toEqual([]);
    const bits = memoryIssues(spec(200_000, 50_000, 0.25), 6e9);
    expect(bits.map((i) => i.path)).toEqual(['projections']);
    expect(bits[0]!.message).toMatch(/^the network would need about 6\.26 GB \(1\.250e\+10 synapses: E2E 5\.00 GB, E2I 1\.25 GB\)/);
  });

  it('builds a network just under its limit and refuses it just over', () => {
    const s = spec(1000, 100, 0.1);
    const bytes = estimateMemory(s).bytes;
    expect(buildNetwork(s, { maxBytes: bytes, synapseStorage: 'csr' }).synapseCount).toBeGreaterThan(0);
    expect(() => buildNetwork(s, { maxBytes: bytes - 1, synapseStorage: 'csr' })).toThrow(SpecError);
    // With the default storage, just over the limit as compressed sparse rows is bit rows.
    expect(isBitRows(buildNetwork(s, { maxBytes: bytes - 1 }).projections[0]!.synapses)).toBe(true);
    const bits = estimateMemory(s, 0.1, 'smaller').bytes;
    expect(() => buildNetwork(s, { maxBytes: bits - 1 })).toThrow(SpecError);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [12_345, '12.3 kB'],
    [640e6, '640 MB'],
    [1.5e9, '1.50 GB'],
  ])('%d bytes -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
