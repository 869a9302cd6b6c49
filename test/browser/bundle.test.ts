import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the main entry in a browser bundle', () => {
  it('bundles for the browser with no Node built-in (they live in spikestream/node only)', async () => {
    const result = await build({ entryPoints: ['src/index.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('src/cli/') || f === 'src/node.ts')).toBe(false);
    // No import of a Node module is left for the browser to resolve. (Node's worker_threads is
    // reached at run time through process.getBuiltinModule, only where process exists.)
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(imports.filter((p) => p.startsWith('node:') || ['fs', 'path', 'os', 'worker_threads', 'util'].includes(p))).toEqual([]);
  });

  it('fails for the Node entry, which does use them: the check can tell', async () => {
    await expect(build({ entryPoints: ['src/node.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' })).rejects.toThrow(/node:/);
  });
});
