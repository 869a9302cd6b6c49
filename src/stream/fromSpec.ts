/**
 * A network from data: a parsed simulation file (see `simulationSpec`) becomes the same
 * {@link Network} the operators build in code, on a clock made from its `run` settings. The
 * result is an ordinary network: pipe more operators onto it (`input`, `sampleState`), build it,
 * subscribe to it.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { lastValueFrom } from 'rxjs';
 * import { fromSpec, recordSpikes } from 'spikestream';
 *
 * const net$ = fromSpec(JSON.parse(readFileSync('examples/tian2020/network.json', 'utf8')), { duration: 50 });
 * const record = await lastValueFrom(net$.build().pipe(recordSpikes()));
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SchedulerLike } from 'rxjs';
import { SpecError } from '../model/specError.js';
import type { SpecIssue } from '../model/specIssue.js';
import { decodeSimulationSpec, networkOf, type SimulationSpec } from '../model/simulationSpec.js';
import { clock, type ClockOptions } from './clock.js';
import { Network } from './network.js';

/** Options of {@link fromSpec}: overrides of the file's settings, and real-time pacing. */
export interface FromSpecOptions extends Omit<ClockOptions, 'dt' | 'duration'> {
  /** Run this long instead of the file's `run.duration`, ms. */
  readonly duration?: number;
  /** Use this seed instead of the file's. */
  readonly seed?: number;
  /** The scheduler of the clock (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/**
 * Validates a simulation spec and applies the overrides.
 *
 * @param input - a parsed simulation file
 * @param options - `duration` and `seed` overrides
 * @returns the checked spec with the overrides in place, or every issue with its path
 */
export function resolveSpec(input: unknown, options: Pick<FromSpecOptions, 'duration' | 'seed'> = {}): E.Either<SpecIssue[], SimulationSpec> {
  const decoded = decodeSimulationSpec(input);
  if (E.isLeft(decoded) || (options.duration === undefined && options.seed === undefined)) return decoded;
  const spec = decoded.right;
  // Decoded again so that a bad override is reported with the path it would have in the file.
  return decodeSimulationSpec({
    ...spec,
    seed: options.seed ?? spec.seed,
    run: { ...spec.run, duration: options.duration ?? spec.run.duration },
  });
}

/**
 * Turns a simulation file into a network.
 *
 * @param input - the parsed file (unknown: it is validated here)
 * @param options - overrides of duration and seed; clock options such as `realtime`
 * @returns a network on a clock with the file's `dt`
 * @throws {@link SpecError} listing every problem with its path in the file
 */
export function fromSpec(input: unknown, options: FromSpecOptions = {}): Network {
  const { duration, seed, scheduler, ...clockOptions } = options;
  const resolved = resolveSpec(input, { duration, seed });
  if (E.isLeft(resolved)) throw new SpecError(resolved.left, 'simulation spec');
  const spec = resolved.right;
  return new Network(clock({ ...clockOptions, dt: spec.run.dt, duration: spec.run.duration }, scheduler), networkOf(spec));
}
