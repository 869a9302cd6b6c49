/**
 * Models written as equations (`neuron` groups), measured in one run:
 *
 *   npm run bench:models -- [--repeats R=3]
 *
 * - against Brian2: models spikestream does not ship (a QIF population, an adaptive threshold,
 *   a Hodgkin–Huxley F–I curve with a refractory condition, bench/brian2/own_models.py),
 *   per-neuron spike counts over 1 s: the fraction of
 *   neurons equal and within one spike of Brian2's (target: within one for at least 99%);
 * - compile time: a network of ten `neuron` groups (every method, noise, per-neuron
 *   parameters), from its built network to a kernel that has run its first step, which is when
 *   V8 compiles the step (target: under 50 ms);
 * - the seed network with its LIF groups written as equations by the user against the built-in
 *   `lif` (itself a definition in the equation language, src/model/library), in WebAssembly and
 *   in JavaScript (the same spikes, bit for bit), best of R interleaved runs: both take the
 *   same lowering, so a ratio away from 1 is noise or a difference in what the two compile to;
 * - COBAHH (seed 1, 1 s) with its neurons as Brian2's equations (`cobahhEquations`) against the
 *   built-in `hh` kind, in WebAssembly and JavaScript: the rates and the times;
 * - the seed network with white noise in its equations, in WebAssembly against JavaScript (the
 *   same spikes) and against Brian2 C++ standalone running the same equations
 *   (bench/brian2/tian2020.py --noise).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { lastValueFrom } from 'rxjs';
import { build, clock, expCurrent, fixedProb, input, lif, asNetwork, network, neuron, perNeuron, recordSpikes, uniform, type Network, type SpikeRecord } from '../src/index.js';
import { cobahh, traubMilesNeuron } from '../examples/cobahh/network.js';
import { buildNetwork, createKernel } from '../src/kernel.js';

const { values } = parseArgs({ options: { repeats: { type: 'string' } } });
const repeats = Number(values.repeats ?? 3);
const python = '/usr/bin/python3';

// 1. Against Brian2.
if (spawnSync(python, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0) {
  const n = 500;
  const brian2 = JSON.parse(execFileSync(python, ['bench/brian2/own_models.py', '--neurons', String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Record<string, number[]>;
  const drives = Array.from({ length: n }, (_, i) => 0.5 + (4.5 * i) / (n - 1));
  const models = {
    qif: neuron('Q', { size: n, equations: 'dv/dt = (v*v/10 + drive) / tau', threshold: 'v >= 10', reset: 'v = -10', parameters: { tau: 10, drive: perNeuron(drives) }, initial: { v: -10 } }),
    adaptive: neuron('Q', { size: n, equations: 'dv/dt = (10 * drive - v) / 10\ndvt/dt = (5 - vt) / 100', threshold: 'v >= vt', reset: 'v = 0; vt += 2', parameters: { drive: perNeuron(drives) }, initial: { vt: 5 } }),
    // A spike per upward crossing: threshold and refractory condition 'v > -20', as Brian2's.
    hh: neuron('Q', traubMilesNeuron(n, perNeuron(drives.map((d) => 300 * d)))),
  };
  console.log('Models written as equations against Brian2 2.5 (numpy; euler, hh exponential_euler), 500 neurons, 1 s, per-neuron spike counts:');
  for (const [name, group] of Object.entries(models)) {
    const record = await lastValueFrom(build(clock({ dt: 0.1, duration: 1000 }).pipe(network({ seed: 1 }), group)).pipe(recordSpikes()));
    const counts = new Array<number>(n).fill(0);
    for (const i of record.groups.Q!.indices) counts[i]!++;
    const theirs = brian2[name]!;
    const equal = counts.filter((c, i) => c === theirs[i]).length / n;
    const withinOne = counts.filter((c, i) => Math.abs(c - theirs[i]!) <= 1).length / n;
    console.log(`  ${name.padEnd(9)} equal ${(100 * equal).toFixed(1)}%, within one spike ${(100 * withinOne).toFixed(1)}% (target >= 99%), spikes ${counts.reduce((a, b) => a + b)} against ${theirs.reduce((a, b) => a + b)}`);
  }
} else console.log('(Brian2 not found: /usr/bin/python3 cannot import brian2; apt-get install python3-brian)');

// 2. Compile time of ten groups (one with white noise), in WebAssembly and in JavaScript.
const tenGroups = (): Network => {
  const groups = Array.from({ length: 10 }, (_, g) =>
    neuron(`G${g}`, {
      size: 100,
      equations: [
        'dv/dt = (v*v/10 + drive + I) / tau',
        'dv/dt = (I - v) / tau + sigma * sqrt(2 / tau) * xi\ndvt/dt = (10 - vt) / 100',
        'dv/dt = (I - v - w) / tau\ndw/dt = (a * v - w) / 100',
        'dv/dt = (I - v) / tau + 0 * drive\ndh/dt = (1 / (1 + exp(-v)) - h) / 5\ndn/dt = (clip(v / 10, -1, 1) - n) / 7',
      ][g % 4]!,
      threshold: g % 4 === 1 ? 'v >= vt' : 'v >= 10',
      reset: g % 4 === 1 ? 'v = 0; vt += 2' : 'v = 0',
      method: g % 4 === 1 ? 'euler' : (['euler', 'rk2', 'rk4', 'exponential_euler'] as const)[g % 4]!,
      parameters: { tau: 10, sigma: 1, a: 0.5, drive: uniform(0.5, 5) },
    }),
  );
  return groups.reduce<Network>((net, group) => group(net), asNetwork(clock({ dt: 0.1, duration: 10 }).pipe(network({ seed: 1 })), 'bench'));
};
for (const backend of ['wasm', 'js'] as const) {
  const spec = tenGroups().spec;
  const compileMs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // A fresh build each time: the generated code is cached per built network.
    const fresh = buildNetwork(spec);
    const t0 = performance.now();
    const kernel = createKernel(fresh, { dt: 0.1, backend });
    kernel.run(1);
    compileMs.push(performance.now() - t0);
    kernel.close();
  }
  console.log(`Ten neuron groups (every method, per-neuron parameters, noise), ${backend}: kernel made and first step run in ${Math.min(...compileMs).toFixed(1)} ms (best of ${repeats}; target under 50 ms)`);
}

// 3. The seed network as equations against the built-in LIF, JavaScript kernel.
const seed = (asEquations: boolean, noise = false): Network => {
  const equations = noise ? 'dv/dt = (I - v) / tau + 1.5 * sqrt(2 / tau) * xi' : 'dv/dt = (I - v) / tau';
  const group = (name: string, size: number, tau: number) =>
    asEquations
      ? neuron(name, { size, equations, threshold: 'v >= 15', reset: 'v = 0', parameters: { tau }, initial: { v: uniform(0, 15) } })
      : lif(name, { size, tau, threshold: 15, reset: 0, v0: uniform(0, 15) });
  const net$ = clock({ dt: 0.1, duration: 1000 }).pipe(
    network({ seed: 1 }),
    group('E', 8000, 15),
    group('I', 2000, 10),
    expCurrent('I2E', { pre: 'I', post: 'E', connectivity: fixedProb(0.25), tau: 5, g: -1 }),
    expCurrent('E2E', { pre: 'E', post: 'E', connectivity: fixedProb(0.25), tau: 6, g: 0.25 }),
    expCurrent('I2I', { pre: 'I', post: 'I', connectivity: fixedProb(0.25), tau: 5, g: -1 }),
    expCurrent('E2I', { pre: 'E', post: 'I', connectivity: fixedProb(0.25), tau: 6, g: 0.4 }),
    input('E', 30),
    input('I', 20),
  );
  return asNetwork(net$, 'bench');
};
const sims: Record<string, ReturnType<typeof build>> = {
  'built-in, wasm': build(seed(false), { backend: 'wasm' }),
  'equations, wasm': build(seed(true), { backend: 'wasm' }),
  'built-in, js': build(seed(false), { backend: 'js' }),
  'equations, js': build(seed(true), { backend: 'js' }),
};
/** Each simulation run R times, interleaved: its best time, s, and its record. */
async function bestOf(variants: Record<string, ReturnType<typeof build>>): Promise<{ best: Record<string, number>; records: Record<string, SpikeRecord> }> {
  const best: Record<string, number> = {};
  const records: Record<string, SpikeRecord> = {};
  for (let r = 0; r < repeats; r++) {
    for (const [name, sim] of Object.entries(variants)) {
      const t0 = performance.now();
      records[name] = await lastValueFrom(sim.pipe(recordSpikes()));
      best[name] = Math.min(best[name] ?? Infinity, (performance.now() - t0) / 1000);
    }
  }
  return { best, records };
}
const { best, records } = await bestOf(sims);
const spikes = Object.fromEntries(Object.entries(records).map(([name, record]) => [name, Object.values(record.groups).reduce((s, g) => s + g.indices.length, 0)]));
if (new Set(Object.values(spikes)).size !== 1) throw new Error(`the variants disagree: ${JSON.stringify(spikes)}`);
console.log(`Seed network, 1 s, best of ${repeats} (the same ${spikes['built-in, js']} spikes in all four):`);
for (const backend of ['wasm', 'js']) {
  const [b, e] = [best[`built-in, ${backend}`]!, best[`equations, ${backend}`]!];
  console.log(`  ${backend.padEnd(4)} built-in lif ${b.toFixed(3)} s, as equations ${e.toFixed(3)} s: equations / built-in ${(e / b).toFixed(3)}`);
}

// 4. COBAHH with its neurons as Brian2's equations (examples/cobahh cobahhEquations) against the
// built-in hh kind: different rules for a spike (see docs/models.md), so different spikes; the
// rates and the times.
const cobahhSims: Record<string, ReturnType<typeof build>> = {};
for (const backend of ['wasm', 'js'] as const) {
  for (const asEquations of [false, true]) cobahhSims[`${asEquations ? 'equations' : 'built-in'}, ${backend}`] = build(cobahh(clock({ dt: 0.1, duration: 1000 }), 1, { asEquations }), { backend });
}
const hh = await bestOf(cobahhSims);
const rates = (record: SpikeRecord): string => Object.entries(record.groups).map(([name, g]) => `${name} ${(g.indices.length / g.size).toFixed(2)} Hz`).join(', ');
console.log(`COBAHH, seed 1, 1 s, best of ${repeats}: the built-in hh kind against Brian2's equations as a neuron group:`);
for (const backend of ['wasm', 'js']) {
  const [b, e] = [`built-in, ${backend}`, `equations, ${backend}`];
  console.log(`  ${backend.padEnd(4)} built-in ${hh.best[b]!.toFixed(3)} s (${rates(hh.records[b]!)}), as equations ${hh.best[e]!.toFixed(3)} s (${rates(hh.records[e]!)}): equations / built-in ${(hh.best[e]! / hh.best[b]!).toFixed(3)}`);
}

// 5. The seed network with white noise in its equations (Euler–Maruyama, a normal deviate per
// neuron and step by Box–Muller with the kernel's log and cos): WebAssembly against JavaScript.
const noisy = await bestOf({ wasm: build(seed(true, true), { backend: 'wasm' }), js: build(seed(true, true), { backend: 'js' }) });
const noisySpikes = Object.values(noisy.records).map((record) => Object.values(record.groups).reduce((s, g) => s + g.indices.length, 0));
if (noisySpikes[0] !== noisySpikes[1]) throw new Error(`the noisy variants disagree: ${noisySpikes.join(' against ')}`);
console.log(`Seed network with white noise (sigma 1.5), 1 s, best of ${repeats} (the same ${noisySpikes[0]} spikes in both): wasm ${noisy.best.wasm!.toFixed(3)} s, js ${noisy.best.js!.toFixed(3)} s: wasm / js ${(noisy.best.wasm! / noisy.best.js!).toFixed(3)}`);
if (spawnSync(python, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0) {
  const theirs = JSON.parse(execFileSync(python, ['bench/brian2/tian2020.py', '--noise', '--dir', '/tmp/brian2-tian-noise'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { simSeconds: number; rates: Record<string, number> };
  const ours = noisy.records.wasm!.groups;
  const rate = (name: string): string => (ours[name]!.indices.length / ours[name]!.size).toFixed(2);
  console.log(`  Brian2 C++ standalone, the same equations: ${theirs.simSeconds.toFixed(3)} s (E ${theirs.rates.E!.toFixed(2)} Hz, I ${theirs.rates.I!.toFixed(2)} Hz; ours E ${rate('E')} Hz, I ${rate('I')} Hz): wasm / Brian2 ${(noisy.best.wasm! / theirs.simSeconds).toFixed(3)}`);
}
