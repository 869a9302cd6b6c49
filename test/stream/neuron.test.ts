import { readFileSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { asNetwork, build, clock, expCurrent, fixedProb, input, lif, network, neuron, perNeuron, recordSamples, recordSpikes, sampleState, SimulationError, uniform, type Network } from '../../src/index.js';
import type { Observable } from 'rxjs';
import type { Frame } from '../../src/index.js';
import { traubMilesNeuron } from '../../examples/cobahh/network.js';

type Op = (source: Observable<Frame>) => Network;

/** The seed network's recipe, scaled to n neurons, with its two groups made by `group`. */
function seedNetwork(n: number, group: (name: string, size: number, tau: number) => Op, duration = 200) {
  const ni = Math.floor(0.2 * n);
  const net$ = clock({ dt: 0.1, duration }).pipe(
    network({ seed: 7 }),
    group('E', n - ni, 15),
    group('I', ni, 10),
    expCurrent('I2E', { pre: 'I', post: 'E', connectivity: fixedProb(0.25), tau: 5, g: -1 }),
    expCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.25), tau: 6, g: 0.25 }),
    expCurrent('I2I', { pre: 'I', post: 'I', connectivity: fixedProb(0.25), tau: 5, g: -1 }),
    expCurrent('E2I', { pre: 'E', post: 'I', connectivity: fixedProb(0.25), tau: 6, g: 0.4 }),
    input('E', 30),
    input('I', 20),
  );
  return asNetwork(net$, 'seedNetwork');
}

const builtIn = (integrator: 'euler' | 'exponential') => (name: string, size: number, tau: number) =>
  lif(name, { size, tau, threshold: 15, reset: 0, v0: uniform(0, 15), integrator });
const asEquations = (method: 'euler' | 'exponential_euler') => (name: string, size: number, tau: number) =>
  neuron(name, { size, equations: 'dv/dt = (-v + I) / tau : volt', threshold: 'v >= 15', reset: 'v = 0', method, parameters: { tau }, initial: { v: uniform(0, 15) } });

async function spikeSteps(net$: Network, backend: 'js' | 'wasm' | 'auto' = 'auto', threads = 1) {
  const record = await lastValueFrom(build(net$, { backend, threads }).pipe(recordSpikes()));
  return Object.fromEntries(Object.entries(record.groups).map(([g, train]) => [g, [Array.from(train.steps), Array.from(train.indices)]]));
}

describe('neuron', () => {
  it.each([
    ['euler', 'euler'],
    ['exponential', 'exponential_euler'],
  ] as const)('a LIF written as equations gives the spikes of lif(...) (%s), bit for bit', async (integrator, method) => {
    const expected = await spikeSteps(seedNetwork(1000, builtIn(integrator)), 'js');
    const got = await spikeSteps(seedNetwork(1000, asEquations(method)));
    expect((expected.E![0] as number[]).length).toBeGreaterThan(500);
    expect(got).toEqual(expected);
  });
});

/** Spike counts per neuron of a lone group of size n (no projections), over `duration` ms. */
async function counts(group: Op, n: number, duration: number): Promise<number[]> {
  const net$ = clock({ dt: 0.1, duration }).pipe(network({ seed: 3 }), group);
  const record = await lastValueFrom(build(net$).pipe(recordSpikes()));
  const c = new Array<number>(n).fill(0);
  for (const i of Object.values(record.groups)[0]!.indices) c[i]!++;
  return c;
}

/** Spike counts of n neurons stepped by a plain loop: `step(x, i)` advances neuron i's state in place and says whether it spiked. */
function plainCounts<S>(n: number, steps: number, start: () => S, step: (x: S, i: number) => boolean): number[] {
  return Array.from({ length: n }, (_, i) => {
    const x = start();
    let c = 0;
    for (let k = 0; k < steps; k++) if (step(x, i)) c++;
    return c;
  });
}

/** The fraction of neurons whose counts differ by at most one spike. */
const withinOne = (a: number[], b: number[]): number => a.filter((x, i) => Math.abs(x - b[i]!) <= 1).length / a.length;

describe('neuron: models spikestream does not ship, against plain loops and Brian2', () => {
  const n = 500;
  // Brian2 2.5.1 running the same equations with the same drives (numpy target, forward Euler):
  // `/usr/bin/python3 bench/brian2/own_models.py > test/reference/brian2OwnModels.json`.
  const brian2 = JSON.parse(readFileSync('test/reference/brian2OwnModels.json', 'utf8')) as { qif: number[]; adaptive: number[]; hh: number[] };
  // Each neuron's own constant drive, given as values (drawn here, independently of the library).
  const drives = Array.from({ length: n }, (_, i) => 0.5 + (4.5 * i) / (n - 1));

  it('a quadratic integrate-and-fire population: per-neuron counts over 1 s', async () => {
    const got = await counts(
      neuron('Q', {
        size: n,
        equations: 'dv/dt = (v*v/10 + drive + I) / tau',
        threshold: 'v >= 10',
        reset: 'v = -10',
        parameters: { tau: 10, drive: perNeuron(drives) },
        initial: { v: -10 },
      }),
      n,
      1000,
    );
    const expected = plainCounts(n, 10000, () => ({ v: -10 }), (x, i) => {
      x.v = x.v + 0.1 * ((x.v * x.v) / 10 + drives[i]!) / 10;
      if (x.v < 10) return false;
      x.v = -10;
      return true;
    });
    expect(expected.reduce((a, b) => a + b)).toBeGreaterThan(5000);
    expect(withinOne(got, expected)).toBeGreaterThanOrEqual(0.99);
    expect(withinOne(got, brian2.qif)).toBeGreaterThanOrEqual(0.99);
  });

  it('an adaptive threshold (reset "v = 0; vt += 2"): per-neuron counts over 1 s', async () => {
    const got = await counts(
      neuron('A', {
        size: n,
        equations: 'dv/dt = (10 * drive - v) / 10\ndvt/dt = (5 - vt) / 100',
        threshold: 'v >= vt',
        reset: 'v = 0; vt += 2',
        parameters: { drive: perNeuron(drives) },
        initial: { vt: 5 },
      }),
      n,
      1000,
    );
    const expected = plainCounts(n, 10000, () => ({ v: 0, vt: 5 }), (x, i) => {
      const dv = (10 * drives[i]! - x.v) / 10;
      const dvt = (5 - x.vt) / 100;
      x.v += 0.1 * dv;
      x.vt += 0.1 * dvt;
      if (x.v < x.vt) return false;
      x.v = 0;
      x.vt += 2;
      return true;
    });
    expect(expected.reduce((a, b) => a + b)).toBeGreaterThan(5000);
    expect(withinOne(got, expected)).toBeGreaterThanOrEqual(0.99);
    expect(withinOne(got, brian2.adaptive)).toBeGreaterThanOrEqual(0.99);
  });

  it('Hodgkin–Huxley equations with a refractory condition (a spike per upward crossing): per-neuron counts over 1 s', async () => {
    // COBAHH's Traub–Miles neuron, no synapses, 150 to 1,500 pA, exponential Euler, as
    // bench/brian2/own_models.py gives it to Brian2 (threshold and refractory 'v > -20').
    const got = await counts(neuron('H', traubMilesNeuron(n, perNeuron(drives.map((d) => 300 * d)))), n, 1000);
    expect(brian2.hh.reduce((a, b) => a + b)).toBeGreaterThan(20000);
    expect(withinOne(got, brian2.hh)).toBeGreaterThanOrEqual(0.99);
  });
});

/** The values of one state variable of every neuron, sampled at the start of the last step. */
async function finalValues(group: Op, variable: string, n: number, duration: number, threads = 1): Promise<number[]> {
  const indices = Array.from({ length: n }, (_, i) => i);
  const net$ = clock({ dt: 0.1, duration }).pipe(network({ seed: 11 }), group, sampleState('x', { target: 'G', variable, indices }));
  const record = await lastValueFrom(build(net$, { threads }).pipe(recordSamples('x')));
  return Array.from(record.values.subarray(record.values.length - n));
}

describe('neuron: methods against closed forms', () => {
  it('xi: an Ornstein–Uhlenbeck process has the mean and variance of its Euler–Maruyama closed form', async () => {
    // dv = (mu − v)/tau dt + sigma·sqrt(2/tau) dW, from v = 0. Stepped by Euler–Maruyama it is the
    // AR(1) process v' = a·v + (1 − a)·mu + sigma·sqrt(2·dt/tau)·n with a = 1 − dt/tau, whose
    // moments after k steps are mu·(1 − a^k) and sigma²·(2·dt/tau)·(1 − a^2k)/(1 − a²).
    const [n, mu, sigma, tau, dt, k] = [20000, 3, 2, 10, 0.1, 300];
    const v = await finalValues(
      neuron('G', { size: n, equations: 'dv/dt = (mu - v) / tau + sigma * sqrt(2 / tau) * xi', threshold: 'v > 1e9', parameters: { mu, sigma, tau } }),
      'v',
      n,
      (k + 1) * dt,
    );
    const a = 1 - dt / tau;
    const mean = mu * (1 - a ** k);
    const variance = (sigma * sigma * ((2 * dt) / tau) * (1 - a ** (2 * k))) / (1 - a * a);
    const m = v.reduce((s, x) => s + x, 0) / n;
    const s2 = v.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
    // Five standard errors: of the mean sqrt(var/n), of the variance var·sqrt(2/(n − 1)).
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(s2 - variance)).toBeLessThan(5 * variance * Math.sqrt(2 / (n - 1)));
    // The noise is the neurons' own: not one draw shared by all.
    expect(variance).toBeGreaterThan(1);
  });

  it.each([
    ['euler', [1, 1]],
    ['rk2', [1, 1, 1 / 2]],
    ['rk4', [1, 1, 1 / 2, 1 / 6, 1 / 24]],
  ] as const)('%s steps a harmonic oscillator by its stability polynomial, exactly', async (method, coefficients) => {
    // dx/dt = y, dy/dt = −x from (1, 0) is du/dt = −i·u for u = x + i·y. One step of a
    // Runge–Kutta method multiplies u by R(−i·dt), R its stability polynomial (1 + z for Euler,
    // the Taylor polynomial of e^z to order 2 or 4 for rk2 and rk4), so after 100 steps
    // u = R(−i·dt)^100, while the true solution is e^(−i·10).
    const run = (variable: string) =>
      finalValues(neuron('G', { size: 1, equations: 'dx/dt = y\ndy/dt = -x', threshold: 'x > 10', method, initial: { x: 1 } }), variable, 1, 10.1);
    const [x, y] = [(await run('x'))[0]!, (await run('y'))[0]!];
    // R(−i·dt) = Σ c_k (−i·dt)^k, as [re, im].
    let [re, im, pRe, pIm] = [0, 0, 1, 0];
    for (const c of coefficients) {
      [re, im] = [re + c * pRe, im + c * pIm];
      [pRe, pIm] = [pIm * 0.1, -pRe * 0.1];
    }
    let [uRe, uIm] = [1, 0];
    for (let k = 0; k < 100; k++) [uRe, uIm] = [uRe * re - uIm * im, uRe * im + uIm * re];
    expect(Math.hypot(x - uRe, y - uIm)).toBeLessThan(1e-12);
    // And the method's order shows against the true solution: about dt^p·t·C.
    const error = Math.hypot(x - Math.cos(10), y + Math.sin(10));
    expect(error).toBeLessThan(coefficients.length === 2 ? 1 : coefficients.length === 3 ? 0.02 : 1e-5);
  });

  it('exponential_euler decays exactly at a rate that differs between neurons', async () => {
    // dv/dt = −k·v with k per neuron: v(t) = exp(−k·t), exact for any dt.
    const rates = [0.01, 0.1, 0.5, 2];
    const v = await finalValues(
      neuron('G', { size: 4, equations: 'dv/dt = -rate * v', threshold: 'v > 10', method: 'exponential_euler', parameters: { rate: perNeuron(rates) }, initial: { v: 1 } }),
      'v',
      4,
      5.1,
    );
    rates.forEach((r, i) => expect(v[i]! / Math.exp(-r * 5)).toBeCloseTo(1, 12));
  });

  it('exponential_euler steps by Euler where the rate is 0, lane by lane, in both back ends', async () => {
    // dv/dt = 2 − k·v: where k is 0, v = 2t (Euler is exact for a constant derivative); else
    // v relaxes exactly to 2/k. Zero and non-zero rates share pairs of lanes here.
    const rates = [0, 0.5, 0.2, 0, 0, 1];
    const group = neuron('G', { size: 6, equations: 'dv/dt = 2 - rate * v', threshold: 'v > 100', method: 'exponential_euler', parameters: { rate: perNeuron(rates) } });
    const samples = async (backend: 'js' | 'wasm') => {
      const net$ = clock({ dt: 0.1, duration: 5.1 }).pipe(network({ seed: 1 }), group, sampleState('x', { target: 'G', variable: 'v', indices: [0, 1, 2, 3, 4, 5] }));
      const sim = build(net$, { backend });
      expect(sim.backend).toBe(backend);
      return Array.from((await lastValueFrom(sim.pipe(recordSamples('x')))).values).slice(-6);
    };
    const js = await samples('js');
    expect(await samples('wasm')).toEqual(js);
    rates.forEach((k, i) => expect(js[i]!).toBeCloseTo(k === 0 ? 2 * 5 : (2 / k) * (1 - Math.exp(-k * 5)), 10));
  });
});

describe('neuron: in a network', () => {
  const adaptive = (name: string, size: number, tau: number) =>
    neuron(name, {
      size,
      equations: 'dv/dt = (I - v) / tau\ndw/dt = -w / 100',
      threshold: 'v >= 15 + w',
      reset: 'v = 0; w += 1',
      refractory: 0.5,
      parameters: { tau },
      initial: { v: uniform(0, 15) },
    });

  it('gives the same spikes on two threads as on one', async () => {
    const one = await spikeSteps(seedNetwork(800, adaptive, 100), 'auto', 1);
    const two = await spikeSteps(seedNetwork(800, adaptive, 100), 'auto', 2);
    expect((one.E![0] as number[]).length).toBeGreaterThan(100);
    expect(two).toEqual(one);
  });

  it('a refractory LIF written as equations with (unless refractory) gives the spikes of lif(...) with refractory', async () => {
    const expected = await spikeSteps(seedNetwork(600, (name, size, tau) => lif(name, { size, tau, threshold: 15, reset: 0, v0: uniform(0, 15), refractory: 2 }), 100), 'js');
    const asEquations = (flag: string) => (name: string, size: number, tau: number) =>
      neuron(name, { size, equations: `dv/dt = (I - v) / tau${flag}`, threshold: 'v >= 15', reset: 'v = 0', refractory: 2, parameters: { tau }, initial: { v: uniform(0, 15) } });
    expect(await spikeSteps(seedNetwork(600, asEquations(' : 1 (unless refractory)'), 100))).toEqual(expected);
    // Without the flag V goes on being integrated while the neuron cannot spike (Brian2's rule).
    expect(await spikeSteps(seedNetwork(600, asEquations(''), 100))).not.toEqual(expected);
  });

  it.each([
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
  ] as const)('integrates a variable without (unless refractory) while the neuron is held, as a plain loop (%s, %i thread(s))', async (backend, threads) => {
    // v is held at its reset for 2 ms; w decays all along and jumps at each spike; u, without
    // the flag, is integrated even while v is held.
    const [dt, steps, drive] = [0.1, 1000, 30];
    const net$ = clock({ dt, duration: steps * dt }).pipe(
      network({ seed: 1 }),
      neuron('G', {
        size: 2,
        equations: 'dv/dt = (drive - v - w) / 10 : 1 (unless refractory)\ndw/dt = -w / 50\ndu/dt = (v - u) / 5',
        threshold: 'v >= 15',
        reset: 'v = 0; w += 3',
        refractory: 2,
        parameters: { drive },
      }),
      sampleState('u', { target: 'G', variable: 'u', indices: [1] }),
    );
    const sim = build(net$, { backend, threads });
    const [spikes, u] = await Promise.all([lastValueFrom(sim.pipe(recordSpikes())), lastValueFrom(sim.pipe(recordSamples('u')))]);
    let [v, w, uu, held] = [0, 0, 0, 0];
    const wantSpikes: number[] = [];
    const wantU: number[] = [];
    for (let k = 0; k < steps; k++) {
      wantU.push(uu);
      const refractory = held > 0 && --held > 0;
      const [fv, fw, fu] = [(drive - v - w) * (dt / 10), w * (dt / 50), (v - uu) * (dt / 5)];
      v = refractory ? v : v + fv;
      w = w - fw;
      uu = uu + fu;
      if (!refractory && v >= 15) {
        wantSpikes.push(k);
        v = 0;
        w = w + 3;
        held = 20;
      }
    }
    expect(wantSpikes.length).toBeGreaterThan(5);
    expect(Array.from(spikes.groups.G!.steps.filter((_, q) => spikes.groups.G!.indices[q] === 1))).toEqual(wantSpikes);
    expect(Array.from(u.values)).toEqual(wantU);
  });

  it('samples any state variable by name, the first also as V', async () => {
    const model = neuron('G', { size: 3, equations: 'dv/dt = 1\ndw/dt = 2', threshold: 'v > 100', initial: { w: 5 } });
    expect(await finalValues(model, 'V', 3, 1)).toEqual((await finalValues(model, 'v', 3, 1)));
    // 10 steps of 0.1 ms: w = 5 + 2·1 ms (sampled at the start of the last step: 9 steps).
    expect((await finalValues(model, 'w', 3, 1))[0]).toBeCloseTo(5 + 2 * 0.9, 12);
    await expect(finalValues(model, 'u', 3, 1)).rejects.toThrow('probes[0].variable: group "G" has variables "V", "v", "w", not "u"');
  });

  it('reports a blow-up as a SimulationError naming the variable, the neuron and the step', async () => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 1 }),
      neuron('G', { size: 2, equations: 'dv/dt = 0\ndw/dt = w * w', threshold: 'v > 1', parameters: {}, initial: { w: perNeuron([0, 1]) } }),
    );
    const error = await lastValueFrom(build(net$).pipe(recordSpikes())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).variable).toBe('w');
    expect((error as SimulationError).index).toBe(1);
    expect((error as SimulationError).message).toMatch(/^group "G": w of neuron 1 became Infinity at step \d+/);
  });

  it('refuses a mistake when the operator is applied, with the field, line and column', () => {
    expect(() => clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), neuron('G', { size: 1, equations: 'dv/dt = -v / tau', threshold: 'v > 1' }))).toThrow(
      /groups\[0\]\.equations: line 1, column 14: unknown name "tau"/,
    );
  });
});

describe('neuron: the WebAssembly lowering', () => {
  // Models that exercise every part of the lowering: each method, refractoriness, per-neuron
  // parameters, sub-expressions, conditions, functions, powers, reset statements of each kind.
  const models: Record<string, (name: string, size: number, tau: number) => Op> = {
    'adaptive, refractory, euler': (name, size, tau) =>
      neuron(name, { size, equations: 'dv/dt = (I - v - w) / tau\ndw/dt = (0.2 * v - w) / 50', threshold: 'v >= 15', reset: 'v = 0; w += 1.5', refractory: 1, parameters: { tau }, initial: { v: uniform(0, 15) } }),
    'exponential Euler, a rate per neuron': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (I - v) * k\ndg/dt = -g / tau',
        threshold: 'v > 15 - g',
        reset: 'v = 0; g *= 0.5; g += 1',
        method: 'exponential_euler',
        parameters: { tau, k: uniform(1 / (tau + 5), 1 / (tau - 5)) },
        initial: { v: uniform(0, 15) },
      }),
    'rk2, functions and conditions': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (clip(I, -50, 50) - v + drive) / tau\ndrive = where(v > 10, sqrt(abs(v - 10)), -min(v, 0) ^ 2 / 100)',
        threshold: 'v >= 15 and not v > 1e6',
        reset: 'v = max(0, v - 15)',
        method: 'rk2',
        parameters: { tau },
        initial: { v: uniform(0, 15) },
      }),
    'rk4, an exponential': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (I - v + 0.5 * exp((v - 14) / 2)) / tau',
        threshold: 'v >= 15',
        reset: 'v = 0',
        method: 'rk4',
        parameters: { tau },
        initial: { v: uniform(0, 15) },
      }),
    'euler, the time t and the index i': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (I - v + where(t > 30, 2, 0) + i / N) / tau',
        threshold: 'v >= 15 + (t > 60 ? 1 : 0)',
        reset: 'v = i / N',
        parameters: { tau },
        initial: { v: uniform(0, 15) },
      }),
    'euler with white noise in two equations': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (I - v + w) / tau + 2 * xi\ndw/dt = -w / 20 + 0.3 * sqrt(2 / 20) * xi',
        threshold: 'v >= 15',
        reset: 'v = 0',
        parameters: { tau },
        initial: { v: uniform(0, 15) },
      }),
    'log, sin, cos and tanh': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (I - v + 2 * tanh((v - 10) / 3) + sin(t / 7) + 0.5 * cos(v * 3) + log(1 + abs(v))) / tau',
        threshold: 'v >= 15',
        reset: 'v = 0',
        parameters: { tau },
        initial: { v: uniform(0, 15) },
      }),
    'rk4 with t: each stage at its own time': (name, size, tau) =>
      neuron(name, {
        size,
        equations: 'dv/dt = (I - v + 3 * clip(t / 50 - 1, -1, 1)) / tau',
        threshold: 'v >= 15',
        reset: 'v = 0',
        method: 'rk4',
        parameters: { tau },
        initial: { v: uniform(0, 15) },
      }),
  };

  it.each(Object.keys(models))('%s: the same spikes as JavaScript, on one thread and two', async (name) => {
    const model = models[name]!;
    const js = await spikeSteps(seedNetwork(600, model, 100), 'js');
    expect((js.E![0] as number[]).length).toBeGreaterThan(100);
    expect(build(seedNetwork(600, model, 100)).backend).toBe('wasm');
    expect(await spikeSteps(seedNetwork(600, model, 100), 'wasm')).toEqual(js);
    expect(await spikeSteps(seedNetwork(600, model, 100), 'wasm', 2)).toEqual(js);
  });

  it('shares a named noise (xi_<name>) between the equations that name it, and keeps other names independent', async () => {
    // Three OU processes with one time constant, from 0: v and u driven by xi_s are one process,
    // bit for bit; w, driven by xi_w, is independent of them: its sample correlation with v
    // across 20,000 neurons is within 5/sqrt(n) of 0, where v's with itself is 1.
    const n = 20000;
    const equations = 'dv/dt = -v / 10 + sqrt(2 / 10) * xi_s\ndu/dt = -u / 10 + sqrt(2 / 10) * xi_s\ndw/dt = -w / 10 + sqrt(2 / 10) * xi_w';
    const group = neuron('G', { size: n, equations, threshold: 'v > 1e9' });
    const [v, u, w] = [await finalValues(group, 'v', n, 20), await finalValues(group, 'u', n, 20), await finalValues(group, 'w', n, 20)];
    expect(u).toEqual(v);
    const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    const [mv, mw] = [mean(v), mean(w)];
    const cov = mean(v.map((x, i) => (x - mv) * (w[i]! - mw)));
    const r = cov / Math.sqrt(mean(v.map((x) => (x - mv) ** 2)) * mean(w.map((x) => (x - mw) ** 2)));
    expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
    // Both back ends and threads draw them alike.
    const small = neuron('G', { size: 9, equations: `${equations}\ndz/dt = -z + xi`, threshold: 'v > 1e9' });
    const js = await finalValues(small, 'w', 9, 5);
    const net$ = () => clock({ dt: 0.1, duration: 5 }).pipe(network({ seed: 11 }), small, sampleState('x', { target: 'G', variable: 'w', indices: [0, 4, 8] }));
    const sampled = async (backend: 'js' | 'wasm', threads: number) => Array.from((await lastValueFrom(build(net$(), { backend, threads }).pipe(recordSamples('x')))).values);
    const reference = await sampled('js', 1);
    expect(reference.slice(-3)).toEqual([js[0], js[4], js[8]]);
    expect(await sampled('wasm', 1)).toEqual(reference);
    expect(await sampled('wasm', 2)).toEqual(reference);
  });

  it('refuses two noise names in one equation, and a noise name elsewhere, with line and column', () => {
    const issue = (equations: string, threshold = 'v > 1'): string => {
      try {
        build(clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), neuron('G', { size: 2, equations, threshold })));
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(issue('dv/dt = -v + xi_a + xi_b')).toMatch(/equations: line 1, column \d+: one noise term per equation: dv\/dt reads xi_a and xi_b/);
    expect(issue('dv/dt = -v', 'v > xi_a')).toMatch(/threshold: .*xi_a \(white noise\) belongs in the derivatives/);
    expect(issue('dv/dt = -v + xi_a\nxi_b = 2')).toMatch(/"xi_b" names white noise/);
  });

  it('draws the noise of an odd-sized group as JavaScript does, on one thread and two', async () => {
    const net$ = clock({ dt: 0.1, duration: 20 }).pipe(
      network({ seed: 5 }),
      neuron('G', { size: 7, equations: 'dv/dt = -v / 10 + xi\ndu/dt = -u + 0.5 * xi', threshold: 'v > 1e9', initial: { v: uniform(-1, 1) } }),
      sampleState('x', { target: 'G', variable: 'u', indices: [0, 1, 2, 3, 4, 5, 6] }),
    );
    const samples = async (backend: 'js' | 'wasm', threads: number) => Array.from((await lastValueFrom(build(net$, { backend, threads }).pipe(recordSamples('x')))).values);
    const js = await samples('js', 1);
    expect(new Set(js).size).toBeGreaterThan(1000);
    expect(await samples('wasm', 1)).toEqual(js);
    expect(await samples('wasm', 2)).toEqual(js);
  });

  it('keeps a model with another power in JavaScript, saying why', () => {
    for (const [equations, why] of [['dv/dt = v ^ 1.5', 'uses a power other than ^2, ^3 or ^4']] as const) {
      expect(build(clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), neuron('G', { size: 2, equations, threshold: 'v > 1' }))).backend).toBe('js');
      expect(() => build(clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), neuron('G', { size: 2, equations, threshold: 'v > 1' })), { backend: 'wasm' })).toThrow(why);
    }
  });

  it.each([1, 2])('reports a blow-up of a second variable in WebAssembly on %i thread(s), naming it', async (threads) => {
    const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
      network({ seed: 1 }),
      neuron('G', { size: 64, equations: 'dv/dt = 0\ndw/dt = w * w', threshold: 'v > 1', parameters: {}, initial: { w: perNeuron(Array.from({ length: 64 }, (_, i) => (i === 37 ? 1 : 0))) } }),
    );
    const sim = build(net$, { backend: 'wasm', threads });
    const error = await lastValueFrom(sim.pipe(recordSpikes())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).variable).toBe('w');
    expect((error as SimulationError).index).toBe(37);
  });
});

describe('neuron: draws (rand, randn)', () => {
  /** Spike counts per neuron of group G, and the run's samples of `x`. */
  async function run(net$: Network, backend: 'js' | 'wasm' | 'auto' = 'auto', threads = 1) {
    const sim = build(net$, { backend, threads });
    const [spikes, samples] = await Promise.all([lastValueFrom(sim.pipe(recordSpikes())), lastValueFrom(sim.pipe(recordSamples('x')))]);
    const g = spikes.groups.G!;
    const counts = new Array<number>(g.size).fill(0);
    for (const i of g.indices) counts[i]!++;
    return { spikes: [Array.from(g.steps), Array.from(g.indices)], counts, samples: Array.from(samples.values) };
  }
  const group = (size: number, steps: number, model: { equations: string; threshold: string; reset?: string; refractory?: number; parameters?: Record<string, number> }, variable = 'v') =>
    asNetwork(
      clock({ dt: 0.1, duration: steps * 0.1 }).pipe(
        network({ seed: 3 }),
        neuron('G', { size, ...model }),
        sampleState('x', { target: 'G', variable, indices: Array.from({ length: Math.min(size, 50) }, (_, i) => i) }),
      ),
      'draws',
    );
  const meanAndVariance = (xs: readonly number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return [m, xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)] as const;
  };

  it.each(['wasm', 'js'] as const)('rand() < rate·dt in the threshold spikes as a Bernoulli trial per neuron and step (Brian2\'s PoissonGroup), %s', async (backend) => {
    // 2,000 neurons, 10,000 steps, p = 20 Hz · 0.1 ms = 0.002: each neuron's count is
    // Binomial(10⁴, p), mean 20, variance 19.96; the total's mean 40,000. (A model whose only
    // draws are its threshold's: its generators are declared for them.)
    const [n, steps, p] = [2000, 10_000, 0.002];
    const { counts } = await run(group(n, steps, { equations: 'dv/dt = 0', threshold: 'rand() < rate * dt / 1000', parameters: { rate: 20 } }), backend);
    const total = counts.reduce((s, c) => s + c, 0);
    expect(Math.abs(total - n * steps * p)).toBeLessThan(5 * Math.sqrt(n * steps * p * (1 - p)));
    const [, variance] = meanAndVariance(counts);
    const v = steps * p * (1 - p);
    expect(Math.abs(variance - v)).toBeLessThan(5 * v * Math.sqrt(2 / (n - 1)));
  });

  it('randn() in the reset draws a standard normal number for each spike', async () => {
    // Every neuron spikes about every other step; its u is the last spike's draw.
    const n = 4000;
    const net$ = asNetwork(
      clock({ dt: 0.1, duration: 5 }).pipe(
        network({ seed: 3 }),
        neuron('G', { size: n, equations: 'dv/dt = 0\ndu/dt = 0', threshold: 'rand() < 0.5', reset: 'u = randn()' }),
        sampleState('x', { target: 'G', variable: 'u', indices: Array.from({ length: n }, (_, i) => i) }),
      ),
      'randn',
    );
    const values = Array.from((await lastValueFrom(build(net$).pipe(recordSamples('x')))).values.slice(-n));
    const [m, s2] = meanAndVariance(values);
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 - 1)).toBeLessThan(5 * Math.sqrt(2 / (n - 1)));
  });

  it('draws once for each rand() written: a sub-expression used twice is one number', async () => {
    // p < 0.3 or p > 0.8 holds with probability 0.5 for one draw, 0.44 for two.
    const [n, steps] = [1000, 400];
    const { counts } = await run(group(n, steps, { equations: 'dv/dt = 0\np = rand()', threshold: 'p < 0.3 or p > 0.8' }));
    const rate = counts.reduce((s, c) => s + c, 0) / (n * steps);
    expect(Math.abs(rate - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / (n * steps)));
  });

  it.each([
    ['wasm', 1],
    ['wasm', 2],
    ['js', 2],
  ] as const)('gives the JavaScript kernel\'s spikes and values (%s, %i thread(s)), with noise, a held neuron and an odd size', async (backend, threads) => {
    const model = {
      equations: 'dv/dt = (drive - v) / 10 + 0.5 * xi : 1 (unless refractory)\ndu/dt = -u / 50',
      threshold: 'v > 1 + 0.2 * randn() or rand() < (u > 0.5 ? 0.001 : 0.0001)',
      reset: 'v = rand() * 0.5; u += 0.5 + 0.1 * randn()',
      refractory: 1,
      parameters: { drive: 1.1 },
    };
    const js = await run(group(101, 3000, model, 'u'), 'js', 1);
    expect(js.spikes[0]!.length).toBeGreaterThan(1000);
    expect(await run(group(101, 3000, model, 'u'), backend, threads)).toEqual(js);
    if (backend === 'wasm') expect(build(group(101, 10, model)).backend).toBe('wasm');
  });

  it('refuses a draw in an equation or a learning rule, with the line and column', () => {
    const make = (equations: string) => () => clock({ dt: 0.1, duration: 1 }).pipe(network({ seed: 1 }), neuron('G', { size: 2, equations, threshold: 'v > 1' }));
    expect(make('dv/dt = -v + rand()')).toThrow("groups[0].equations: line 1, column 14: rand() draws a new number each step: it may be called in a neuron model's threshold and reset, not here (for noise in an equation, use xi)");
    // A sub-expression that draws may serve the threshold, not an equation.
    expect(make('dv/dt = -v + p\np = randn()')).toThrow('line 2, column 5: randn() draws a new number each step');
    expect(() =>
      clock({ dt: 0.1, duration: 1 }).pipe(
        network({ seed: 1 }),
        lif('E', { size: 2, tau: 10, threshold: 1, reset: 0 }),
        expCurrent('EE', { pre: 'E', post: 'E', connectivity: fixedProb(1), tau: 5, g: 1, plasticity: { onPre: 's += w * rand()' } }),
      ),
    ).toThrow('projections[0].plasticity.onPre: line 1, column 10: rand() draws a new number each step');
  });
});
