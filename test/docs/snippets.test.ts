/**
 * Every TypeScript snippet of README.md and docs/*.md is type-checked and run, so none can rot.
 *
 * A snippet may use the names test/docs/prelude.ts defines (`sim`, `record`, `spec`, ...)
 * without defining them, as the prose around it does; `spikestream` and `spikestream/node`
 * resolve to src/. Each snippet becomes a module in test/docs/.snippets (not committed).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as E from 'fp-ts/lib/Either.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { decodeNetworkSpec, decodeSimulationSpec, encodeSpikes } from '../../src/index.js';
import * as prelude from './prelude.js';

const dir = resolve('test/docs/.snippets');
const sources = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

interface Snippet {
  readonly name: string;
  readonly file: string;
  readonly code: string;
}

function snippets(): Snippet[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out: Snippet[] = [];
  for (const source of sources) {
    const text = readFileSync(source, 'utf8');
    let n = 0;
    for (const m of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
      n++;
      const line = text.slice(0, m.index).split('\n').length + 1;
      const name = `${source}:${line}`;
      const code = m[1]!
        .replace(/from 'spikestream\/node'/g, `from '../../../src/node.js'`)
        .replace(/from 'spikestream\/kernel'/g, `from '../../../src/kernel.js'`)
        .replace(/from 'spikestream'/g, `from '../../../src/index.js'`)
        // Paths relative to docs/ (the examples) resolve from the repository root.
        .replace(/from '\.\.\/examples\//g, `from '../../../examples/`);
      const name$ = (id: string): string => id.replace('$', '\\$');
      const defined = (id: string): boolean =>
        new RegExp(`\\b(const|let|var|function|class)\\s+${name$(id)}(?![\\w$])`).test(code) ||
        new RegExp(`import\\s*\\{[^}]*(^|[^\\w$])${name$(id)}(?![\\w$])[^}]*\\}`).test(code);
      const used = Object.keys(prelude).filter((id) => new RegExp(`(^|[^\\w$.])${name$(id)}(?![\\w$])`).test(code) && !defined(id));
      const head = used.length > 0 ? `import { ${used.join(', ')} } from '../prelude.js';\n` : '';
      const file = join(dir, `${source.replace(/[/.]/g, '_')}_${n}.ts`);
      writeFileSync(file, `// ${name}\n${head}${code}\nexport {};\n`);
      out.push({ name, file, code });
    }
  }
  return out;
}

const all = snippets();

describe('documentation snippets', () => {
  it('exist: README and docs show code', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
  });

  it('type-check against the library', () => {
    const config = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, resolve('.'));
    // A snippet may define what the prose goes on to use: unused names are fine there.
    const program = ts.createProgram(all.map((s) => s.file), { ...options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && d.file.fileName.includes('/.snippets/'))
      .map((d) => `${readFileSync(d.file!.fileName, 'utf8').split('\n')[0]}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  // Snippets run in a folder of their own (with an out/ in it, as the docs' examples write
  // there), so that nothing they write lands in the checkout.
  it.each(all.map((s) => [s.name, s] as const))('%s runs', async (_, snippet) => {
    const home = process.cwd();
    const work = mkdtempSync(join(tmpdir(), 'spikestream-snippet-'));
    mkdirSync(join(work, 'out'));
    process.chdir(work);
    try {
      await import(snippet.file);
    } finally {
      process.chdir(home);
    }
  });
});

describe('documentation data and Python snippets', () => {
  const blocks = (lang: string): { name: string; code: string }[] =>
    sources.flatMap((source) => {
      const text = readFileSync(source, 'utf8');
      return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => ({
        name: `${source}:${text.slice(0, m.index).split('\n').length + 1}`,
        code: m[1]!,
      }));
    });

  it.each(blocks('json').map((b) => [b.name, b] as const))('%s is valid JSON, and a valid simulation spec when it has run settings (a valid group when it is one)', (_, b) => {
    const value = JSON.parse(b.code) as Record<string, unknown>;
    if ('run' in value) {
      const decoded = decodeSimulationSpec(value);
      expect(E.isRight(decoded) ? [] : decoded.left).toEqual([]);
    } else if ('kind' in value && 'size' in value) {
      // A group on its own: valid in a network of its own.
      const decoded = decodeNetworkSpec({ seed: 1, groups: [value], projections: [], inputs: [] });
      expect(E.isRight(decoded) ? [] : decoded.left).toEqual([]);
    }
  });

  it.each(blocks('python').map((b) => [b.name, b] as const))('%s runs in python3 and reads what encodeSpikes wrote', (_, b) => {
    const file = join(dir, 'snippet.spikes');
    writeFileSync(file, encodeSpikes(prelude.record));
    const check = `${b.code}\nimport json, sys\ng = read_spikes(sys.argv[1])\nprint(json.dumps({k: [v[0][:3], v[1][:3], len(v[1]), v[2]] for k, v in g.items()}))\n`;
    const out = JSON.parse(execFileSync('python3', ['-c', check, file], { encoding: 'utf8' })) as Record<string, [number[], number[], number, number]>;
    for (const [group, train] of Object.entries(prelude.record.groups)) {
      const [times, indices, count, size] = out[group]!;
      expect([count, size]).toEqual([train.indices.length, train.size]);
      expect(indices).toEqual(Array.from(train.indices.subarray(0, 3)));
      times.forEach((t, k) => expect(t).toBeCloseTo(train.steps[k]! * prelude.record.dt, 9));
    }
  });
});
