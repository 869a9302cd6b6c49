import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { decodeSpikes } from '../../src/index.js';

/** What a run writes to --out, in order. */
const OUTPUTS = ['raster.svg', 'raster.png', 'rates.svg', 'rate-histogram.svg', 'spikes.csv', 'spikes.spikes'];

const example = JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')) as Record<string, unknown>;

/** The example at N = 500, with a drive that makes so small a network fire. */
function small(change: (spec: Record<string, any>) => void = () => undefined): Record<string, unknown> {
  const spec = structuredClone(example) as Record<string, any>;
  spec.groups[0].size = 400;
  spec.groups[1].size = 100;
  spec.inputs[0].value = 3 * Math.sqrt(500) * (10 / Math.sqrt(500));
  spec.inputs[1].value = 2 * Math.sqrt(500) * (10 / Math.sqrt(500));
  spec.run.duration = 50;
  change(spec);
  return spec;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function fileWith(content: string, name = 'spec.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'spikestream-cli-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('spikestream run', () => {
  it('prints the --json summary and writes the raster, CSV and binary spikes, which agree', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'spikestream-out-')), 'run');
    const { code, stdout, stderr } = await cli(['run', fileWith(JSON.stringify(small())), '--json', '--out', out, '--seed', '2']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Built 500 neurons and \d+ synapses in \d+\.\d{3} s\.\nStart running \.\.\.\nRun \d+\.0% used/);
    const summary = JSON.parse(stdout) as { rates: Record<string, number>; spikes: number; files: string[]; seed: number; durationMs: number };
    expect(summary.seed).toBe(2);
    expect(summary.durationMs).toBe(50);
    expect(summary.files).toEqual(OUTPUTS.map((f) => join(out, f)));
    expect(summary.rates.E).toBeGreaterThan(1);
    const csv = readFileSync(join(out, 'spikes.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('time_ms,group,index');
    expect(csv.length - 1).toBe(summary.spikes);
    const record = decodeSpikes(readFileSync(join(out, 'spikes.spikes')));
    expect(record.groups.E!.indices.length + record.groups.I!.indices.length).toBe(summary.spikes);
    expect(record.groups.E!.indices.length / 400 / 0.05).toBeCloseTo(summary.rates.E!, 10);
    expect(readFileSync(join(out, 'raster.svg'), 'utf8')).toMatch(/^<svg/);
    // No temporary files left behind.
    expect(readdirSync(out).sort()).toEqual([...OUTPUTS].sort());
  });

  it('gives the same spikes from the file as from a second run (determinism through the CLI)', async () => {
    const spec = fileWith(JSON.stringify(small()));
    const a = JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet'])).stdout) as { spikes: number; rates: unknown };
    const b = JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet'])).stdout) as { spikes: number; rates: unknown };
    expect(a.rates).toEqual(b.rates);
    expect(a.spikes).toBeGreaterThan(0);
  });

  it('runs with --connectivity procedural and gets the spikes of stored connectivity', async () => {
    const spec = fileWith(JSON.stringify(small()));
    const stored = JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet'])).stdout) as { spikes: number; rates: unknown; bytesPerSynapse: number };
    const procedural = JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet', '--connectivity', 'procedural'])).stdout) as typeof stored;
    expect(procedural.rates).toEqual(stored.rates);
    expect(procedural.spikes).toBe(stored.spikes);
    expect(stored.bytesPerSynapse).toBeGreaterThan(1);
    expect(procedural.bytesPerSynapse).toBe(0);
  });

  it('runs with --synapse-storage bits: the spikes of compressed sparse rows in fewer bytes per synapse', async () => {
    const spec = fileWith(JSON.stringify(small()));
    type Summary = { spikes: number; rates: unknown; bytesPerSynapse: number; synapses: number };
    const run = async (storage: string): Promise<Summary> => JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet', '--synapse-storage', storage])).stdout) as Summary;
    const [csr, bits] = [await run('csr'), await run('bits')];
    expect(bits.spikes).toBe(csr.spikes);
    expect(bits.rates).toEqual(csr.rates);
    expect(bits.synapses).toBe(csr.synapses);
    // 400 and 100 targets at p = 0.25: 2-byte and 1-byte indices against rows of 7 and 2 64-bit words.
    expect(csr.bytesPerSynapse).toBeGreaterThan(1.5);
    expect(bits.bytesPerSynapse).toBeLessThan(0.7);
  });

  it('runs with --backend js or wasm to the same spikes, and refuses wasm on threads for a network it covers on one', async () => {
    const spec = fileWith(JSON.stringify(small()));
    type Summary = { spikes: number; rates: unknown; backend: string };
    const auto = JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet'])).stdout) as Summary;
    const js = JSON.parse((await cli(['run', spec, '--json', '--no-files', '--quiet', '--backend', 'js'])).stdout) as Summary;
    expect([auto.backend, js.backend]).toEqual(['wasm', 'js']);
    expect(js.rates).toEqual(auto.rates);
    expect(js.spikes).toBe(auto.spikes);
    const procedural = fileWith(
      JSON.stringify(
        small((s) => {
          for (const g of s.groups) g.positions = { kind: 'random', width: 1, height: 1 };
          s.projections[0].connectivity = { kind: 'distance', p0: 0.2, sigma: 0.3, procedural: true };
        }),
      ),
    );
    // Procedural rows by distance: the module draws them, on one thread and on two, as JavaScript does.
    const run = async (...args: string[]): Promise<Summary> => JSON.parse((await cli(['run', procedural, '--json', '--no-files', '--quiet', ...args])).stdout) as Summary;
    const [wasm, allJs, two] = [await run('--backend', 'wasm'), await run('--backend', 'js'), await run('--backend', 'wasm', '--threads', '2')];
    expect([wasm.backend, two.backend]).toEqual(['wasm', 'wasm']);
    expect([wasm.spikes, wasm.rates]).toEqual([allJs.spikes, allJs.rates]);
    expect([two.spikes, two.rates]).toEqual([allJs.spikes, allJs.rates]);
    const refused = await cli(['run', procedural, '--no-files', '--quiet', '--backend', 'js', '--threads', '2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('projection "I2E" has procedural connectivity, which runs on one thread in JavaScript (backend "js"); use threads: 1');
    const bad = await cli(['run', spec, '--backend', 'gpu']);
    expect([bad.code, bad.stderr.includes('--backend must be auto, js or wasm, got "gpu"')]).toEqual([2, true]);
  });

  it('stops a run that blows up, naming group, variable and step, and writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'spikestream-out-')), 'run');
    const spec = fileWith(JSON.stringify(small((s) => (s.projections[1].synapse.g = 1e306))));
    const { code, stderr } = await cli(['run', spec, '--out', out, '--quiet']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^spikestream: the run of ".*spec\.json" stopped: group "E": V of neuron \d+ became -?Infinity at step \d+ \(t = [\d.]+ ms\); .*no files were written\n$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--help', () => {
  it.each([
    [['help'], 'usage: spikestream <command> [options]'],
    [['run', '--help'], 'usage: spikestream run SPEC.json [options]'],
    [['validate', '--help'], 'usage: spikestream validate SPEC.json [options]'],
  ])('%j prints its usage and exits 0', async (args, first) => {
    const { code, stdout, stderr } = await cli(args);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n')[0]).toBe(first);
  });
});

describe('spikestream validate', () => {
  it('says what the network is, and prints JSON with --json', async () => {
    const path = fileWith(readFileSync('examples/tian2020/network.json', 'utf8'));
    const text = await cli(['validate', path]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${path}: valid. 2 groups, 10000 neurons, 4 projections, about 25,000,000 synapses and 50.6 MB; 1000 steps of 0.1 ms\n`);
    const json = JSON.parse((await cli(['validate', path, '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ valid: true, neurons: 10_000, synapses: 25_000_000, steps: 1000 });
  });
});

describe('bad input: one readable message, a non-zero exit, no stack trace, no files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spikestream-bad-'));
  mkdirSync(join(dir, 'folder.json'));
  const cases: Array<[string, string[], number, string | RegExp]> = [
    ['no command', [], 2, /^spikestream: no command given\n\nusage: spikestream <command>/],
    ['an unknown command', ['simulate', 'x.json'], 2, /^spikestream: unknown command "simulate"/],
    ['no file', ['run'], 2, /^spikestream: expected one SPEC\.json, got none/],
    ['an unknown option', ['run', 'x.json', '--fast'], 2, /^spikestream: Unknown option '--fast'/],
    ['a bad --duration', ['run', 'x.json', '--duration=-1'], 2, 'spikestream: --duration must be a number of ms > 0, written in decimal, got "-1"\n'],
    ['a bad --seed', ['run', 'x.json', '--seed', '1.5'], 2, 'spikestream: --seed must be a whole number in [0, 4294967295], written in decimal, got "1.5"\n'],
    ['a bad --connectivity', ['run', 'x.json', '--connectivity', 'fast'], 2, 'spikestream: --connectivity must be stored or procedural, got "fast"\n'],
    ['a bad --synapse-storage', ['run', 'x.json', '--synapse-storage', 'dense'], 2, 'spikestream: --synapse-storage must be auto, csr or bits, got "dense"\n'],
    ['a bad --threads', ['run', 'x.json', '--threads', '0'], 2, 'spikestream: --threads must be a whole number in [1, 64] or auto, written in decimal, got "0"\n'],
    ['a missing file', ['run', join(dir, 'missing.json')], 1, `spikestream: cannot read "${join(dir, 'missing.json')}": no such file\n`],
    ['a directory', ['validate', join(dir, 'folder.json')], 1, `spikestream: cannot read "${join(dir, 'folder.json')}": it is a directory\n`],
    ['an empty file', ['run', fileWith('  \n')], 1, /^spikestream: ".*spec\.json" is empty \(expected a JSON simulation spec\)\n$/],
    ['not JSON', ['run', fileWith('{\n  "seed": 1,\n  groups: []\n}')], 1, /^spikestream: ".*spec\.json" is not valid JSON: .* at line 3, column 3\n$/],
    [
      'wrong fields',
      ['validate', fileWith(JSON.stringify(small((s) => ((s.groups[0].size = 0), (s.projections[0].connectivity.p = -0.1), (s.run.dt = 0)))))],
      1,
      /^spikestream: ".*spec\.json" is not a valid simulation spec:\n {2}groups\[0\]\.size: expected a whole number > 0, got 0\n {2}projections\[0\]\.connectivity\.p: expected a number in \[0, 1\], got -0\.1\n {2}run\.dt: expected a finite number > 0, got 0\n$/,
    ],
    [
      'a reference to a missing group',
      ['run', fileWith(JSON.stringify(small((s) => (s.inputs[0].group = 'X'))))],
      1,
      /^spikestream: ".*" is not a valid simulation spec:\n {2}inputs\[0\]\.group: no group named "X" \(groups: E, I\)\n$/,
    ],
    [
      'a network too big for the memory limit',
      ['run', fileWith(JSON.stringify(small((s) => (s.groups[0].size = 100_000)))), '--max-memory', '1'],
      1,
      // 10 GB as compressed sparse rows; quoted as bit rows, the smallest it could take.
      /^spikestream: ".*" is not a valid simulation spec:\n {2}projections: the network would need about 1\.\d+ GB \(.* synapses: .*\), more than the limit of 1\.00 GB; .*--max-memory/,
    ],
  ];
  it.each(cases)('%s', async (_, args, code, message) => {
    const out = join(dir, `out-${Math.random()}`);
    const result = await cli([...args, ...(args[0] === 'run' && args.length > 1 ? ['--out', out] : [])]);
    expect(result.code).toBe(code);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('exits with the code from a real process (the bin)', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['src/cli/bin.ts', 'run', join(dir, 'missing.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(status).toBe(1);
    expect(stderr).toBe(`spikestream: cannot read "${join(dir, 'missing.json')}": no such file\n`);
  });
});
