/**
 * How many cores this machine has, as the platform says: the count `threads: 'auto'` picks up to,
 * and above which a kernel's threads stop spinning while they wait (see `OVERSUBSCRIBED_SPINS`).
 *
 * @example
 * ```ts
 * import { machineCores } from 'spikestream/kernel';
 * machineCores(); // e.g. 16
 * ```
 * @module
 */

/**
 * The cores of this machine: `navigator.hardwareConcurrency` in a browser (and Node 21+), Node's
 * `os.availableParallelism()` otherwise, 1 when neither says.
 *
 * @returns the count
 */
export function machineCores(): number {
  const browser = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  if (typeof browser === 'number' && browser > 0) return browser;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  return os?.availableParallelism?.() ?? 1;
}
