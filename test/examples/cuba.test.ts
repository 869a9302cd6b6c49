import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cuba } from '../../examples/cuba/network.js';
import { clock } from '../../src/index.js';
import { meanRates } from './meanRates.js';

/**
 * Brian2 2.5.1, C++ standalone, forward Euler, the same model (bench/brian2/brette2007.py), seeds 1-3,
 * 1 s, run 2026-11-26 with `/usr/bin/python3 bench/brian2/brette2007.py --model cuba --seed S` (seed 1 rerun with
 * this script after it replaced bench/brian2/cuba.py: the same rates):
 * E 5.497, 5.638, 5.704 Hz; I 5.663, 5.654, 5.643 Hz.
 */
const brian2 = { E: (5.496875 + 5.6378125 + 5.70375) / 3, I: (5.6625 + 5.65375 + 5.6425) / 3 };

describe('examples/cuba: Brette et al. 2007 CUBA', () => {
  it('fires at Brian2\'s rates: the mean over three seeds within 6% for E and I', async () => {
    const rates = await meanRates(cuba, [1, 2, 3]);
    expect(Math.abs(rates.E! / brian2.E - 1)).toBeLessThan(0.06);
    expect(Math.abs(rates.I! / brian2.I - 1)).toBeLessThan(0.06);
  });

  it('has the benchmark\'s connectivity: 2% of 4,000 x 4,000 pairs', async () => {
    const sim = cuba(clock({ dt: 0.1, duration: 1 }), 1).build();
    expect(Math.abs(sim.synapseCount - 0.02 * 16e6)).toBeLessThan(5 * Math.sqrt(16e6 * 0.02 * 0.98));
  });

  it('runs on two threads from the command line (`--threads 2`) with the spikes of one, and refuses `--threads 0`', () => {
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const run = (threads: string): { spikes: number; threads: number } =>
      JSON.parse(execFileSync(tsx, ['examples/brette2007/main.ts', '--model', 'cuba', '--duration', '200', '--threads', threads, '--json', '--out', mkdtempSync(join(tmpdir(), 'cuba-'))], { encoding: 'utf8' })) as never;
    const [one, two] = [run('1'), run('2')];
    expect(two.threads).toBe(2);
    expect(two.spikes).toBe(one.spikes);
    expect(one.spikes).toBeGreaterThan(100);
    let status = 0;
    let stderr = '';
    try {
      execFileSync(tsx, ['examples/brette2007/main.ts', '--model', 'cuba', '--threads', '0'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toContain('--threads a whole number in [1, 64]');
  });
});
