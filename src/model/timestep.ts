/**
 * The step a time falls in, as Brian2's `timestep` counts it: ⌊(t + 0.001·dt)/dt⌋, so that a
 * time meant to be a whole number of steps (0.3 ms at dt = 0.1 ms, 2.9999999999999996 steps in
 * floating point) is that step and not the one before. A spike time (`spikeTimes`) and a
 * refractory period written as an expression (whose code both lowerings write with the same
 * operations) are counted so.
 *
 * @example
 * ```ts
 * timestep(0.3, 0.1); // 3
 * timestep(1.05, 0.1); // 10
 * ```
 * @module
 */

/**
 * @param t - a time, ms
 * @param dt - the time step, ms
 * @returns the step it falls in
 */
export function timestep(t: number, dt: number): number {
  return Math.floor((t + 1e-3 * dt) / dt);
}
