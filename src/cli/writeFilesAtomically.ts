/**
 * Writes a set of output files all or nothing: each goes to a temporary name first and is
 * renamed into place only when every one has been written; if a rename fails, the files already
 * replaced are put back and the temporary files removed, so a failure leaves the folder as it
 * was. SIGINT and SIGTERM are held while the files are written and acted on right after, so an
 * interrupt never leaves a half-written set or a temporary file behind (Node only).
 * {@link outputProblem} checks a folder before a run, so that a run is not spent on output that
 * cannot be written.
 *
 * @example
 * ```ts
 * writeFilesAtomically('out', [['raster.svg', svg], ['spikes.csv', csv]]);
 * ```
 * @module
 */
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Why files of these names could not be written into `dir`, or null: the path is not a folder,
 * is not writable (nor creatable), or a folder stands where a file goes.
 *
 * @param dir - the output folder (created by the write when missing)
 * @param names - the files' names
 * @returns the problem in words, or null
 */
export function outputProblem(dir: string, names: readonly string[]): string | null {
  if (dir === '') return 'the output folder is an empty path';
  let existing = resolve(dir);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) return `"${existing}" is not a folder`;
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return `"${existing}" is not writable`;
  }
  if (existing === resolve(dir)) {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path) && statSync(path).isDirectory()) return `"${path}" is a folder, where the file ${name} goes`;
    }
  }
  return null;
}

/**
 * Writes `files` into `dir` (created if needed).
 *
 * @param dir - the output directory
 * @param files - pairs of file name and content
 * @returns the paths written
 * @throws Error naming the problem (see {@link outputProblem}) before anything is written, or
 *   the write's error after the folder is restored
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>): string[] {
  const problem = outputProblem(dir, files.map(([name]) => name));
  if (problem !== null) throw new Error(`cannot write the output: ${problem}`);
  return holdingSignals(() => {
    mkdirSync(dir, { recursive: true });
    const temporary = files.map(([name]) => join(dir, `.${name}.${process.pid}.tmp`));
    const backups = files.map(([name]) => join(dir, `.${name}.${process.pid}.old`));
    const targets = files.map(([name]) => join(dir, name));
    const replaced: number[] = [];
    const moved: number[] = [];
    try {
      files.forEach(([, content], k) => writeFileSync(temporary[k]!, content));
      // Every file there already is moved aside first, then every new one into place.
      targets.forEach((target, k) => {
        if (existsSync(target)) {
          renameSync(target, backups[k]!);
          replaced.push(k);
        }
      });
      targets.forEach((target, k) => {
        renameSync(temporary[k]!, target);
        moved.push(k);
      });
    } catch (e) {
      for (const k of moved) rmSync(targets[k]!, { force: true });
      for (const k of replaced) renameSync(backups[k]!, targets[k]!);
      for (const path of temporary) rmSync(path, { force: true });
      throw e;
    }
    for (const k of replaced) rmSync(backups[k]!, { force: true });
    return targets;
  });
}

/**
 * Runs `work` (synchronous) with SIGINT and SIGTERM held: a signal that comes meanwhile is acted
 * on (the process ends as it would have) once `work` is done, not in the middle of it.
 */
function holdingSignals<T>(work: () => T): T {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const s of signals) process.off(s, onSignal);
    // As the signal would have done: end the process, unless someone else listens for it.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  for (const s of signals) process.on(s, onSignal);
  try {
    return work();
  } finally {
    // A signal that came during the work is delivered from the event loop after this returns:
    // the handler stays, and the process with it, a moment longer to act on it.
    setTimeout(() => {
      for (const s of signals) process.off(s, onSignal);
    }, 50);
  }
}
