import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the warm start of a threaded Simulation', () => {
  // V8 says how it compiled a function only to code run with --allow-natives-syntax: a process
  // of its own (warmStart.child.ts). Without the warming, the module's functions are still
  // uncompiled after the build (compiled at their first call, optimized during the run).
  it('has every function of the threads\' module optimized by the end of the build (all but the wait)', () => {
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', join('test', 'perf', 'warmStart.child.ts')], { encoding: 'utf8' });
    const status = JSON.parse(out) as Record<string, string>;
    const names = Object.keys(status);
    // g0, g1 (the groups), x… (their scatters), w (the wait) and r (the step loop).
    expect(names).toEqual(expect.arrayContaining(['g0', 'g1', 'w', 'r']));
    expect(names.filter((n) => n.startsWith('x')).length).toBeGreaterThan(0);
    for (const name of names) if (name !== 'w') expect([name, status[name]]).toEqual([name, 'optimized']);
  });
});
