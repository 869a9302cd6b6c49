/**
 * What the command line's commands share: where they write, how they fail, and how they read
 * their arguments and their JSON file (Node only).
 *
 * @example
 * ```ts
 * const parsed = parse(args, { json: { type: 'boolean' } }, USAGE, io);
 * if (parsed !== null) readJson(parsed.file);
 * ```
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { formatIssues } from '../model/formatIssues.js';

/** Where the command line writes. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** A failure to report: its message and exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** A command's one file and its options. */
export interface Parsed {
  readonly file: string;
  readonly values: Record<string, string | boolean | undefined>;
}

/** Parses a command's arguments (one SPEC file); prints the usage and returns null for --help. */
export function parse(args: readonly string[], options: Record<string, { type: 'string' | 'boolean' }>, usage: string, io: CliIo): Parsed | null {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean' } }, allowPositionals: true });
  } catch (e) {
    throw new CliFailure(`${(e as Error).message}\n\n${usage}`, 2);
  }
  if (parsed.values.help === true) {
    io.stdout.write(usage);
    return null;
  }
  if (parsed.positionals.length !== 1) {
    throw new CliFailure(`expected one SPEC.json, got ${parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ')}\n\n${usage}`, 2);
  }
  return { file: parsed.positionals[0]!, values: parsed.values as Parsed['values'] };
}

/**
 * A number option, written in decimal (`12`, `0.5`, `1e3`): `0x10`, `0b1`, `Infinity` and the
 * like, which `Number` would also read, are refused.
 */
export function numberOption(raw: string | boolean | undefined, name: string, check: (n: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const decimal = typeof raw === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw);
  const n = Number(raw);
  if (!decimal || !check(n)) throw new CliFailure(`--${name} must be ${what}, written in decimal, got "${String(raw)}"`, 2);
  return n;
}

/** The memory limit in bytes from --max-memory GB (default 80% of RAM). */
export function maxBytesOption(raw: string | boolean | undefined): number {
  const gb = numberOption(raw, 'max-memory', (n) => Number.isFinite(n) && n > 0, 'a number of GB > 0');
  return gb === undefined ? 0.8 * totalmem() : gb * 1e9;
}

/** Reads and parses a JSON file, with a message for each way it can fail. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new CliFailure(`cannot read "${file}": it is a directory`, 1);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CliFailure(`cannot read "${file}": ${why}`, 1);
  }
  // A UTF-8 byte-order mark (some editors write one) is not part of the JSON.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') throw new CliFailure(`"${file}" is empty (expected a JSON simulation spec)`, 1);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliFailure(`"${file}" is not valid JSON: ${jsonErrorWhere((e as Error).message, text)}`, 1);
  }
}

/** Turns V8's "at position N" into a line and column. */
function jsonErrorWhere(message: string, text: string): string {
  const match = /at position (\d+)/.exec(message);
  if (match === null) return message;
  const position = Number(match[1]);
  const before = text.slice(0, position).split('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** A spec's issues as the failure to report, one indented line each. */
export function specFailure(file: string, issues: readonly { path: string; message: string }[]): CliFailure {
  const lines = formatIssues(issues).split('\n').map((line) => `  ${line}`);
  return new CliFailure(`"${file}" is not a valid simulation spec:\n${lines.join('\n')}`, 1);
}
