/**
 * A group's outgoing projections grouped by their delay in steps: the spikes of step k reach
 * a bucket of delay D at step k + D (D = 0: the next step's input sees them), so every kernel
 * scatters each bucket from the spikes of D steps ago, in one pass over their rows.
 *
 * @example
 * ```ts
 * delayBuckets(built, 0.1, 0); // [{ delay: 0, outgoing: [...] }, { delay: 15, outgoing: [...] }]
 * ```
 * @module
 */
import type { NetworkSpec } from '../../model/networkSpec.js';
import type { BuiltNetwork } from './builtNetwork.js';

/** A group's projections of one delay. */
export interface DelayBucket {
  /** Steps from a spike to its scatter. */
  readonly delay: number;
  /** The projections, with their index, in declaration order. */
  readonly outgoing: readonly { readonly p: BuiltNetwork['projections'][number]; readonly pi: number }[];
}

/**
 * The buckets of group `gi`'s outgoing projections at `dt`, by ascending delay; the bucket of
 * delay 0 is always there (empty when no projection has it), so that every group has one.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param gi - the group
 * @returns the buckets
 */
export function delayBuckets(net: BuiltNetwork, dt: number, gi: number): DelayBucket[] {
  const outgoing = net.projections.map((p, pi) => ({ p, pi })).filter(({ p }) => p.pre === gi);
  const steps = (pi: number): number => Math.round((net.projections[pi]!.spec.delay ?? 0) / dt);
  const delays = [...new Set([0, ...outgoing.map(({ pi }) => steps(pi))])].sort((a, b) => a - b);
  return delays.map((delay) => ({ delay, outgoing: outgoing.filter(({ pi }) => steps(pi) === delay) }));
}

/**
 * How many steps' spikes of group `gi` the WebAssembly threads keep (their ring of gathered
 * spike lists, see `wasmDriver`): the longest delay of its outgoing projections in steps, plus
 * one for the step's own; 1 without delays.
 *
 * @param spec - the network spec
 * @param dt - time step, ms
 * @param gi - the group
 * @returns the slots
 */
export function gatherSlots(spec: NetworkSpec, dt: number, gi: number): number {
  const name = spec.groups[gi]!.name;
  let longest = 0;
  for (const p of spec.projections) if (p.pre === name) longest = Math.max(longest, Math.round((p.delay ?? 0) / dt));
  return longest + 1;
}
