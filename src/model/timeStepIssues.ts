/**
 * What a time step asks of a network: time constants that forward Euler can integrate stably
 * (dt < 2τ; the exponential integrator is stable for any dt), and refractory periods and the
 * times of timed inputs that are whole numbers of steps. `checkSimulationSpec` reports these with the spec's paths, and
 * `createKernel` refuses a kernel for a dt that breaks them.
 *
 * @example
 * ```ts
 * import { timeStepIssues } from 'spikestream';
 * timeStepIssues(spec, 0.1); // [] when dt = 0.1 ms suits every group and projection
 * ```
 * @module
 */
import { integratesExactly } from './integratesExactly.js';
import { checkedTracesOf, traceRate } from './library/synapseTraces.js';
import { refractoryPeriod } from './refractoryPeriod.js';
import type { NetworkSpec } from './networkSpec.js';
import type { SpecIssue } from './specIssue.js';
import type { NeuronGroupSpec } from './groupSpec.js';
import { checkedModelOf, modelConstants } from './modelOf.js';
import { constantRate } from './expr/fold.js';
import { stepsIssue } from './maxSteps.js';
import { timestep } from './timestep.js';
import type { SpikeTimesInputSpec } from './inputSpec.js';

const wholeSteps = (x: number, dt: number): boolean => Math.abs(x / dt - Math.round(x / dt)) <= 1e-9 * Math.max(1, x / dt);

/**
 * @param spec - a validated network spec
 * @param dt - the time step, ms
 * @returns every problem, with its path
 */
export function timeStepIssues(spec: NetworkSpec, dt: number): SpecIssue[] {
  const issues: SpecIssue[] = [];
  // Forward Euler on x' = −x/τ multiplies x by (1 − dt/τ) each step: |1 − dt/τ| ≥ 1 diverges.
  const unstable = (tau: number): string => `dt = ${dt} ms >= 2 tau = ${2 * tau} ms makes forward Euler unstable (or use integrator: "exponential")`;
  const exponential = new Set(spec.groups.filter(integratesExactly).map((g) => g.name as string));
  spec.groups.forEach((g, i) => {
    if (g.kind === 'poisson') {
      if (g.rate * dt > 1000) issues.push({ path: `groups[${i}].rate`, message: `${g.rate} Hz is more than one spike per step of dt = ${dt} ms` });
      return;
    }
    if (g.kind === 'neuron') issues.push(...neuronStepIssues(g, i, dt));
    if (g.kind === 'adex' && dt >= 2 * g.tauw) issues.push({ path: `groups[${i}].tauw`, message: unstable(g.tauw) });
    if (g.kind === 'lif' && !exponential.has(g.name) && dt >= 2 * g.tau) issues.push({ path: `groups[${i}].tau`, message: unstable(g.tau) });
    const refractory = refractoryPeriod(g);
    const longRefractory = stepsIssue(`groups[${i}].refractory`, refractory, dt);
    if (longRefractory !== null) issues.push(longRefractory);
    else if (!wholeSteps(refractory, dt)) issues.push({ path: `groups[${i}].refractory`, message: `${refractory} ms is not a whole number of steps of dt = ${dt} ms` });
  });
  spec.projections.forEach((p, i) => {
    // A synapse's variables step with its target group's integrator, or by Euler (see
    // synapseDefinition): under Euler, x ← x·(1 + r) with r = −dt/τ diverges for r ≤ −2.
    const traces = checkedTracesOf(p.synapse, spec.groups.find((g) => g.name === p.post));
    if (traces !== null && (traces.euler || !exponential.has(p.post))) {
      traces.terms.forEach((terms, k) => {
        const own = terms.find((term) => term.from === k);
        const rate = own === undefined ? 0 : traceRate(traces, own, dt);
        if (rate > -2) return;
        // The time constant the rate divides by: a parameter's (named in the path) or a number's.
        const [divisor] = own!.parts.divisors;
        const tau = divisor?.kind === 'id' ? traces.constants.get(divisor.name)! : divisor?.kind === 'num' ? divisor.value : -dt / rate;
        const where = p.synapse.kind === 'postsynaptic' ? (divisor?.kind === 'id' ? `parameters.${divisor.name}` : 'equations') : (divisor as { name: string }).name;
        issues.push({ path: `projections[${i}].synapse.${where}`, message: unstable(tau) });
      });
    }
    const longDelay = stepsIssue(`projections[${i}].delay`, p.delay ?? 0, dt);
    if (longDelay !== null) issues.push(longDelay);
    else if (!wholeSteps(p.delay ?? 0, dt)) issues.push({ path: `projections[${i}].delay`, message: `${p.delay} ms is not a whole number of steps of dt = ${dt} ms` });
  });
  spec.inputs.forEach((input, k) => {
    if (input.kind === 'poisson' && (input.count * input.rate * dt) / 1000 > 100) {
      issues.push({ path: `inputs[${k}]`, message: `${input.count} trains at ${input.rate} Hz make ${(input.count * input.rate * dt) / 1000} spikes per step on average; at most 100 (use a constant input for the mean)` });
    }
    if (input.kind === 'spikeTimes') {
      issues.push(...spikeTimesIssues(input, k, dt));
      return;
    }
    if (input.kind !== 'timed') return;
    const late = input.times.findIndex((t) => stepsIssue('', t, dt) !== null);
    if (late >= 0) {
      issues.push(stepsIssue(`inputs[${k}].times[${late}]`, input.times[late]!, dt)!);
      return;
    }
    const j = input.times.findIndex((t) => !wholeSteps(t, dt));
    if (j >= 0) issues.push({ path: `inputs[${k}].times[${j}]`, message: `${input.times[j]} ms is not a whole number of steps of dt = ${dt} ms` });
  });
  return issues;
}

/** Where the explicit methods stay stable on x' = −x/τ: dt/τ below this (rk4's bound is 2.785…). */
const STABLE_BELOW = { euler: 2, rk2: 2, rk4: 2.785 } as const;

/**
 * The equations of a `neuron` model that its explicit method cannot step at `dt`: those linear
 * in their own variable with a constant rate (numbers and one-value parameters), whose time
 * constant is too short.
 */
function neuronStepIssues(g: NeuronGroupSpec, i: number, dt: number): SpecIssue[] {
  const checked = checkedModelOf(g);
  if ('issues' in checked || checked.model.method === 'exponential_euler') return [];
  const { model } = checked;
  const limit = STABLE_BELOW[model.method as keyof typeof STABLE_BELOW];
  const constants = modelConstants(g, dt);
  const issues: SpecIssue[] = [];
  model.linear.forEach((parts, k) => {
    const folded = parts === null ? null : constantRate(parts, constants, 1);
    if (folded === null) return;
    const { rate } = folded;
    if (!(rate < 0) || dt * -rate < limit) return;
    const tau = -1 / rate;
    issues.push({
      path: `groups[${i}].equations`,
      message: `line ${model.lines[k]}: dt = ${dt} ms makes method "${model.method}" unstable for d${model.states[k]}/dt, whose time constant is ${+tau.toPrecision(6)} ms (dt must stay below ${limit} times it; use a smaller dt or method "exponential_euler")`,
    });
  });
  return issues;
}

/**
 * A spike time past the last step a run counts, or a neuron given two times in one step at `dt`
 * (Brian2's SpikeGeneratorGroup refuses it too): the first of either.
 */
function spikeTimesIssues(input: SpikeTimesInputSpec, k: number, dt: number): SpecIssue[] {
  const late = input.times.findIndex((t) => stepsIssue('', t, dt) !== null);
  if (late >= 0) return [stepsIssue(`inputs[${k}].times[${late}]`, input.times[late]!, dt)!];
  if (input.period !== undefined) {
    const long = stepsIssue(`inputs[${k}].period`, input.period, dt);
    if (long !== null) return [long];
    if (!wholeSteps(input.period, dt)) return [{ path: `inputs[${k}].period`, message: `${input.period} ms is not a whole number of steps of dt = ${dt} ms` }];
    // A time in the period's last step would fall in the next period's first (timestep rounds up to it).
    // (A time at or past the period itself is the network's issue: see checkNetworkSpec.)
    const past = input.times.findIndex((t) => t < input.period! && timestep(t, dt) >= Math.round(input.period! / dt));
    if (past >= 0) return [{ path: `inputs[${k}].times[${past}]`, message: `${input.times[past]} ms falls in step ${timestep(input.times[past]!, dt)}, not below the period's ${Math.round(input.period / dt)} steps at dt = ${dt} ms` }];
  }
  const seen = new Map<string, number>();
  for (let j = 0; j < Math.min(input.times.length, input.indices.length); j++) {
    const step = timestep(input.times[j]!, dt);
    const key = `${input.indices[j]}:${step}`;
    const first = seen.get(key);
    if (first !== undefined) {
      return [{ path: `inputs[${k}].times[${j}]`, message: `neuron ${input.indices[j]} would spike twice in step ${step} at dt = ${dt} ms (times[${first}] = ${input.times[first]} ms and times[${j}] = ${input.times[j]} ms)` }];
    }
    seen.set(key, j);
  }
  return [];
}
