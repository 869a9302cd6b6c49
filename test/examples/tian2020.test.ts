import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What a run writes to --out, in order. */
const OUTPUTS = ['raster.svg', 'raster.png', 'rates.svg', 'rate-histogram.svg', 'spikes.csv', 'spikes.spikes'];

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

describe('examples/tian2020 (npm run demo)', () => {
  it('prints the --json summary with finite positive rates and writes the raster', () => {
    const out = mkdtempSync(join(tmpdir(), 'tian2020-'));
    // N = 4,000: above N = 2,500 the seed's drive f*sqrt(N)*mu_f crosses threshold.
    const stdout = execFileSync(tsx, ['examples/tian2020/main.ts', '--neurons', '4000', '--duration', '50', '--seed', '3', '--json', '--out', out], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const summary = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(['rates', 'spikes', 'synapses', 'buildSeconds', 'simSeconds', 'files']));
    const rates = summary.rates as Record<string, number>;
    expect(Object.keys(rates).sort()).toEqual(['E', 'I']);
    for (const r of Object.values(rates)) {
      expect(Number.isFinite(r)).toBe(true);
      expect(r).toBeGreaterThan(0);
    }
    // 4 projections of p = 0.25 over 4,000² pairs: 4e6 expected, within 5 sigma.
    expect(Math.abs((summary.synapses as number) - 4e6)).toBeLessThan(5 * Math.sqrt(16e6 * 0.25 * 0.75));
    // Rates and spike count agree: spikes = Σ rate × size × duration.
    expect(summary.spikes).toBe(Math.round(rates.E! * 3200 * 0.05 + rates.I! * 800 * 0.05));
    expect(summary.simSeconds).toBeGreaterThan(0);
    const files = summary.files as string[];
    expect(files).toEqual(OUTPUTS.map((f) => join(out, f)));
    expect(existsSync(files[0]!)).toBe(true);
    expect(readFileSync(files[0]!, 'utf8')).toMatch(/^<svg/);
  });

  it('stores the synapses as bit rows with --connectivity bits: the same spikes, a quarter of the bytes', () => {
    const run = (connectivity: string): { spikes: number; rates: unknown; bytesPerSynapse: number } =>
      JSON.parse(
        execFileSync(tsx, ['examples/tian2020/main.ts', '--neurons', '3000', '--duration', '30', '--seed', '2', '--json', '--connectivity', connectivity, '--out', mkdtempSync(join(tmpdir(), 'tian2020-'))], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      ) as { spikes: number; rates: unknown; bytesPerSynapse: number };
    const [stored, bits] = [run('stored'), run('bits')];
    expect(stored.spikes).toBeGreaterThan(0);
    expect(bits.spikes).toBe(stored.spikes);
    expect(bits.rates).toEqual(stored.rates);
    // 2-byte indices against one bit per pair at p = 0.25 (rows padded to 64-bit words).
    expect(stored.bytesPerSynapse).toBeCloseTo(2, 1);
    expect(bits.bytesPerSynapse).toBeGreaterThan(0.5);
    expect(bits.bytesPerSynapse).toBeLessThan(0.52);
  });

  it('refuses a bad option with a message naming it and exit code 2', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(tsx, ['examples/tian2020/main.ts', '--neurons', '2.5'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toBe('tian2020: --neurons must be a whole number >= 5, got "2.5"\n');
  });
});
