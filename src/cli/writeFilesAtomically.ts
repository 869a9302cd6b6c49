/**
 * Writes a set of output files all or nothing: each goes to a temporary name first and is
 * renamed into place only when every one has been written, so a failure leaves no partial
 * output behind (Node only).
 *
 * @example
 * ```ts
 * writeFilesAtomically('out', [['raster.svg', svg], ['spikes.csv', csv]]);
 * ```
 * @module
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `files` into `dir` (created if needed).
 *
 * @param dir - the output directory
 * @param files - pairs of file name and content
 * @returns the paths written
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>): string[] {
  mkdirSync(dir, { recursive: true });
  const temporary: string[] = [];
  try {
    for (const [name, content] of files) {
      const path = join(dir, `.${name}.${process.pid}.tmp`);
      temporary.push(path);
      writeFileSync(path, content);
    }
  } catch (e) {
    for (const path of temporary) rmSync(path, { force: true });
    throw e;
  }
  return files.map(([name], k) => {
    const path = join(dir, name);
    renameSync(temporary[k]!, path);
    return path;
  });
}
