/**
 * The command-line options of the paper's experiments (npm run fast-response, npm run
 * local-response): parsed with Node's `parseArgs`, every mistake one line on stderr and exit
 * code 2.
 */
import { parseArgs } from 'node:util';

/** Parsed options, and a reader of number options with their checks. */
export interface ExampleArgs {
  readonly values: Record<string, string | boolean | undefined>;
  /** The number option `name` (its default when absent), or the process exits naming what it must be. */
  num(name: string, fallback: number, ok: (n: number) => boolean, what: string): number;
  /** Reports `message` as the command's and exits with code 2. */
  fail(message: string): never;
}

/**
 * @param command - the command's name, for messages
 * @param options - `parseArgs` options (`json` is added as a boolean)
 * @returns the parsed options
 */
export function exampleArgs(command: string, options: Record<string, { type: 'string' | 'boolean'; default?: boolean }>): ExampleArgs {
  const fail = (message: string): never => {
    process.stderr.write(`${command}: ${message}\n`);
    process.exit(2);
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ options: { ...options, json: { type: 'boolean', default: false } } }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    return fail((e as Error).message);
  }
  const num = (name: string, fallback: number, ok: (n: number) => boolean, what: string): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!ok(n)) fail(`--${name} must be ${what}, got "${String(raw)}"`);
    return n;
  };
  return { values, num, fail };
}
