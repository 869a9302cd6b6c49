/**
 * Every public export (of `spikestream`, `spikestream/kernel` and `spikestream/node`) has a doc comment, and an
 * example: on the export itself or in the doc comment of the module that defines it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = ['src/index.ts', 'src/kernel.ts', 'src/node.ts'].map((f) => resolve(f));
const config = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, resolve('.'));
const program = ts.createProgram(entries, options);
const checker = program.getTypeChecker();

/** Whether the file's first doc comment (its module comment) has an @example. */
function moduleHasExample(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  const first = /^\s*(\/\*\*[\s\S]*?\*\/)/.exec(text);
  return first !== null && first[1]!.includes('@example');
}

describe('public exports', () => {
  const exports = entries.flatMap((entry) => {
    const source = program.getSourceFile(entry)!;
    return checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((symbol) => ({ entry, symbol }));
  });

  it('are many (the check sees them)', () => {
    expect(exports.length).toBeGreaterThan(100);
  });

  it('each have a doc comment and an example', () => {
    const missing: string[] = [];
    for (const { symbol: exported } of exports) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (declaration === undefined) continue;
      const file = declaration.getSourceFile().fileName;
      const documented = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== '' || ts.getJSDocTags(declaration).length > 0;
      const example = symbol.getJsDocTags(checker).some((t) => t.name === 'example') || moduleHasExample(file);
      if (!documented || !example) missing.push(`${exported.name} (${file.replace(resolve('.') + '/', '')}): ${!documented ? 'no doc comment' : 'no example'}`);
    }
    expect(missing).toEqual([]);
  });
});
