/**
 * The compiled step functions, cached per (network, dt, thread): repeated runs and kernels of
 * one network reuse the same function, and so V8's optimized code for it.
 *
 * @example
 * ```ts
 * const { source, factory } = compiled(built, 0.1);
 * const run = factory(state, built.projections.map((p) => p.csr));
 * ```
 * @module
 */
import type { BuiltNetwork } from '../network/builtNetwork.js';
import type { IndexArray } from '../synapses/csr.js';
import { kernelSource, type KernelPart } from './kernelSource.js';

/** The compiled factory of a step function: `(S, C) => run`. */
export type Factory = (S: unknown, C: readonly ({ rowPtr: Uint32Array; col: IndexArray } | { words: Uint32Array })[]) => (n: number) => number;

const factories = new WeakMap<BuiltNetwork, Map<string, { source: string; factory: Factory }>>();

/**
 * The step code of `part` of `net` at `dt`, and its compiled factory.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param part - the thread (default: the only one)
 * @returns the source and the factory `(S, C) => run`
 */
export function compiled(net: BuiltNetwork, dt: number, part: KernelPart = { thread: 0, threads: 1 }): { source: string; factory: Factory } {
  let byKey = factories.get(net);
  if (byKey === undefined) factories.set(net, (byKey = new Map()));
  const key = `${dt}/${part.thread}/${part.threads}/${part.wasm === true ? 'wasm' : 'js'}`;
  let entry = byKey.get(key);
  if (entry === undefined) {
    const source = kernelSource(net, dt, part);
    // Compiled when first asked for: a worker thread's code is only ever compiled in the worker.
    let factory: Factory | undefined;
    entry = {
      source,
      get factory() {
        factory ??= new Function('S', 'C', source) as Factory;
        return factory;
      },
    };
    byKey.set(key, entry);
  }
  return entry;
}
