/**
 * The PyNN export without PyNN: what the script says (cells, units, receptors, connectors,
 * delays), what it refuses (every kind with no PyNN counterpart, with its path), the exact
 * export's data files against the synapses spikestream builds, and the two commands.
 * test/io/pynnRun.test.ts runs the scripts where PyNN is installed.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { encodeSpikes, SpecError, toPyNN } from '../../src/index.js';
import { buildNetwork } from '../../src/kernel.js';
import { networkOf, type SimulationSpec } from '../../src/model/simulationSpec.js';

const seedFile = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as SimulationSpec;

/** A small network; `change` edits it. */
function spec(change: (s: any) => void = () => undefined): SimulationSpec {
  const s = structuredClone(seedFile) as any;
  s.groups[0].size = 80;
  s.groups[1].size = 20;
  s.run.duration = 20;
  change(s);
  return s as SimulationSpec;
}

/** The keyword arguments of the first call `name(...)` on a line of the script. */
function kwargs(script: string, call: string): Record<string, number> {
  const line = script.split('\n').find((l) => l.includes(`${call}(`))!;
  const inside = line.slice(line.indexOf(`${call}(`) + call.length + 1);
  const out: Record<string, number> = {};
  for (const m of inside.matchAll(/(\w+)=(-?[\d.e+-]+)/g)) out[m[1]!] ??= Number(m[2]);
  return out;
}

/** The refusal's issues, or a failure when toPyNN does not refuse. */
function refusal(s: SimulationSpec, exact = false): readonly { path: string; message: string }[] {
  try {
    toPyNN(s, { exact });
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as SpecError).issues;
  }
  throw new Error('toPyNN did not refuse');
}

/** A .npy file read by its layout (magic, header, little-endian float64). */
function readNpy(bytes: Uint8Array): { shape: number[]; data: Float64Array } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
  const headerLength = bytes[8]! + 256 * bytes[9]!;
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLength));
  expect(header).toContain("'descr': '<f8'");
  expect((10 + headerLength) % 64).toBe(0);
  const shape = /'shape': \(([^)]*)\)/.exec(header)![1]!.split(',').filter((x) => x.trim() !== '').map(Number);
  const copy = bytes.slice(10 + headerLength);
  return { shape, data: new Float64Array(copy.buffer) };
}

describe('toPyNN: the script', () => {
  it("writes the seed network's LIF groups as IF_curr_exp cells whose equation is spikestream's", () => {
    const { script, files } = toPyNN(seedFile);
    expect(files).toEqual([]);
    const e = kwargs(script, 'sim.IF_curr_exp');
    // PyNN: cm dV/dt = (cm/tau_m)(v_rest - V) + i_syn + i_offset. spikestream: tau dV/dt = -(V - rest) + I.
    for (const [V, I] of [[3, 30], [14.9, 22.5], [-2, 0]] as const) {
      const pynn = ((e.cm! / e.tau_m!) * (e.v_rest! - V) + I + e.i_offset!) / e.cm!;
      const ours = (-(V - 0) + I + 30) / 15;
      expect(pynn).toBeCloseTo(ours, 12);
    }
    expect(e).toMatchObject({ tau_m: 15, v_thresh: 15, v_reset: 0, tau_refrac: 0, tau_syn_E: 6, tau_syn_I: 5, i_offset: 30 });
    expect(kwargs(script.slice(script.indexOf('populations["I"] = ')), 'sim.IF_curr_exp')).toMatchObject({ tau_m: 10, cm: 10, i_offset: 20 });
    // Receptors by sign, weights as g, a delay of 0 as one step, the file's seed and duration.
    expect(script).toMatch(/projections\["I2E"\] = .*FixedProbabilityConnector\(0\.25, allow_self_connections=True, rng=rng\), sim\.StaticSynapse\(weight=-1\.0, delay=STEP\), receptor_type="inhibitory"/);
    expect(script).toMatch(/projections\["E2I"\] = .*StaticSynapse\(weight=0\.4, delay=STEP\), receptor_type="excitatory"/);
    expect(script).toContain('v0 = draw("uniform", (0.0, 15.0), n)');
    expect(script).toContain('parser.add_argument("--seed", type=int, default=0)');
    expect(script).toContain('default=100.0, help="ms"');
  });

  it('maps every connectivity rule onto its PyNN connector, and pairs onto a list in row order', () => {
    const rules = [
      [{ kind: 'allToAll', selfConnections: false }, 'sim.AllToAllConnector(allow_self_connections=False)'],
      [{ kind: 'fixedInDegree', k: 7 }, 'sim.FixedNumberPreConnector(7, allow_self_connections=True, with_replacement=False, rng=rng)'],
      [{ kind: 'fixedOutDegree', k: 5 }, 'sim.FixedNumberPostConnector(5, allow_self_connections=True, with_replacement=False, rng=rng)'],
      [{ kind: 'fixedTotal', n: 300 }, 'sim.FixedTotalNumberConnector(300, allow_self_connections=True, with_replacement=False, rng=rng)'],
      [{ kind: 'fixedProbability', p: 0.1, procedural: true }, 'sim.FixedProbabilityConnector(0.1, allow_self_connections=True, rng=rng)'],
    ] as const;
    for (const [connectivity, connector] of rules) {
      const { script } = toPyNN(spec((s) => (s.projections[1].connectivity = connectivity)));
      expect(script.split('\n').find((l) => l.startsWith('projections["E2E"]'))).toContain(connector);
    }
    const distance = toPyNN(
      spec((s) => {
        s.groups[0].positions = { kind: 'grid', width: 2, height: 1, columns: 40 };
        s.groups[1].positions = { kind: 'grid', width: 2, height: 1 };
        s.projections[3].connectivity = { kind: 'distance', p0: 0.5, sigma: 0.2, periodic: true };
      }),
    ).script;
    // spikestream's positions, and PyNN's Gaussian of d on the same torus.
    expect(distance).toContain('populations["E"].positions = np.array([np.array([0.025, 0.07500000000000001, ');
    expect(distance).toMatch(/projections\["E2I"\] = .*sim\.DistanceDependentProbabilityConnector\("0\.5\*exp\(-d\*d\/\(2\*0\.2\*0\.2\)\)", allow_self_connections=True, rng=rng\).*space=Space\(periodic_boundaries=\(\(0\.0, 2\.0\), \(0\.0, 1\.0\), None\)\)/);
    const oneToOne = toPyNN(spec((s) => (s.projections[2].connectivity = { kind: 'oneToOne' }))).script;
    expect(oneToOne).toMatch(/projections\["I2I"\] = .*sim\.OneToOneConnector\(\)/);
    const pairs = toPyNN(
      spec((s) => {
        s.projections[1].connectivity = { kind: 'pairs', pre: [3, 1, 1], post: [0, 9, 2] };
        s.projections[1].weight = { kind: 'values', values: [2, 4, 8] };
        s.projections[1].delay = 1.5;
      }),
    ).script;
    // Rows by pre then post: (1, 2) takes the first weight, (1, 9) the second, (3, 0) the third; g = 0.25.
    expect(pairs).toContain('sim.FromListConnector(with_least_delay(np.array([1.0, 2.0, 0.5, 1.5, 1.0, 9.0, 1.0, 1.5, 3.0, 0.0, 2.0, 1.5]).reshape(-1, 4))');
  });

  it('scales per-synapse weight and delay distributions into PyNN distributions', () => {
    const { script } = toPyNN(
      spec((s) => {
        s.projections[0].weight = { kind: 'uniform', low: 0.5, high: 1.5 }; // g = -1: inhibitory, (-1.5, -0.5)
        s.projections[1].weight = { kind: 'lognormal', mu: 0, sigma: 0.5 }; // g = 0.25: mu + ln 0.25
        s.projections[3].weight = { kind: 'normal', mean: 1, sd: 0.2 };
        s.projections[3].delays = { kind: 'uniform', low: 1, high: 3 };
      }),
    );
    expect(script).toContain('StaticSynapse(weight=RandomDistribution("uniform", (-1.5, -0.5), rng=rng), delay=STEP), receptor_type="inhibitory", label="I2E"');
    expect(script).toContain(`RandomDistribution("lognormal", (${Math.log(0.25)}, 0.5), rng=rng)`);
    // Five standard deviations from 0: one sign, the far tail drawn again.
    expect(script).toContain('weight=RandomDistribution("normal_clipped", (0.4, 0.08000000000000002, 0.0, np.inf), rng=rng), delay=RandomDistribution("uniform", (1.0, 3.0), rng=rng)');
    expect(script).toMatch(/sim\.setup\(timestep=DT, min_delay=STEP, max_delay=3\.0\)/);
  });

  it('writes conductance, alpha, Hodgkin-Huxley, AdEx and Izhikevich groups in PyNN units', () => {
    const coba = toPyNN(
      spec((s) => {
        s.groups[0] = { ...s.groups[0], rest: -60, refractory: 5 };
        s.projections = s.projections.map((p: any) => ({ ...p, synapse: { kind: 'expConductance', tau: p.synapse.tau, g: Math.abs(p.synapse.g), E: p.synapse.g < 0 ? -80 : 0 } }));
        s.projections[1].s0 = { kind: 'uniform', low: 0, high: 2 };
      }),
    ).script;
    expect(kwargs(coba, 'sim.IF_cond_exp')).toMatchObject({ tau_m: 15, cm: 15, v_rest: -60, tau_refrac: 5, e_rev_E: 0, e_rev_I: -80, tau_syn_E: 6, tau_syn_I: 5 });
    expect(coba).toContain('gsyn_exc=draw("uniform", (0.0, 0.5), n)');
    const alpha = toPyNN(spec((s) => (s.projections = s.projections.map((p: any) => ({ ...p, synapse: { kind: 'dualExpCurrent', tauRise: p.synapse.tau, tauDecay: p.synapse.tau, g: p.synapse.g } }))))).script;
    // g·t·e^(−t/τ) = (g·τ/e)·(t/τ)·e^(1−t/τ): PyNN's alpha peaks at its weight.
    expect(alpha).toContain(`StaticSynapse(weight=${0.25 * 6 / Math.E}, delay=STEP), receptor_type="excitatory", label="E2E"`);
    const cobahh = toPyNN(JSON.parse(readFileSync('examples/cobahh/network.json', 'utf8'))).script;
    expect(kwargs(cobahh, 'sim.HH_cond_exp')).toMatchObject({ cm: 0.2, g_leak: 0.01, gbar_Na: 20, gbar_K: 6, v_offset: -63, e_rev_I: -80, tau_syn_I: 10 });
    expect(cobahh).toContain('StaticSynapse(weight=0.067, delay=STEP), receptor_type="inhibitory"');
    const adex = toPyNN(
      spec((s) => {
        s.groups = [{ kind: 'adex', name: 'A', size: 10, C: 281, gL: 30, EL: -70.6, VT: -50.4, deltaT: 2, tauw: 144, a: 4, b: 80.5, reset: -70.6, peak: 20, v0: { kind: 'constant', value: -70 } }];
        s.projections = [{ name: 'AA', pre: 'A', post: 'A', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'expConductance', tau: 5, g: 6, E: 0 } }];
        s.inputs = [{ kind: 'constant', group: 'A', value: 800 }];
      }),
    ).script;
    // The spike is detected at VT + 5 ΔT, below which NEURON's AdEx mechanism keeps it (said in a comment).
    expect(kwargs(adex, 'sim.EIF_cond_exp_isfa_ista')).toMatchObject({ cm: 0.281, tau_m: 281 / 30, v_thresh: -50.4, a: 4, b: 0.0805, v_spike: -50.4 + 5 * 2, i_offset: 0.8 });
    expect(adex).toMatch(/^# spikes are detected at VT \+ 5 deltaT = -40\.4 mV \(spikestream: at peak = 20 mV\)/m);
    const izh = toPyNN(
      spec((s) => {
        s.groups = [{ kind: 'izhikevich', name: 'Z', size: 10, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'constant', value: -65 } }];
        s.projections = [{ name: 'ZZ', pre: 'Z', post: 'Z', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'delta', w: 0.5 } }];
        s.inputs = [{ kind: 'constant', group: 'Z', value: 10 }, { kind: 'poisson', group: 'Z', count: 10, rate: 20, weight: 1 }];
      }),
    ).script;
    expect(izh).toContain('sim.Izhikevich(a=0.02, b=0.2, c=-65.0, d=8.0, i_offset=0.01)');
    expect(izh).toContain('populations["Z"].initialize(v=v0, u=0.2 * v0)');
    expect(izh).toContain('sim.SpikeSourcePoisson(rate=200.0)');
  });

  it('takes a weight per synapse for 300,000 synapses (no argument list of them)', () => {
    const n = 300_000;
    const { script } = toPyNN(
      spec((s) => {
        s.groups[0].size = 1000;
        s.groups[1].size = 1000;
        s.projections = [{ name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'pairs', pre: Array.from({ length: n }, (_, k) => Math.floor(k / 1000)), post: Array.from({ length: n }, (_, k) => k % 1000) }, synapse: { kind: 'expCurrent', tau: 6, g: 1 }, weight: { kind: 'values', values: Array.from({ length: n }, (_, k) => 1 + (k % 7)) } }];
      }),
    );
    expect(script).toContain('projections["EI"] = sim.Projection(populations["E"], populations["I"], sim.FromListConnector(');
  });

  it('keeps free text in comments and names in quotes', () => {
    const { script } = toPyNN(spec((s) => (s.description = 'line one\n"""\nimport os; os.system("rm -rf /")\r\u2028x')));
    for (const line of script.split('\n').filter((l) => l.includes('os.system'))) expect(line.startsWith('#')).toBe(true);
    const dashed = toPyNN(spec((s) => {
      s.groups[0].name = 'E-cells';
      for (const p of s.projections) for (const k of ['pre', 'post'] as const) if (p[k] === 'E') p[k] = 'E-cells';
      for (const i of s.inputs) if (i.group === 'E') i.group = 'E-cells';
    })).script;
    expect(dashed).toContain('populations["E-cells"] = sim.Population(n, ');
  });
});

describe('toPyNN: what it refuses, with the path', () => {
  const cases: Array<[string, (s: any) => void, string, RegExp]> = [
    ['a model written as equations', (s) => (s.groups[1] = { kind: 'neuron', name: 'I', size: 20, equations: 'dv/dt = (I - v) / 10', threshold: 'v > 1' }), 'groups[1]', /written as equations/],
    ['a learning rule', (s) => (s.projections[1].plasticity = { onPre: 's += w' }), 'projections[1].plasticity', /rule written as equations/],
    ['a stream input', (s) => (s.inputs[0] = { kind: 'stream', group: 'E', initial: 30 }), 'inputs[0]', /while the network runs/],
    ['a spike input', (s) => s.inputs.push({ kind: 'spikes', group: 'E' }), 'inputs[2]', /while the network runs/],
    ['a rate input', (s) => {
      s.groups.push({ kind: 'poisson', name: 'P', size: 5, rate: 10 });
      s.inputs.push({ kind: 'rate', group: 'P' });
    }, 'inputs[2]', /the rate input into group "P" takes its values while the network runs/],
    ['a modulator input', (s) => {
      s.projections[1].plasticity = { onPre: 's += w', modulators: ['M'] };
      s.inputs.push({ kind: 'modulator', projection: 'E2E', modulator: 'M', initial: 0 });
    }, 'inputs[2]', /the modulator input into projection "E2E"/],
    ['a poisson input into a LIF group', (s) => s.inputs.push({ kind: 'poisson', group: 'E', count: 10, rate: 5, weight: 1 }), 'inputs[2]', /jump/],
    ['a delta synapse into a LIF group', (s) => (s.projections[1].synapse = { kind: 'delta', w: 0.5 }), 'groups[0]', /receives exponential current .* and jump/],
    ['a dual exponential with two time constants', (s) => (s.projections[1].synapse = { kind: 'dualExpCurrent', tauRise: 1, tauDecay: 6, g: 0.25 }), 'projections[1].synapse', /tauRise ≠ tauDecay/],
    ['a synapse kind of its own', (s) => (s.projections[1].synapse = { kind: 'postsynaptic', equations: 'ds/dt = -s / tau', spikesInto: 's', effect: 'I += g * s', parameters: { tau: 5, g: 0.25 } }), 'projections[1].synapse', /written as equations, which no PyNN standard synapse is/],
    ['two excitatory time constants', (s) => s.projections.push({ ...s.projections[1], name: 'E2Eb', synapse: { ...s.projections[1].synapse, tau: 3 } }), 'groups[0]', /excitatory projections \("E2E", "E2Eb"\) have time constants 6 and 3 ms/],
    ['weights of both signs', (s) => (s.projections[1].weight = { kind: 'normal', mean: 1, sd: 0.4 }), 'projections[1].weight', /both signs/],
    ['weights as values without exact', (s) => (s.projections[1].weight = { kind: 'values', values: [] }), 'projections[1].weight', /export with exact/],
    ['delays below one step', (s) => (s.projections[1].delays = { kind: 'uniform', low: 0, high: 2 }), 'projections[1].delays', /below one step/],
    ['a lognormal times a negative g', (s) => (s.projections[0].weight = { kind: 'lognormal', mu: 0, sigma: 1 }), 'projections[0].weight', /lognormal/],
    ['a negative conductance', (s) => (s.projections = s.projections.map((p: any) => ({ ...p, synapse: { kind: 'expConductance', tau: 5, g: p.synapse.g, E: 0 } }))), 'projections[0].synapse.g', /negative conductance/],
    ['a delta synapse into an Izhikevich group\'s u', (s) => {
      s.groups = [{ kind: 'izhikevich', name: 'Z', size: 10, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'constant', value: -65 } }];
      s.projections = [{ name: 'ZZ', pre: 'Z', post: 'Z', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'delta', w: 0.5, target: 'u' } }];
      s.inputs = [];
    }, 'projections[0].synapse.target', /jumps "u"; a PyNN cell's synapses jump its membrane potential only/],
    ['an Izhikevich peak other than 30', (s) => (s.groups[1] = { kind: 'izhikevich', name: 'I', size: 20, a: 0.02, b: 0.2, c: -65, d: 8, peak: 35, v0: { kind: 'constant', value: -65 } }), 'groups[1]', /receives exponential current/],
  ];
  for (const [what, change, path, message] of cases) {
    it(`refuses ${what}`, () => {
      const issues = refusal(spec(change));
      expect(issues.map((i) => i.path)).toContain(path);
      expect(issues.find((i) => i.path === path)!.message).toMatch(message);
    });
  }

  it("refuses an Izhikevich peak PyNN's cell does not have, and s0 on an alpha synapse", () => {
    const izh = refusal(spec((s) => {
      s.groups = [{ kind: 'izhikevich', name: 'Z', size: 10, a: 0.02, b: 0.2, c: -65, d: 8, peak: 35, v0: { kind: 'constant', value: -65 } }];
      s.projections = [];
      s.inputs = [];
    }));
    expect(izh).toEqual([{ path: 'groups[0].peak', message: expect.stringMatching(/30 mV, not 35/) }]);
    const alpha = refusal(spec((s) => {
      s.projections = s.projections.map((p: any) => ({ ...p, synapse: { kind: 'dualExpCurrent', tauRise: p.synapse.tau, tauDecay: p.synapse.tau, g: p.synapse.g } }));
      s.projections[1].s0 = { kind: 'constant', value: 1 };
    }));
    expect(alpha.map((i) => i.path)).toEqual(['projections[1].s0']);
  });

  it('lists every problem at once, and refuses an invalid spec as such', () => {
    const issues = refusal(spec((s) => {
      s.projections[1].plasticity = { onPre: 's += w' };
      s.inputs[0] = { kind: 'stream', group: 'E', initial: 30 };
    }));
    expect(issues.map((i) => i.path)).toEqual(['projections[1].plasticity', 'inputs[0]']);
    expect(() => toPyNN(spec((s) => (s.groups[0].size = -1)))).toThrow(/groups\[0\]\.size/);
  });
});

describe('toPyNN: exact', () => {
  it("exports the synapses, weights, delays and initial potentials spikestream builds, in PyNN's units", () => {
    const s = spec((x) => {
      x.projections[1].weight = { kind: 'uniform', low: 0.5, high: 1.5 };
      x.projections[1].delays = { kind: 'uniform', low: 0, high: 2 };
      x.projections[0].connectivity.procedural = true;
    });
    const { script, files } = toPyNN(s, { exact: true, stem: 'net' });
    const built = buildNetwork(networkOf({ ...s, projections: s.projections.map((p) => ({ ...p, connectivity: { kind: 'fixedProbability', p: 0.25 } })) } as unknown as SimulationSpec), { backend: 'js', synapseStorage: 'csr' });
    expect(files.map((f) => f.name).sort()).toEqual(['net.E.v0.npy', 'net.E2E.synapses.npy', 'net.E2I.synapses.npy', 'net.I.v0.npy', 'net.I2E.synapses.npy', 'net.I2I.synapses.npy']);
    const e2e = readNpy(files.find((f) => f.name === 'net.E2E.synapses.npy')!.bytes);
    const csr = built.projections[1]!.synapses as { rowPtr: Uint32Array; col: ArrayLike<number>; nnz: number };
    expect(e2e.shape).toEqual([csr.nnz, 4]);
    for (let i = 0, k = 0; i < 80; i++) {
      for (let j = csr.rowPtr[i]!; j < csr.rowPtr[i + 1]!; j++, k++) {
        expect([e2e.data[4 * k], e2e.data[4 * k + 1]]).toEqual([i, csr.col[j]]);
        expect(e2e.data[4 * k + 2]).toBe(0.25 * built.projections[1]!.weights![j]!);
        // spikestream rounds each delay to whole steps; PyNN's least is one step.
        expect(e2e.data[4 * k + 3]).toBeCloseTo(Math.max(0.1, Math.round(built.projections[1]!.delays![j]! / 0.1) * 0.1), 12);
      }
    }
    expect(Array.from(readNpy(files.find((f) => f.name === 'net.E.v0.npy')!.bytes).data)).toEqual(Array.from(built.v0[0]!));
    expect(script).toContain('sim.FromListConnector(with_least_delay(data("E2E.synapses")), column_names=["weight", "delay"])');
    expect(script).toContain('v0 = data("E.v0")');
  });
});

describe('spikestream export and import-spikes', () => {
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: { write: (x: string) => (stdout += x) }, stderr: { write: (x: string) => (stderr += x) } });
    return { code, stdout, stderr };
  }
  const dir = (): string => mkdtempSync(join(tmpdir(), 'spikestream-export-'));

  it('writes the script and its data files, or refuses with one line per problem and writes nothing', async () => {
    const d = dir();
    const file = join(d, 'net.json');
    writeFileSync(file, JSON.stringify(spec()));
    const ok = await cli(['export', file, '--to', 'pynn', '--exact', '--out', join(d, 'out', 'cluster.py'), '--seed', '7']);
    expect(ok.code).toBe(0);
    expect(readdirSync(join(d, 'out')).sort()).toEqual(['cluster.E.v0.npy', 'cluster.E2E.synapses.npy', 'cluster.E2I.synapses.npy', 'cluster.I.v0.npy', 'cluster.I2E.synapses.npy', 'cluster.I2I.synapses.npy', 'cluster.py']);
    expect(readFileSync(join(d, 'out', 'cluster.py'), 'utf8')).toContain('parser.add_argument("--seed", type=int, default=7)');
    writeFileSync(file, JSON.stringify(spec((s) => (s.inputs[0] = { kind: 'stream', group: 'E', initial: 30 }))));
    const refused = await cli(['export', file, '--to', 'pynn', '--out', join(d, 'refused', 'x.py')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot be exported to PyNN:\n {2}inputs\[0\]: the stream input into group "E" takes its values while the network runs/);
    expect(() => readdirSync(join(d, 'refused'))).toThrow();
    expect((await cli(['export', file])).stderr).toMatch(/--to must be pynn .*required/);
    expect((await cli(['export', file, '--to', 'nest'])).code).toBe(2);
    expect((await cli(['export', file, '--to', 'pynn', '--out', 'x.txt'])).stderr).toMatch(/--out must name a \.py file/);
  });

  it("summarizes a .spikes file's rates and writes the run's figures", async () => {
    const d = dir();
    const steps = new Float64Array([0, 5, 5, 9]);
    const bytes = encodeSpikes({ dt: 0.5, startStep: 0, steps: 10, groups: { A: { group: 'A', size: 2, steps, indices: new Int32Array([1, 0, 1, 0]) } } });
    writeFileSync(join(d, 'run.spikes'), bytes);
    const result = await cli(['import-spikes', join(d, 'run.spikes'), '--json', '--out', join(d, 'figures')]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { durationMs: number; rates: Record<string, number>; spikes: number; files: string[] };
    // 4 spikes of 2 neurons in 10 steps of 0.5 ms: 4 / 2 / 0.005 s = 400 Hz.
    expect(summary).toMatchObject({ durationMs: 5, rates: { A: 400 }, spikes: 4 });
    expect(readdirSync(join(d, 'figures')).sort()).toEqual(['raster.png', 'raster.svg', 'rate-histogram.svg', 'rates.svg', 'spikes.csv', 'spikes.spikes']);
    writeFileSync(join(d, 'bad.spikes'), 'not spikes');
    expect((await cli(['import-spikes', join(d, 'bad.spikes')])).stderr).toMatch(/cannot read .*bad\.spikes": not a \.spikes file/);
    expect((await cli(['import-spikes', join(d, 'none.spikes'), '--no-files'])).stderr).toMatch(/no such file/);
  });
});
