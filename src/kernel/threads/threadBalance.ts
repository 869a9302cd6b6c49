/**
 * How the threads of a WebAssembly kernel share the neurons, and how the share moves while it
 * runs. Thread `t` owns, in every group, the neurons from grid position `positions[t]` to
 * `positions[t + 1]` (of {@link BALANCE_GRID}), and scatters spikes into those targets only.
 *
 * Equal shares are not equal times: on a shared machine one core can run this kernel's memory
 * traffic 1.5 times slower than the other for seconds at a time (measured on this project's
 * machine: the same C scatter loop, pinned to each core in turn), and with the threads meeting
 * once per step the faster thread then waits every step. So the threads count the steps at
 * which each came last (found every other thread's step already posted, see `wasmDriver`), and
 * between runs {@link rebalance} moves a boundary one grid position
 * toward the thread that was last more often. Which thread owns a neuron changes no result:
 * each neuron's update and each trace's additions are the same operations in the same order.
 *
 * @example
 * ```ts
 * const positions = initialPositions(2); // [0, 32, 64]
 * gridStart(10_000, positions[1]); // 5000: thread 1's first neuron
 * rebalance(positions, Int32Array.of(10, 200), 256); // thread 1 was last: it gives up neurons
 * positions[1]; // 33
 * ```
 * @module
 */

/** Grid positions a boundary between threads can take (a group's neurons in 64 shares). */
export const BALANCE_GRID = 64;

/**
 * The neurons of a group that thread `t` of `threads` owns: `[lo, hi)`. Every range but the last
 * starts and ends on an even neuron, so that the WebAssembly kernel's pairs of neurons never
 * straddle two threads.
 *
 * @param size - the group's size
 * @param t - the thread
 * @param threads - the number of threads
 * @returns the range's bounds
 */
export function threadRange(size: number, t: number, threads: number): readonly [number, number] {
  const cut = (u: number): number => (u === 0 ? 0 : u === threads ? size : 2 * Math.floor((size * u) / (2 * threads)));
  return [cut(t), cut(t + 1)];
}

/**
 * The first neuron of a group of `size` at grid position `p`: even, so that no pair of neurons
 * updated together by one SIMD instruction is split between threads.
 *
 * @param size - neurons in the group
 * @param p - a grid position, 0 to {@link BALANCE_GRID}
 * @returns the neuron index (`size` at the last position)
 */
export function gridStart(size: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= BALANCE_GRID) return size;
  return 2 * Math.floor((size * p) / (2 * BALANCE_GRID));
}

/**
 * Equal shares: `threads + 1` positions from 0 to {@link BALANCE_GRID}.
 *
 * @param threads - the number of threads
 * @returns the positions
 */
export function initialPositions(threads: number): Int32Array {
  return Int32Array.from({ length: threads + 1 }, (_, t) => Math.round((BALANCE_GRID * t) / threads));
}

/**
 * The most grid positions one thread's share grows to: twice the equal share (its spike buffer
 * is sized for that).
 *
 * @param threads - the number of threads
 * @returns positions, at most {@link BALANCE_GRID}
 */
export function maxShare(threads: number): number {
  return Math.min(BALANCE_GRID, 2 * Math.ceil(BALANCE_GRID / threads));
}

/**
 * Moves each boundary between two threads one position toward the one that came last to the
 * threads' meeting in clearly more of `steps` steps (by a tenth of them), so that it gets fewer
 * neurons; shares stay between 1 and {@link maxShare} positions.
 *
 * @param positions - the boundaries, changed in place
 * @param last - per thread, the steps at which it came last
 * @param steps - the steps counted
 * @param stride - how far apart `last` holds the threads' counts (default 1)
 * @returns whether a boundary moved
 */
export function rebalance(positions: Int32Array, last: ArrayLike<number>, steps: number, stride = 1): boolean {
  const threads = positions.length - 1;
  const most = maxShare(threads);
  const margin = Math.max(1, Math.floor(steps / 10));
  let moved = false;
  for (let t = 1; t < threads; t++) {
    const below = last[(t - 1) * stride]!;
    const above = last[t * stride]!;
    const p = positions[t]!;
    let next = p;
    // The thread above was last more often: the one below takes a position's neurons.
    if (above - below > margin) next = p + 1;
    else if (below - above > margin) next = p - 1;
    if (next === p) continue;
    if (next - positions[t - 1]! < 1 || positions[t + 1]! - next < 1) continue;
    if (next - positions[t - 1]! > most || positions[t + 1]! - next > most) continue;
    positions[t] = next;
    moved = true;
  }
  return moved;
}
