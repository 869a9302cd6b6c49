/**
 * No run-time import loops in src/: modules load in one order, and a layer never needs one
 * above it to be loaded first. Type-only imports are erased and do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every .ts file under a folder. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The relative modules a file imports or re-exports at run time. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const s of source.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) spec = s.moduleSpecifier;
    } else if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
      const named = s.exportClause;
      if (named === undefined || !ts.isNamedExports(named) || !named.elements.every((e) => e.isTypeOnly)) spec = s.moduleSpecifier;
    }
    if (spec !== undefined && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push(normalize(join(dirname(file), spec.text.replace(/\.js$/, '.ts'))));
  }
  return out;
}

/** The loops of a graph (strongly connected parts of more than one module), by Tarjan's method. */
function loops(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        part.push(w);
        if (w === v) break;
      }
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('src imports', () => {
  const graph = new Map(files('src').map((f) => [normalize(f), runtimeImports(f)] as const));

  it('are read (the check sees them)', () => {
    expect([...graph.values()].flat().length).toBeGreaterThan(200);
  });

  it('form no loop at run time', () => {
    expect(loops(graph)).toEqual([]);
  });

  it('finds a loop where there is one', () => {
    expect(loops(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });
});

describe('the kernel', () => {
  it('is entered by its front door only: stream/ and cli/ import src/kernel/index.ts, no other kernel module', () => {
    const graph = new Map(files('src').map((f) => [normalize(f), runtimeImports(f)] as const));
    const above = [...graph.keys()].filter((f) => /^src\/(stream|cli)\//.test(f));
    const through = above.flatMap((f) => graph.get(f)!.filter((t) => t.startsWith('src/kernel/') && t !== 'src/kernel/index.ts').map((t) => `${f} -> ${t}`));
    expect(above.length).toBeGreaterThan(20);
    expect(through).toEqual([]);
  });
});
