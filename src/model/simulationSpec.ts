/**
 * A simulation as a file: a network spec plus its run settings, the format of the
 * `spikestream` command line (examples/tian2020/network.json is the seed network).
 *
 * ```json
 * { "description": "...", "seed": 0, "run": { "dt": 0.1, "duration": 100 },
 *   "groups": [...], "projections": [...], "inputs": [...], "probes": [...] }
 * ```
 *
 * The network fields are those of {@link networkSpec}; `run` is a {@link runSpec};
 * `description` is free text. Use {@link decodeSimulationSpec} to check a parsed file, and
 * `fromSpec` to turn it into a running network.
 *
 * @example
 * ```ts
 * import { decodeSimulationSpec, formatIssues } from 'spikestream';
 * import * as E from 'fp-ts/lib/Either.js';
 * const result = decodeSimulationSpec(JSON.parse(text));
 * if (E.isLeft(result)) console.error(formatIssues(result.left));
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { issuesFromErrors } from './formatIssues.js';
import { checkNetworkSpec, networkFields, networkOptionalFields, type NetworkSpec } from './networkSpec.js';
import { runSpec } from './runSpec.js';
import type { SpecIssue } from './specIssue.js';
import { stepsIssue } from './maxSteps.js';
import { strict } from './strict.js';
import { timeStepIssues } from './timeStepIssues.js';

/** The codec of a simulation file. */
export const simulationSpec = strict({ ...networkFields, run: runSpec }, 'SimulationSpec', {
  ...networkOptionalFields,
  description: t.string,
});
/** A simulation file that passed the codec (not yet the whole-simulation checks). */
export type SimulationSpec = t.TypeOf<typeof simulationSpec>;

/**
 * The whole-network checks plus those that need the run settings: a duration that is a whole
 * number of steps, and `dt` below twice every time constant (forward Euler is unstable beyond).
 *
 * @param spec - a spec that passed {@link simulationSpec}
 * @returns every issue found (empty when the spec is sound)
 */
export function checkSimulationSpec(spec: SimulationSpec): SpecIssue[] {
  const issues = checkNetworkSpec(networkOf(spec));
  const { dt, duration } = spec.run;
  const steps = duration / dt;
  const tooMany = stepsIssue('run.duration', duration, dt);
  if (tooMany !== null) issues.push(tooMany);
  else if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, steps)) {
    issues.push({ path: 'run.duration', message: `${duration} ms is not a whole number of steps of dt = ${dt} ms` });
  }
  issues.push(...timeStepIssues(networkOf(spec), dt));
  return issues;
}

/**
 * Validates an unknown value (parsed JSON) as a simulation file.
 *
 * @param input - the parsed file
 * @returns `Right(spec)`, or `Left(issues)` listing every problem with its path
 */
export function decodeSimulationSpec(input: unknown): E.Either<SpecIssue[], SimulationSpec> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const what = Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input;
    return E.left([{ path: '(root)', message: `expected an object with seed, run, groups, projections and inputs, got ${what}` }]);
  }
  const decoded = simulationSpec.decode(input);
  if (E.isLeft(decoded)) return E.left(issuesFromErrors(decoded.left));
  const issues = checkSimulationSpec(decoded.right);
  return issues.length > 0 ? E.left(issues) : E.right(decoded.right);
}

/**
 * The network part of a simulation spec (without `run` and `description`).
 *
 * @param spec - a simulation spec
 * @returns its network spec
 */
export function networkOf(spec: SimulationSpec): NetworkSpec {
  const { seed, groups, projections, inputs, probes, weightProbes } = spec;
  return { seed, groups, projections, inputs, ...(probes === undefined ? {} : { probes }), ...(weightProbes === undefined ? {} : { weightProbes }) };
}
