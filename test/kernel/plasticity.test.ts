import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeNetworkSpec, eligibilityStdp, modulatedStdp, pairStdp, tripletStdp, tsodyksMarkram, type NetworkSpec, type PairStdpParams, type PlasticitySpec } from '../../src/index.js';
import { buildNetwork, createKernel, estimateMemory, type Kernel } from '../../src/kernel.js';
import { tripletClosedForm, VISUAL_CORTEX } from '../../examples/stdp-pairing/pairing.js';

function decoded(raw: unknown): NetworkSpec {
  const d = decodeNetworkSpec(raw);
  if (E.isLeft(d)) throw new Error(d.left.map((x) => `${x.path}: ${x.message}`).join('\n'));
  return d.right;
}

/** Runs a kernel for `steps` steps; per group, the steps of each neuron's spikes. */
function run(kernel: Kernel, steps: number): number[][][] {
  const out = kernel.groups.map((g) => Array.from({ length: g.size }, () => [] as number[]));
  for (let done = 0; done < steps; ) {
    const n = kernel.run(Math.min(kernel.maxBlock, steps - done));
    if (kernel.failure !== null) throw kernel.failure;
    kernel.groups.forEach((_, gi) => {
      const { stepPtr, indices } = kernel.spikes(gi);
      for (let k = 0; k < n; k++) for (let q = stepPtr[k]!; q < stepPtr[k + 1]!; q++) out[gi]![indices[q]!]!.push(done + k);
    });
    done += n;
  }
  return out;
}

/**
 * A pacemaker: a group whose neurons spike every `period` ms, the first at `first[i]` ms (dt
 * must divide both exactly). Its first variable is a dummy that a delta synapse may jump.
 */
function pacemaker(name: string, period: number, first: number[]) {
  return {
    kind: 'neuron', name, size: first.length,
    equations: 'dv/dt = 0; dc/dt = 1',
    threshold: 'c >= period - 0.001', reset: 'c = 0',
    parameters: { period },
    initial: { c: { kind: 'values', values: first.map((f) => period - f - 0.125) } },
  };
}

describe('Tsodyks–Markram short-term plasticity', () => {
  for (const [label, params] of [
    ['depression', { U: 0.5, tauD: 200 }],
    ['facilitation', { U: 0.1, tauD: 100, tauF: 500 }],
    ['both', { U: 0.3, tauD: 150, tauF: 80 }],
  ] as const) {
    it(`gives the closed-form amplitudes of a regular train (${label}), to 1e-9`, () => {
      const dt = 0.125;
      const period = 25; // 40 Hz
      const w = 0.75; // exact in 32 bits, as the build stores it
      const tau = 1e6; // a trace that barely decays: each spike's amplitude is its jump
      const spec = decoded({
        seed: 1,
        groups: [pacemaker('P', period, [5]), { kind: 'lif', name: 'N', size: 1, tau: 10, threshold: 1e9, reset: 0, v0: { kind: 'constant', value: 0 } }],
        projections: [{ name: 'PN', pre: 'P', post: 'N', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau, g: 1 }, weight: { kind: 'constant', value: w }, plasticity: tsodyksMarkram(params) }],
        inputs: [],
        probes: [{ name: 's', target: 'PN', variable: 's', indices: [0] }],
      });
      const kernel = createKernel(buildNetwork(spec), { dt, maxBlock: 4000 });
      kernel.run(4000); // 500 ms: 20 spikes
      const s = Array.from(kernel.samples(0));
      const spikes = kernel.spikes(0).indices.length;
      expect(spikes).toBe(20);
      // The jump at each spike: the sample after it less the decayed sample before it.
      const decay = 1 - dt / tau;
      const jumps: number[] = [];
      for (let k = 0; k + 1 < s.length; k++) {
        const jump = s[k + 1]! - s[k]! * decay;
        if (jump > 1e-6) jumps.push(jump);
      }
      // Maass & Markram 2002: u1 = U, x1 = 1; u_{n+1} = U + u_n (1 - U) e^{-Δ/F}; x_{n+1} = 1 + (x_n - u_n x_n - 1) e^{-Δ/D}.
      const { U, tauD } = params;
      const tauF = 'tauF' in params ? params.tauF : 0;
      let u = U;
      let x = 1;
      const expected: number[] = [];
      for (let n = 0; n < 20; n++) {
        expected.push(w * u * x);
        const nextX = 1 + (x - u * x - 1) * Math.exp(-period / tauD);
        u = U + (tauF > 0 ? u * (1 - U) * Math.exp(-period / tauF) : 0);
        x = nextX;
      }
      expect(jumps.length).toBe(20);
      jumps.forEach((j, n) => expect(Math.abs(j - expected[n]!)).toBeLessThan(1e-9));
      // The train depresses (or facilitates) for real: not a constant amplitude.
      expect(Math.abs(expected[19]! - expected[0]!)).toBeGreaterThan(0.05 * w);
    });
  }
});

/** A plain evaluator of pair STDP from the spike steps, written from the rule's definition. */
function plainPairStdp(params: Required<Omit<PairStdpParams, 'modulator'>>, dt: number, w0: number[][], pre: number[][], post: number[][]): number[][] {
  const { taupre, taupost, Apre, Apost, wmax } = params;
  const w = w0.map((row) => row.slice());
  const events: { step: number; kind: 0 | 1; neuron: number }[] = [];
  pre.forEach((steps, i) => steps.forEach((step) => events.push({ step, kind: 0, neuron: i })));
  post.forEach((steps, j) => steps.forEach((step) => events.push({ step, kind: 1, neuron: j })));
  // At one step, presynaptic spikes act before postsynaptic ones.
  events.sort((a, b) => a.step - b.step || a.kind - b.kind || a.neuron - b.neuron);
  /** A trace at `step` from the spikes before (or at, `inclusive`) it: a sum, or the nearest. */
  const trace = (spikes: number[], step: number, A: number, tau: number, inclusive: boolean): number => {
    const past = spikes.filter((k) => (inclusive ? k <= step : k < step));
    if (params.pairing === 'nearest') return past.length === 0 ? 0 : A * Math.exp(-((step - past[past.length - 1]!) * dt) / tau);
    return past.reduce((sum, k) => sum + A * Math.exp(-((step - k) * dt) / tau), 0);
  };
  const clip = (x: number): number => Math.min(Math.max(x, 0), wmax);
  for (const e of events) {
    if (e.kind === 0) {
      w[e.neuron]!.forEach((wij, j) => {
        const apost = trace(post[j]!, e.step, Apost, taupost, false);
        w[e.neuron]![j] = clip(wij + (params.dependence === 'multiplicative' ? (apost * wij) / wmax : apost));
      });
    } else {
      w.forEach((row, i) => {
        const apre = trace(pre[i]!, e.step, Apre, taupre, true);
        row[e.neuron] = clip(row[e.neuron]! + (params.dependence === 'multiplicative' ? apre * (1 - row[e.neuron]! / wmax) : apre));
      });
    }
  }
  return w;
}

/** Poisson inputs onto a few LIF neurons, all to all, with a rule. */
function stdpNetwork(rule: PlasticitySpec, extraInputs: unknown[] = []): NetworkSpec {
  return decoded({
    seed: 5,
    groups: [
      { kind: 'poisson', name: 'P', size: 30, rate: 20 },
      { kind: 'lif', name: 'N', size: 3, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
    ],
    projections: [{ name: 'PN', pre: 'P', post: 'N', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 5, g: 1 }, weight: { kind: 'uniform', low: 0, high: 0.1 }, plasticity: rule }],
    inputs: [{ kind: 'constant', group: 'N', value: 0.9 }, ...extraInputs],
  });
}

describe('pair STDP', () => {
  const base = { taupre: 20, taupost: 15, Apre: 0.004, Apost: -0.0045, wmax: 0.1 };
  for (const dependence of ['additive', 'multiplicative'] as const) {
    for (const pairing of ['all', 'nearest'] as const) {
      it(`changes weights as a plain evaluator of the rule does (${dependence}, ${pairing}), to 1e-12`, () => {
        const params = { ...base, dependence, pairing };
        const dt = 0.1;
        const net = buildNetwork(stdpNetwork(pairStdp(params)));
        const kernel = createKernel(net, { dt, maxBlock: 1000 });
        const w0 = Array.from(kernel.weights(0)!);
        const [pre, post] = run(kernel, 10000); // 1 s
        expect(post!.flat().length).toBeGreaterThan(20);
        const rows = (w: ArrayLike<number>): number[][] => Array.from({ length: 30 }, (_, i) => Array.from({ length: 3 }, (_, j) => w[3 * i + j]!));
        const expected = plainPairStdp(params, dt, rows(w0), pre!, post!);
        const got = rows(kernel.weights(0)!);
        let moved = 0;
        got.forEach((row, i) =>
          row.forEach((wij, j) => {
            expect(Math.abs(wij - expected[i]![j]!)).toBeLessThan(1e-12);
            if (Math.abs(wij - w0[3 * i + j]!) > 1e-4) moved++;
          }),
        );
        expect(moved).toBeGreaterThan(30);
      });
    }
  }

  it('with a projection delay, runs onPre when the spike reaches the synapses, as Brian2 delays its pre pathway', () => {
    const params = { ...base, dependence: 'additive' as const, pairing: 'all' as const };
    const spec = stdpNetwork(pairStdp(params));
    const delayed = decoded({ ...spec, projections: [{ ...spec.projections[0]!, delay: 1.5 }] });
    const kernel = createKernel(buildNetwork(delayed), { dt: 0.1, maxBlock: 1000 });
    const w0 = Array.from(kernel.weights(0)!);
    const [pre, post] = run(kernel, 10000);
    const rows = (w: ArrayLike<number>): number[][] => Array.from({ length: 30 }, (_, i) => Array.from({ length: 3 }, (_, j) => w[3 * i + j]!));
    // The rule sees each presynaptic spike 15 steps late (those too late for the run, never).
    const arriving = pre!.map((steps) => steps.map((k) => k + 15).filter((k) => k < 10000));
    const expected = plainPairStdp(params, 0.1, rows(w0), arriving, post!);
    rows(kernel.weights(0)!).forEach((row, i) => row.forEach((wij, j) => expect(Math.abs(wij - expected[i]![j]!)).toBeLessThan(1e-12)));
    // And not as if undelayed.
    const undelayed = plainPairStdp(params, 0.1, rows(w0), pre!, post!);
    expect(rows(kernel.weights(0)!).flat().some((wij, k) => Math.abs(wij - undelayed.flat()[k]!) > 1e-6)).toBe(true);
  });

  it('as a three-factor rule: nothing learned with M = 0, pair STDP bit for bit with M = 1, reversed with M = -1', () => {
    const params = { ...base };
    const final = (rule: PlasticitySpec, inputs: unknown[] = []): number[] => {
      const kernel = createKernel(buildNetwork(stdpNetwork(rule, inputs)), { dt: 0.1 });
      run(kernel, 5000);
      return Array.from(kernel.weights(0)!);
    };
    const start = Array.from(createKernel(buildNetwork(stdpNetwork(pairStdp(params)))!, { dt: 0.1 }).weights(0)!);
    expect(final(modulatedStdp(params), [{ kind: 'modulator', projection: 'PN', modulator: 'M', initial: 0 }])).toEqual(start);
    expect(final(modulatedStdp(params), [{ kind: 'modulator', projection: 'PN', modulator: 'M', initial: 1 }])).toEqual(final(pairStdp(params)));
    // M = −1 reverses the rule: pair STDP with both amplitudes negated, bit for bit.
    expect(final(modulatedStdp(params), [{ kind: 'modulator', projection: 'PN', modulator: 'M', initial: -1 }])).toEqual(final(pairStdp({ ...params, Apre: -params.Apre, Apost: -params.Apost })));
  });
});

describe('triplet STDP', () => {
  // Δw of the rule's definition (sums of exponentials over the earlier spikes, no bounds), and
  // Pfister & Gerstner's visual cortex parameters: examples/stdp-pairing.
  const p = VISUAL_CORTEX;
  for (const rate of [1, 10, 20, 40, 50]) {
    it(`gives the pairing protocol's change at ${rate} Hz, Δt = ±10 ms, to 1e-9`, () => {
      const dt = 0.125;
      const period = 1000 / rate;
      const pairs = 15;
      const changes = [10, -10].map((shift) => {
        // Pre at 10 ms + k·T, post shift ms after (or before) it.
        const spec = decoded({
          seed: 1,
          groups: [pacemaker('Pre', period, [10 + Math.max(0, -shift)]), pacemaker('Post', period, [10 + Math.max(0, shift)])],
          projections: [{ name: 'PP', pre: 'Pre', post: 'Post', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0 }, weight: { kind: 'constant', value: 0.5 }, plasticity: tripletStdp(p) }],
          inputs: [],
        });
        const kernel = createKernel(buildNetwork(spec), { dt, maxBlock: 4000 });
        // Up to the later of the two trains' last spikes: 20 ms + (pairs − 1) periods.
        const steps = Math.round((20 + (pairs - 1) * period) / dt) + 2;
        const [pre, post] = run(kernel, steps);
        expect(pre![0]!.length).toBe(pairs);
        expect(post![0]!.length).toBe(pairs);
        expect((post![0]![0]! - pre![0]![0]!) * dt).toBeCloseTo(shift, 9);
        const expected = tripletClosedForm(pre![0]!.map((k) => k * dt), post![0]!.map((k) => k * dt), p);
        const got = kernel.weights(0)![0]! - 0.5;
        expect(Math.abs(got - expected)).toBeLessThan(1e-9);
        return got;
      });
      // Pre before post potentiates at high rates; post before pre depresses at low ones.
      if (rate >= 40) expect(changes[0]!).toBeGreaterThan(0);
      if (rate <= 10) expect(changes[1]!).toBeLessThan(0);
    });
  }
});

describe('learning rules refuse what they cannot do', () => {
  it('name the field, line and column of a mistake', () => {
    const bad = stdpNetwork(pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 }));
    const raw = JSON.parse(JSON.stringify(bad));
    raw.projections[0].plasticity.onPost = 'apost += Apost\nw = clip(w + apree, 0, wmax)';
    const d = decodeNetworkSpec(raw);
    expect(E.isLeft(d) && d.left.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'projections[0].plasticity.onPost: line 2, column 14: unknown name "apree" (known: apost, apre, w, taupre, taupost, Apre, Apost, wmax, dt)',
    ]);
    raw.projections[0].plasticity = { ...raw.projections[0].plasticity, onPost: 'apost += w' };
    const d2 = decodeNetworkSpec(raw);
    expect(E.isLeft(d2) && d2.left[0]!.message).toMatch(/runs once per spike and cannot read "w"/);
    raw.projections[0].plasticity = { ...raw.projections[0].plasticity, onPre: 'apre += Apre' };
    const d3 = decodeNetworkSpec(raw);
    expect(E.isLeft(d3) && d3.left.some((x) => x.path === 'projections[0].plasticity.onPre' && /no statement "s \+= …"/.test(x.message))).toBe(true);
  });

  it('stops a run whose weights blow up, naming the projection, the synapse and the step', () => {
    const rule = { ...pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 }), onPost: 'apost += Apost; w = w * 1e300 * 1e300' } as PlasticitySpec;
    const kernel = createKernel(buildNetwork(stdpNetwork(rule)), { dt: 0.1 });
    expect(() => run(kernel, 5000)).toThrow(/projection "PN": w of synapse \d+ became Infinity at step \d+/);
  });

  it('runs in WebAssembly on one thread (the rule in the step\'s JavaScript), in JavaScript on several, and says so', () => {
    const net = buildNetwork(stdpNetwork(pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 })));
    const one = createKernel(net, { dt: 0.1 });
    expect(one.backend).toBe('wasm');
    one.close();
    expect(() => createKernel(net, { dt: 0.1, backend: 'wasm', threads: 2 })).toThrow(/projection "PN" has a learning rule, which the module leaves to the step's JavaScript, on one thread/);
    const two = createKernel(net, { dt: 0.1, threads: 2 });
    expect(two.backend).toBe('js');
    two.close();
  });

  it('stops a run on two threads as on one: after the step where a weight blew up', () => {
    const rule = { ...pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 }), onPost: 'apost += Apost; w = w * 1e300 * 1e300' } as PlasticitySpec;
    const net = buildNetwork(stdpNetwork(rule));
    const outcome = (threads: number) => {
      const kernel = createKernel(net, { dt: 0.1, threads, maxBlock: 1000 });
      try {
        let done = 0;
        while (kernel.failure === null && done < 5000) done += kernel.run(1000);
        return { done, message: kernel.failure?.message };
      } finally {
        kernel.close();
      }
    };
    const one = outcome(1);
    expect(one.message).toMatch(/projection "PN": w of synapse \d+ became Infinity at step \d+/);
    expect(outcome(2)).toEqual(one);
  });
});

describe('learning rules on several threads', () => {
  // The rule, and the largest initial weight (short-term depression delivers a fraction of w).
  const rules: [string, PlasticitySpec, number][] = [
    ['pair STDP', pairStdp({ Apre: 0.004, Apost: -0.0045, wmax: 0.1 }), 0.1],
    ['pair STDP, nearest, multiplicative', pairStdp({ Apre: 0.004, Apost: -0.0045, wmax: 0.1, pairing: 'nearest', dependence: 'multiplicative' }), 0.1],
    ['triplet STDP', tripletStdp({ wmax: 0.1, A3plus: 0.01 }), 0.1],
    ['Tsodyks–Markram', tsodyksMarkram({ U: 0.3, tauD: 100, tauF: 50 }), 0.5],
    ['eligibility traces', eligibilityStdp({ Apre: 0.004, Apost: -0.0045, wmax: 0.1, tauc: 100 }), 0.1],
  ];
  for (const [name, rule, high] of rules) {
    it(`give the spikes and final weights of one thread, bit for bit (${name}: WebAssembly, 2 and 3 threads)`, () => {
      // A recurrent group too, so that rows are cut between threads both ways.
      const spec = decoded({
        seed: 9,
        groups: [
          { kind: 'poisson', name: 'P', size: 60, rate: 20 },
          { kind: 'lif', name: 'N', size: 41, tau: 10, threshold: 1, reset: 0, v0: { kind: 'uniform', low: 0, high: 1 } },
        ],
        projections: [
          { name: 'PN', pre: 'P', post: 'N', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'expCurrent', tau: 5, g: 1 }, weight: { kind: 'uniform', low: 0, high }, plasticity: rule },
          { name: 'NN', pre: 'N', post: 'N', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 5, g: 0.5 }, weight: { kind: 'uniform', low: 0, high }, plasticity: rule },
        ],
        inputs: [
          { kind: 'constant', group: 'N', value: 0.9 },
          ...(rule.modulators === undefined ? [] : ['PN', 'NN'].map((projection) => ({ kind: 'modulator', projection, modulator: 'M', initial: 0.5 }))),
        ],
      });
      const net = buildNetwork(spec);
      const outcome = (threads: number, backend: 'js' | 'auto' = 'auto') => {
        const kernel = createKernel(net, { dt: 0.1, threads, maxBlock: 500, backend });
        expect(kernel.backend).toBe(threads === 1 && backend === 'auto' ? 'wasm' : 'js');
        try {
          const spikes = run(kernel, 4000);
          return { spikes, w: [Array.from(kernel.weights(0)!), Array.from(kernel.weights(1)!)] };
        } finally {
          kernel.close();
        }
      };
      const one = outcome(1, 'js');
      expect(one.spikes[1]!.flat().length).toBeGreaterThan(100);
      for (const other of [outcome(1), outcome(2), outcome(3)]) {
        expect(other.spikes).toEqual(one.spikes);
        expect(other.w).toEqual(one.w);
      }
    });
  }
});

describe('learning rules in the WebAssembly kernel', () => {
  it('give the JavaScript kernel\'s spikes and weights beside static projections of the same group and delay', () => {
    // Per group and delay, the module scatters the static projections and the step's JavaScript
    // the plastic ones: both kinds in each bucket here, at no delay and at 1.5 ms.
    const stdp = pairStdp({ Apre: 0.004, Apost: -0.0045, wmax: 0.2 });
    const spec = decoded({
      seed: 12,
      groups: [
        { kind: 'poisson', name: 'P', size: 80, rate: 15 },
        { kind: 'izhikevich', name: 'N', size: 51, a: 0.02, b: 0.2, c: -65, d: 8, v0: { kind: 'uniform', low: -70, high: -60 } },
      ],
      projections: [
        { name: 'PN', pre: 'P', post: 'N', connectivity: { kind: 'fixedProbability', p: 0.4 }, synapse: { kind: 'expCurrent', tau: 5, g: 30 }, weight: { kind: 'uniform', low: 0, high: 0.2 }, plasticity: stdp },
        { name: 'PNs', pre: 'P', post: 'N', connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 3, g: 2 } },
        { name: 'NN', pre: 'N', post: 'N', delay: 1.5, connectivity: { kind: 'fixedProbability', p: 0.2 }, synapse: { kind: 'expCurrent', tau: 5, g: 20 }, weight: { kind: 'uniform', low: 0, high: 0.2 }, plasticity: stdp },
        { name: 'NNs', pre: 'N', post: 'N', delay: 1.5, connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 5, g: -3 } },
      ],
      inputs: [{ kind: 'constant', group: 'N', value: 4 }],
    });
    const net = buildNetwork(spec);
    const outcome = (backend: 'js' | 'wasm') => {
      const kernel = createKernel(net, { dt: 0.1, maxBlock: 500, backend });
      try {
        const spikes = run(kernel, 5000);
        return { spikes, w: [Array.from(kernel.weights(0)!), Array.from(kernel.weights(2)!)] };
      } finally {
        kernel.close();
      }
    };
    const js = outcome('js');
    expect(js.spikes[1]!.flat().length).toBeGreaterThan(200);
    const wasm = outcome('wasm');
    expect(wasm.spikes).toEqual(js.spikes);
    expect(wasm.w).toEqual(js.w);
    // The rule did learn.
    const initial = Array.from(buildNetwork(spec).projections[0]!.weights!);
    expect(js.w[0]!.filter((w, j) => w !== initial[j]).length).toBeGreaterThan(initial.length / 2);
  });
});

describe('eligibility traces (a variable per synapse) and a delayed reward', () => {
  it('credit a pre-post pair with a reward that comes later, as the closed form of the trace says, to 1e-12', () => {
    const dt = 0.125;
    const params = { Apre: 0.01, Apost: -0.012, wmax: 1, tauc: 200 };
    const spec = decoded({
      seed: 1,
      groups: [pacemaker('Pre', 1000, [10]), pacemaker('Post', 1000, [20])],
      projections: [{ name: 'PP', pre: 'Pre', post: 'Post', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0 }, weight: { kind: 'constant', value: 0.5 }, plasticity: eligibilityStdp(params) }],
      inputs: [{ kind: 'modulator', projection: 'PP', modulator: 'M', initial: 0 }],
    });
    for (const threads of [1, 2]) {
      const kernel = createKernel(buildNetwork(spec), { dt, threads, maxBlock: 4000 });
      try {
        // The pair at 10 and 20 ms; no reward until 300 ms, then M = 0.2 until 800 ms.
        const [pre, post] = run(kernel, 2400);
        expect(kernel.weights(0)![0]).toBe(0.5);
        kernel.setInput(0, 0.2);
        run(kernel, 4000);
        const [k1, k2] = [pre![0]![0]!, post![0]![0]!];
        expect([k1 * dt, k2 * dt]).toEqual([10, 20]);
        // c jumps by apre(t2) = Apre·e^{−(t2 − t1)/τpre} at the post spike; each later step it
        // decays by q and then w grows by dt·M·c: steps 2400 … 6399 add dt·M·c0·q^(m − k2).
        const c0 = params.Apre * Math.exp(-((k2 - k1) * dt) / 20);
        const q = Math.exp(-dt / params.tauc);
        let expected = 0;
        for (let m = 2400; m < 6400; m++) expected += dt * 0.2 * c0 * q ** (m - k2);
        expect(Math.abs(kernel.weights(0)![0]! - 0.5 - expected)).toBeLessThan(1e-12);
        expect(expected).toBeGreaterThan(0.001);
      } finally {
        kernel.close();
      }
    }
  });

  it('refuse an equation for w, and a statement per spike that reads a variable per synapse', () => {
    const raw = (rule: object) => ({ seed: 1, groups: [pacemaker('A', 10, [1])], projections: [{ name: 'AA', pre: 'A', post: 'A', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0 }, plasticity: rule }], inputs: [] });
    const d1 = decodeNetworkSpec(raw({ onPre: 's += w', synapse: 'dw/dt = 1' }));
    expect(E.isLeft(d1) && d1.left[0]!.message).toMatch(/w has no equation: change it in onPre, onPost or onStep/);
    const d2 = decodeNetworkSpec(raw({ onPre: 's += w; apre += c', pre: 'dapre/dt = -apre', synapse: 'dc/dt = -c' }));
    expect(E.isLeft(d2) && d2.left[0]!.message).toMatch(/runs once per spike and cannot read "c"/);
  });
});

describe('a network with rules checks what refers to them', () => {
  it('names a modulator input that points at nothing, twice at one modulator, or at a rule without it', () => {
    const rule = modulatedStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 });
    const spec = JSON.parse(JSON.stringify(stdpNetwork(rule)));
    const issues = (inputs: unknown[]) => {
      const d = decodeNetworkSpec({ ...spec, inputs: [...spec.inputs, ...inputs] });
      return E.isLeft(d) ? d.left.map((x) => `${x.path}: ${x.message}`) : [];
    };
    expect(issues([{ kind: 'modulator', projection: 'XX', modulator: 'M', initial: 0 }])).toEqual(['inputs[1].projection: no projection named "XX" (projections: PN)']);
    expect(issues([{ kind: 'modulator', projection: 'PN', modulator: 'D', initial: 0 }])).toEqual(['inputs[1].modulator: projection "PN"\'s rule has modulators "M", not "D"']);
    expect(issues([{ kind: 'modulator', projection: 'PN', modulator: 'M', initial: 0 }, { kind: 'modulator', projection: 'PN', modulator: 'M', initial: 1 }])).toEqual([
      'inputs[2].modulator: modulator "M" of projection "PN" has an input already (inputs[1])',
    ]);
  });

  it('counts a rule\'s memory before anything is allocated: weights, traces, the column index', () => {
    const plain = estimateMemory(stdpNetwork(pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 }))).projections[0]!;
    const withoutRule = estimateMemory({ ...stdpNetwork(pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 })), projections: [{ ...stdpNetwork(pairStdp({ Apre: 0.01, Apost: -0.01, wmax: 1 })).projections[0]!, plasticity: undefined }] } as NetworkSpec).projections[0]!;
    // 90 synapses: weights 4 + 8 (the kernel's doubles) instead of 4; traces 8 × (30 + 3); columns 8 per synapse + 4 × 4.
    expect(plain.bytes - withoutRule.bytes).toBe(8 * 90 + 8 * 33 + 8 * 90 + 16);
  });
});

describe('parameters per synapse', () => {
  const network = (init: unknown) =>
    decodeNetworkSpec({
      seed: 4,
      groups: [pacemaker('P', 50, [5]), { kind: 'lif', name: 'N', size: 40, tau: 10, threshold: 1e9, reset: 0, v0: { kind: 'constant', value: 0 } }],
      projections: [{
        name: 'PN', pre: 'P', post: 'N', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 1e6, g: 1 },
        plasticity: { synapse: 'dU/dt = 0', onPre: 's += w * U', initial: { U: init } },
      }],
      inputs: [],
      probes: [{ name: 's', target: 'PN', variable: 's', indices: Array.from({ length: 40 }, (_, j) => j) }],
    });

  it('start from an initializer drawn per synapse, and a spike delivers each synapse its own', () => {
    const d = network({ kind: 'uniform', low: 0.5, high: 1.5 });
    if (E.isLeft(d)) throw new Error(JSON.stringify(d.left));
    const jumps = () => {
      const kernel = createKernel(buildNetwork(d.right), { dt: 0.125, maxBlock: 100 });
      kernel.run(100); // the spike at 5 ms (step 39): the traces after it
      const s = kernel.samples(0);
      return Array.from(s.subarray(99 * 40, 100 * 40));
    };
    const a = jumps();
    expect(a.every((x) => x >= 0.5 && x < 1.5)).toBe(true);
    expect(new Set(a).size).toBe(40);
    expect(Math.abs(a.reduce((x, y) => x + y, 0) / 40 - 1)).toBeLessThan(0.3);
    expect(jumps()).toEqual(a);
  });

  it('refuse a list of values, and an initializer for a trace', () => {
    const d = network({ kind: 'values', values: [1] });
    expect(E.isLeft(d) && d.left.map((x) => x.path)).toEqual(['projections[0].plasticity.initial.U']);
    const trace = decodeNetworkSpec({
      seed: 4,
      groups: [pacemaker('P', 50, [5])],
      projections: [{ name: 'PP', pre: 'P', post: 'P', connectivity: { kind: 'allToAll' }, synapse: { kind: 'delta', w: 0 }, plasticity: { pre: 'dx/dt = -x', onPre: 's += w * x', initial: { x: { kind: 'uniform', low: 0, high: 1 } } } }],
      inputs: [],
    });
    expect(E.isLeft(trace) && trace.left.map((x) => `${x.path}: ${x.message}`)).toEqual(["projections[0].plasticity.initial.x: a trace's initial value is one number, not an initializer"]);
  });
});
