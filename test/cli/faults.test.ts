/**
 * Defects found by feeding the CLI and the library hostile input (issue "Bad input and faults"):
 * each test failed before its fix.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { outputProblem, writeFilesAtomically } from '../../src/cli/writeFilesAtomically.js';
import { clock, decodeNetworkSpec, decodeSimulationSpec, fromSpec, rasterSvg, recordSpikes, type NetworkSpec } from '../../src/index.js';
import { buildNetwork } from '../../src/kernel.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function fileWith(value: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'spikestream-faults-')), 'net.json');
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const lifGroup = (name: string, extra: Record<string, unknown> = {}) => ({ kind: 'lif', name, size: 10, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 }, ...extra });
const file = (extra: Record<string, unknown> = {}) => ({ seed: 1, run: { dt: 0.1, duration: 10 }, groups: [lifGroup('E')], projections: [], inputs: [{ kind: 'constant', group: 'E', value: 2 }], ...extra });

const issuesOf = (value: unknown) => {
  const decoded = decodeSimulationSpec(value);
  return E.isLeft(decoded) ? decoded.left : [];
};

describe('step counts (defects 1 and 3)', () => {
  it('refuses a dt that makes the run infinitely many steps, in validate and run, without hanging', async () => {
    const path = fileWith(file({ run: { dt: 5e-324, duration: 10 } }));
    for (const command of ['validate', 'run']) {
      const { code, stderr } = await cli([command, path, '--no-files'].slice(0, command === 'run' ? 3 : 2));
      expect(code).toBe(1);
      expect(stderr).toContain('run.duration: 10 ms at dt = 5e-324 ms is too many steps to count; a run counts at most 2147483647 (2^31 - 1) steps');
    }
  });

  it('refuses --duration 1e308 and a run beyond 2^31 - 1 steps', async () => {
    const path = fileWith(file());
    expect((await cli(['run', path, '--duration', '1e308', '--no-files'])).stderr).toContain('run.duration: 1e+308 ms at dt = 0.1 ms is too many steps');
    expect((await cli(['run', path, '--duration', '214748364.8', '--no-files'])).stderr).toContain('is 2.147e+9 steps');
    expect(() => clock({ dt: 0.1, duration: 1e15 })).toThrow('clock: 1000000000000000 ms at dt = 0.1 ms is 1.000e+16 steps');
  });

  it('refuses a timed input due past 2^31 - 1 steps and a refractory period of 2^31 steps, instead of wrapping', () => {
    expect(issuesOf(file({ inputs: [{ kind: 'timed', group: 'E', times: [0, 214748364.8], values: [1, 2] }] }))).toContainEqual({
      path: 'inputs[0].times[1]',
      message: '214748364.8 ms at dt = 0.1 ms is 2.147e+9 steps; a run counts at most 2147483647 (2^31 - 1) steps',
    });
    expect(issuesOf(file({ groups: [lifGroup('E', { refractory: 214748364.8 })] })).map((i) => i.path)).toContain('groups[0].refractory');
    expect(issuesOf(file({ groups: [lifGroup('E'), lifGroup('F')], projections: [{ name: 'EF', pre: 'E', post: 'F', connectivity: { kind: 'oneToOne' }, delay: 1e12, synapse: { kind: 'delta', w: 1 } }] })).map((i) => i.path)).toContain('projections[0].delay');
  });
});

describe('names (defect 2)', () => {
  it.each(['__proto__', 'constructor', 'toString'])('refuses a group named %s, which every object already has', (name) => {
    expect(issuesOf(file({ groups: [lifGroup(name)], inputs: [] }))).toContainEqual(expect.objectContaining({ path: 'groups[0].name', message: expect.stringContaining('not __proto__, constructor') }));
  });

  it('keeps every group in the results, keyed on objects without a prototype', async () => {
    const record = await lastValueFrom(fromSpec(file({ groups: [lifGroup('E'), lifGroup('hasOwnProperty_')] })).build().pipe(recordSpikes()));
    expect(Object.keys(record.groups)).toEqual(['E', 'hasOwnProperty_']);
    expect(Object.getPrototypeOf(record.groups)).toBe(null);
  });
});

describe('memory (defect 4)', () => {
  it('estimates the spike history of a delay with the run\'s dt: validate refuses what run could not allocate', async () => {
    // 1,000 neurons, a 1,000 ms delay at dt = 0.0001 ms: 10^7 slots of 1,000 spikes, 40 GB.
    const spec = file({ run: { dt: 0.0001, duration: 1 }, groups: [lifGroup('E', { size: 1000 }), lifGroup('F', { size: 10 })], projections: [{ name: 'EF', pre: 'E', post: 'F', connectivity: { kind: 'fixedTotal', n: 10 }, delay: 1000, synapse: { kind: 'delta', w: 1 } }] });
    const { code, stderr } = await cli(['validate', fileWith(spec)]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/the network would need about 40\.\d GB/);
    expect(() => fromSpec(spec).build()).toThrow(/the network would need about 40\.\d GB/);
  });
});

describe('fixedTotal above 2^24 synapses (defect 5)', () => {
  it('draws 2^24 + 1 distinct pairs (the engine\'s Set stops at 2^24)', () => {
    const n = 2 ** 24 + 1;
    const spec = { seed: 3, groups: [lifGroup('A', { size: 4200 }), lifGroup('B', { size: 4200 })], projections: [{ name: 'AB', pre: 'A', post: 'B', connectivity: { kind: 'fixedTotal', n }, synapse: { kind: 'delta', w: 1 } }], inputs: [] } as unknown as NetworkSpec;
    const csr = buildNetwork(spec, { backend: 'js', synapseStorage: 'csr' }).projections[0]!.synapses as { rowPtr: Uint32Array; col: ArrayLike<number> };
    expect(csr.rowPtr[4200]).toBe(n);
    // Within each row the targets ascend strictly: no pair twice.
    let repeated = 0;
    for (let i = 0; i < 4200; i++) for (let k = csr.rowPtr[i]! + 1; k < csr.rowPtr[i + 1]!; k++) if (csr.col[k]! <= csr.col[k - 1]!) repeated++;
    expect(repeated).toBe(0);
  });

  it('finds a pair given twice in a long pairs list by its place', () => {
    const pre = Array.from({ length: 50_000 }, (_, k) => k % 200);
    const post = Array.from({ length: 50_000 }, (_, k) => Math.floor(k / 200));
    post[40_000] = post[123]!;
    pre[40_000] = pre[123]!;
    const decoded = decodeNetworkSpec({ seed: 1, groups: [lifGroup('A', { size: 200 }), lifGroup('B', { size: 250 })], projections: [{ name: 'AB', pre: 'A', post: 'B', connectivity: { kind: 'pairs', pre, post }, synapse: { kind: 'delta', w: 1 } }], inputs: [] });
    expect(E.isLeft(decoded) ? decoded.left : []).toEqual([{ path: 'projections[0].connectivity.pre[40000]', message: `the pair (${pre[123]}, ${post[123]}) is given twice` }]);
  });
});

describe('text in figures (defect 7)', () => {
  it('writes a well-formed raster whatever control characters the title and names hold', async () => {
    const record = await lastValueFrom(fromSpec(file()).build().pipe(recordSpikes()));
    const svg = rasterSvg(record, { title: 'bad\u0001title\u0008 \uD800 & <ok>' });
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(svg).toContain('bad\uFFFDtitle\uFFFD \uFFFD &amp; &lt;ok&gt;');
  });

  it('runs a file whose description holds a control character and writes its PNG', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikestream-faults-out-'));
    const { code, stderr } = await cli(['run', fileWith(file({ description: 'net\u0007work' })), '--out', out, '--quiet']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'raster.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('deeply nested values (defect 11)', () => {
  it('names the path of a value nested a million deep, without exhausting the stack', async () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const text = JSON.stringify(file()).replace('"seed":1', `"seed":${deep}`);
    const { code, stderr } = await cli(['validate', fileWith(text)]);
    expect(code).toBe(1);
    expect(stderr).toContain('seed: expected');
    expect(stderr).not.toContain('Maximum call stack');
  });
});

describe('rasters of many spikes (defect 6)', () => {
  it('draws a density, bounded by the pixels, above maxSpikes, and says so', async () => {
    const record = await lastValueFrom(fromSpec(file({ groups: [lifGroup('E', { size: 200 })] }), { duration: 100 }).build().pipe(recordSpikes()));
    const spikes = record.groups.E!.indices.length;
    expect(spikes).toBeGreaterThan(1000);
    const strokes = rasterSvg(record, { title: 'T' });
    const density = rasterSvg(record, { title: 'T', maxSpikes: 1000 });
    expect(strokes).not.toContain('density');
    expect(density).toContain(`T (${spikes.toLocaleString('en-US')} spikes, shown as density per pixel)`);
    // The density's cells: at most one square per pixel of the panel, whatever the spikes.
    const cells = (density.match(/h1v/g) ?? []).length;
    expect(cells).toBeGreaterThan(0);
    expect(cells).toBeLessThanOrEqual(910 * 525);
    // The fullest cell is drawn at full opacity, the others in shares of it.
    expect(density.match(/fill-opacity="1.000"/)).not.toBeNull();
  });
});

describe('output all or nothing (defects 8 and 9)', () => {
  const names = ['a.txt', 'b.txt', 'c.txt'];

  it('checks the folder before the run: a folder where a file goes stops it at once, naming it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikestream-faults-out-'));
    mkdirSync(join(out, 'spikes.csv'));
    const { code, stderr } = await cli(['run', fileWith(file()), '--out', out, '--quiet']);
    expect(code).toBe(1);
    expect(stderr).toContain(`is a folder, where the file spikes.csv goes`);
    expect(readdirSync(out)).toEqual(['spikes.csv']);
    expect(outputProblem(join(fileWith(file()), 'sub'), names)).toMatch(/is not a folder$/);
  });

  it('puts back what it replaced when a rename fails, and leaves no temporary file', () => {
    const out = mkdtempSync(join(tmpdir(), 'spikestream-faults-out-'));
    writeFilesAtomically(out, names.map((n) => [n, 'old']));
    // A folder appears where the last file goes after the check (as the files are written): its
    // rename fails, after a.txt and b.txt were replaced.
    class Racing extends Array<readonly [string, string]> {
      override forEach(f: (value: readonly [string, string], k: number, all: (readonly [string, string])[]) => void): void {
        rmSync(join(out, 'c.txt'));
        mkdirSync(join(out, 'c.txt'));
        writeFileSync(join(out, 'c.txt', 'x'), '');
        super.forEach(f);
      }
    }
    const files = Racing.from(names.map((n): readonly [string, string] => [n, 'new']));
    expect(() => writeFilesAtomically(out, files)).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(out).sort()).toEqual(names);
    expect(readdirSync(out).sort()).toEqual(names);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old');
    expect(readFileSync(join(out, 'b.txt'), 'utf8')).toBe('old');
  });

  it('ends on SIGINT only once the files are written: all of them, and no temporary file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikestream-faults-out-'));
    const script = join(out, '..', `${out.split('/').pop()}-write.mts`);
    writeFileSync(
      script,
      `import { writeFilesAtomically } from ${JSON.stringify(join(process.cwd(), 'src/cli/writeFilesAtomically.ts'))};\n` +
        `const big = 'x'.repeat(150_000_000);\n` +
        `writeFilesAtomically(${JSON.stringify(out)}, ${JSON.stringify(names)}.map((n) => [n, big]));\n`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore', cwd: process.cwd() });
    // Interrupt as soon as the first temporary file is there.
    for (let k = 0; k < 2000 && !readdirSync(out).some((f) => f.endsWith('.tmp')); k++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    const signal = await new Promise((r) => child.on('exit', (_code, s) => r(s)));
    expect(signal).toBe('SIGINT');
    expect(readdirSync(out).sort()).toEqual(names);
  });
});

describe('files and options (weak spots)', () => {
  it('reads a file that starts with a byte-order mark', async () => {
    const { code } = await cli(['validate', fileWith(`\uFEFF${JSON.stringify(file())}`)]);
    expect(code).toBe(0);
  });

  it('refuses --out "" and a seed not written in decimal', async () => {
    const path = fileWith(file());
    expect(await cli(['run', path, '--out', ''])).toMatchObject({ code: 2, stderr: 'spikestream: --out must name a folder, got an empty path\n' });
    expect((await cli(['run', path, '--seed', '0x10'])).stderr).toBe('spikestream: --seed must be a whole number in [0, 4294967295], written in decimal, got "0x10"\n');
  });
});
