/**
 * The network spec: everything needed to build a network, as plain data.
 *
 * Shape checks (types, ranges) are io-ts codecs; the checks that need the whole network (names
 * that must exist or be unique, indices within a group) are in {@link checkNetworkSpec}. Use
 * {@link decodeNetworkSpec} to run both.
 *
 * @example
 * ```ts
 * import { decodeNetworkSpec } from 'spikestream';
 * const result = decodeNetworkSpec({
 *   seed: 1,
 *   groups: [{ kind: 'lif', name: 'E', size: 100, tau: 15, threshold: 15, reset: 0,
 *              v0: { kind: 'constant', value: 0 } }],
 *   projections: [],
 *   inputs: [{ kind: 'constant', group: 'E', value: 20 }],
 * });
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { seed } from './brands.js';
import { issuesFromErrors } from './formatIssues.js';
import { groupSpec, type GroupSpec, type Initializer, type NeuronGroupSpec } from './groupSpec.js';
import { checkedModelOf } from './modelOf.js';
import { checkedRuleOf } from './ruleOf.js';
import { inputSpec, type ModulatorInputSpec, type ParameterInputSpec } from './inputSpec.js';
import { nodesOf } from './expr/expr.js';
import { modelTrees, type NeuronModel } from './expr/neuronModel.js';
import { mentions } from './expr/linearIn.js';
import { probeSpec, weightProbeSpec } from './probeSpec.js';
import type { ConnectivitySpec, DistanceSpec, PostsynapticSpec, ProjectionSpec } from './projectionSpec.js';
import { sheetExtent } from './positionsSpec.js';
import { projectionSpec } from './projectionSpec.js';
import type { SpecIssue } from './specIssue.js';
import { strict } from './strict.js';
import { modelGroupOf } from './library/modelGroupOf.js';
import { jumpTargetOf } from './jumpTarget.js';
import { projectionVariables } from './probedState.js';
import { synapseDefinitionOf } from './library/synapseDefinition.js';
import { checkedSynapse, checkedTracesOf } from './library/synapseTraces.js';

/** The required fields of a network, shared with the file format (`simulationSpec`). */
export const networkFields = {
  seed,
  groups: t.readonlyArray(groupSpec),
  projections: t.readonlyArray(projectionSpec),
  inputs: t.readonlyArray(inputSpec),
};

/** The optional fields of a network. */
export const networkOptionalFields = { probes: t.readonlyArray(probeSpec), weightProbes: t.readonlyArray(weightProbeSpec) };

/** The codec for a whole network. `probes` is optional. */
export const networkSpec = strict(networkFields, 'NetworkSpec', networkOptionalFields);
/** A network spec that passed the codec (not yet the whole-network checks). */
export type NetworkSpec = t.TypeOf<typeof networkSpec>;

/**
 * Checks what the codec cannot: unique names, references to groups that exist, probe
 * variables that the target has, indices within the group, initializers with low < high.
 *
 * @param spec - a spec that passed {@link networkSpec}
 * @returns every issue found (empty when the spec is sound)
 */
export function checkNetworkSpec(spec: NetworkSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const groups = new Map<string, number>();
  spec.groups.forEach((g, i) => {
    if (groups.has(g.name)) issues.push({ path: `groups[${i}].name`, message: `duplicate group name "${g.name}"` });
    else groups.set(g.name, g.size);
    if (g.positions?.kind === 'values') {
      for (const axis of ['x', 'y'] as const) {
        const n = g.positions[axis].length;
        if (n !== g.size) issues.push({ path: `groups[${i}].positions.${axis}`, message: `${n} coordinates for a group of ${g.size}: one per neuron` });
      }
    }
    if (g.kind === 'poisson') return;
    if (g.kind === 'neuron') {
      issues.push(...neuronIssues(g, i));
      return;
    }
    issues.push(...initializerIssues(g.v0, g.size, `groups[${i}].v0`));
    if (g.kind !== 'hh') return;
    for (const key of ['m0', 'h0', 'n0'] as const) {
      const init = g[key];
      if (init !== undefined) issues.push(...initializerIssues(init, g.size, `groups[${i}].${key}`));
    }
  });
  const sources = new Set(spec.groups.filter((g) => g.kind === 'poisson').map((g) => g.name as string));
  // Models written as equations that do not read I: a current or an input into them does nothing.
  const deaf = new Set(spec.groups.filter((g) => g.kind === 'neuron' && !modelUsesInput(g)).map((g) => g.name as string));
  const deafIssue = (path: string, group: string): SpecIssue => ({ path, message: `group "${group}"'s equations do not use I, so this would have no effect` });
  const projections = new Map<string, string>();
  spec.projections.forEach((p, i) => {
    if (projections.has(p.name) || groups.has(p.name)) {
      issues.push({ path: `projections[${i}].name`, message: `duplicate name "${p.name}" (names of groups and projections must be unique)` });
    } else projections.set(p.name, p.post);
    for (const end of ['pre', 'post'] as const) {
      if (!groups.has(p[end])) {
        issues.push({ path: `projections[${i}].${end}`, message: `no group named "${p[end]}" (groups: ${[...groups.keys()].join(', ') || 'none'})` });
      }
    }
    if (sources.has(p.post)) issues.push({ path: `projections[${i}].post`, message: `group "${p.post}" is a Poisson source: it takes no input` });
    const post = spec.groups.find((g) => g.name === p.post);
    if (p.synapse.kind === 'delta' && post !== undefined && !sources.has(p.post)) {
      const found = jumpTargetOf(post, p.synapse.target);
      if ('message' in found) issues.push({ path: `projections[${i}].synapse.target`, message: found.message });
    }
    if (p.synapse.kind === 'postsynaptic') issues.push(...postsynapticIssues(p.synapse, post, i));
    // A jump takes no I: into a model that does not read it, every other kind does nothing.
    const jumps = checkedTracesOf(p.synapse, post)?.effect.kind === 'jump';
    if (deaf.has(p.post) && !jumps) issues.push(deafIssue(`projections[${i}].post`, p.post));
    const rows = groups.get(p.pre);
    const cols = groups.get(p.post);
    if (rows !== undefined && cols !== undefined) issues.push(...connectivityIssues(p.connectivity, rows, cols, p.pre === p.post, `projections[${i}].connectivity`));
    if (p.connectivity.kind === 'distance') issues.push(...distanceIssues(spec, p, p.connectivity, `projections[${i}].connectivity`));
    issues.push(...perSynapseIssues(p, i));
    if (p.s0 !== undefined) {
      if (jumps) issues.push({ path: `projections[${i}].s0`, message: `a ${p.synapse.kind === 'delta' ? 'delta synapse' : 'jump'} has no trace to start` });
      else if (cols !== undefined) issues.push(...initializerIssues(p.s0, cols, `projections[${i}].s0`));
    }
  });
  spec.inputs.forEach((input, i) => {
    if (input.kind === 'modulator') {
      issues.push(...modulatorIssues(spec, input, i));
      return;
    }
    if (input.kind === 'parameter') {
      issues.push(...parameterInputIssues(spec, input, i));
      return;
    }
    // Spikes injected into a group need no input current: any group takes them. A rate input
    // sets a Poisson group's rate, and only that.
    if (input.kind === 'rate') {
      if (groups.has(input.group) && !sources.has(input.group)) issues.push({ path: `inputs[${i}].group`, message: `a rate input sets the rate of a Poisson group; "${input.group}" is not one` });
      else if (spec.inputs.findIndex((other) => other.kind === 'rate' && other.group === input.group) < i) issues.push({ path: `inputs[${i}].group`, message: `group "${input.group}" has a rate input already` });
    } else if (sources.has(input.group) && input.kind !== 'spikes' && input.kind !== 'spikeTimes') issues.push({ path: `inputs[${i}].group`, message: `group "${input.group}" is a Poisson source: it takes no input` });
    if (deaf.has(input.group) && input.kind !== 'poisson' && input.kind !== 'spikes' && input.kind !== 'spikeTimes') issues.push(deafIssue(`inputs[${i}].group`, input.group));
    if (!groups.has(input.group)) {
      issues.push({ path: `inputs[${i}].group`, message: `no group named "${input.group}" (groups: ${[...groups.keys()].join(', ') || 'none'})` });
    }
    if (input.kind === 'spikeTimes') {
      if (input.times.length !== input.indices.length) {
        issues.push({ path: `inputs[${i}]`, message: `${input.indices.length} indices and ${input.times.length} times: each spike needs its neuron and its time` });
      }
      const size = groups.get(input.group);
      const out = size === undefined ? -1 : input.indices.findIndex((n) => n >= size);
      if (out >= 0) issues.push({ path: `inputs[${i}].indices[${out}]`, message: `neuron ${input.indices[out]} is not in group "${input.group}" of ${size} neurons` });
      const period = input.period;
      const late = period === undefined ? -1 : input.times.findIndex((t) => t >= period);
      if (late >= 0) issues.push({ path: `inputs[${i}].times[${late}]`, message: `${input.times[late]} ms is not below the period, ${period} ms: a repeating pattern's times lie within one period` });
    }
    if (input.kind === 'timed') {
      if (input.times.length !== input.values.length) {
        issues.push({ path: `inputs[${i}]`, message: `${input.times.length} times and ${input.values.length} values: each time needs its value` });
      }
      const back = input.times.findIndex((t, j) => j > 0 && t <= input.times[j - 1]!);
      if (back > 0) issues.push({ path: `inputs[${i}].times[${back}]`, message: `times must increase: ${input.times[back]} ms after ${input.times[back - 1]} ms` });
    }
  });
  const probes = new Set<string>();
  (spec.probes ?? []).forEach((probe, i) => {
    if (probes.has(probe.name)) issues.push({ path: `probes[${i}].name`, message: `duplicate probe name "${probe.name}"` });
    probes.add(probe.name);
    const isGroup = groups.has(probe.target);
    const post = projections.get(probe.target);
    if (!isGroup && post === undefined) {
      issues.push({ path: `probes[${i}].target`, message: `no group or projection named "${probe.target}"` });
      return;
    }
    if (sources.has(probe.target)) {
      issues.push({ path: `probes[${i}].target`, message: `group "${probe.target}" is a Poisson source: it has no state to sample` });
      return;
    }
    const projection = spec.projections.find((p) => p.name === probe.target);
    const wanted = isGroup ? stateVariables(spec.groups.find((g) => g.name === probe.target)!) : [...projectionVariables(projection!, spec.groups.find((g) => g.name === post)).keys()];
    if (!wanted.includes(probe.variable)) {
      issues.push({
        path: `probes[${i}].variable`,
        message: `${isGroup ? 'group' : 'projection'} "${probe.target}" has ${wanted.length > 1 ? `variables ${wanted.map((w) => `"${w}"`).join(', ')}` : `variable "${wanted[0]}"`}, not "${probe.variable}"`,
      });
    }
    const size = groups.get(isGroup ? probe.target : post!);
    if (size !== undefined) {
      probe.indices.forEach((index, k) => {
        if (index >= size) issues.push({ path: `probes[${i}].indices[${k}]`, message: `index ${index} is out of range for a group of ${size}` });
      });
    }
  });
  (spec.weightProbes ?? []).forEach((probe, i) => {
    if (probes.has(probe.name)) issues.push({ path: `weightProbes[${i}].name`, message: `duplicate probe name "${probe.name}"` });
    probes.add(probe.name);
    const p = spec.projections.find((q) => q.name === probe.projection);
    if (p === undefined) issues.push({ path: `weightProbes[${i}].projection`, message: `no projection named "${probe.projection}" (projections: ${spec.projections.map((q) => q.name).join(', ') || 'none'})` });
    else if (p.weight === undefined && p.plasticity === undefined) issues.push({ path: `weightProbes[${i}].projection`, message: `projection "${p.name}" has no per-synapse weights (give it "weight" or "plasticity")` });
  });
  return issues;
}

/**
 * Validates an unknown value as a network spec: the codec, then the whole-network checks.
 *
 * @param input - parsed JSON or an object built in code
 * @returns `Right(spec)`, or `Left(issues)` listing every problem with its path
 */
export function decodeNetworkSpec(input: unknown): E.Either<SpecIssue[], NetworkSpec> {
  const decoded = networkSpec.decode(input);
  if (E.isLeft(decoded)) return E.left(issuesFromErrors(decoded.left));
  const issues = checkNetworkSpec(decoded.right);
  return issues.length > 0 ? E.left(issues) : E.right(decoded.right);
}

/**
 * The state variables a probe can sample in a group: `V`; for a `neuron` group the names of its
 * state variables (the first of which is `V` under its own name too); for an Izhikevich group
 * `u`, for an AdEx group `w` (the state of their definitions, see `modelGroupOf`); for a
 * Hodgkin–Huxley group its gates `m`, `h` and `n`.
 *
 * @param g - the group
 * @returns the names
 */
export function stateVariables(g: GroupSpec): string[] {
  const checked = checkedModelOf(modelGroupOf(g));
  if (!('model' in checked)) return ['V'];
  // A built-in kind's membrane variable is V alone; a user's model's also has its own name.
  return ['V', ...checked.model.states.slice(g.kind === 'neuron' ? 0 : 1)];
}

function modelUsesInput(g: NeuronGroupSpec): boolean {
  const checked = checkedModelOf(g);
  // A model with issues is reported as such; nothing more is said of its input.
  return 'issues' in checked || checked.model.usesInput;
}

/** A `neuron` group's model issues, its initializers' and its parameters' (their paths in the group). */
function neuronIssues(g: NeuronGroupSpec, i: number): SpecIssue[] {
  const checked = checkedModelOf(g);
  const issues: SpecIssue[] = 'issues' in checked ? checked.issues.map((x) => ({ path: `groups[${i}].${x.field}`, message: x.message })) : [];
  for (const field of ['parameters', 'initial'] as const) {
    for (const [name, value] of Object.entries(g[field] ?? {})) {
      if (typeof value !== 'number') issues.push(...initializerIssues(value, g.size, `groups[${i}].${field}.${name}`));
    }
  }
  return issues;
}

/**
 * What is wrong with a parameter input: a group that is not a `neuron` group, a parameter its
 * model does not have as one number, a second input for it, or a parameter that is the exponent
 * of a power (which the lowerings take as a number).
 */
function parameterInputIssues(spec: NetworkSpec, input: ParameterInputSpec, i: number): SpecIssue[] {
  const g = spec.groups.find((x) => x.name === input.group);
  if (g === undefined) return [{ path: `inputs[${i}].group`, message: `no group named "${input.group}" (groups: ${spec.groups.map((x) => x.name).join(', ') || 'none'})` }];
  if (g.kind !== 'neuron') return [{ path: `inputs[${i}].group`, message: `a parameter input sets a parameter of a model written as equations; "${g.name}" is a ${g.kind} group` }];
  const value = g.parameters?.[input.parameter];
  if (typeof value !== 'number') {
    const named = Object.keys(g.parameters ?? {});
    const why = value === undefined ? `is not a parameter of group "${g.name}" (parameters: ${named.join(', ') || 'none'})` : `is one value per neuron in group "${g.name}"; a parameter input sets one given as a number`;
    return [{ path: `inputs[${i}].parameter`, message: `"${input.parameter}" ${why}` }];
  }
  const first = spec.inputs.findIndex((x) => x.kind === 'parameter' && x.group === input.group && x.parameter === input.parameter);
  if (first < i) return [{ path: `inputs[${i}].parameter`, message: `parameter "${input.parameter}" of group "${g.name}" has an input already (inputs[${first}])` }];
  const checked = checkedModelOf(g);
  if (!('issues' in checked) && exponentReads(checked.model, input.parameter)) {
    return [{ path: `inputs[${i}].parameter`, message: `"${input.parameter}" is the exponent of a power in group "${g.name}"'s model, which the kernel takes as a number` }];
  }
  return [];
}

/** Whether any expression of a model has a power whose exponent reads `name`. */
function exponentReads(model: NeuronModel, name: string): boolean {
  return modelTrees(model).some((tree) => [...nodesOf(tree)].some((n) => n.kind === 'binary' && n.op === '^' && mentions(n.right, name)));
}

/** What a modulator input names that is not there. */
function modulatorIssues(spec: NetworkSpec, input: ModulatorInputSpec, i: number): SpecIssue[] {
  const p = spec.projections.find((q) => q.name === input.projection);
  if (p === undefined) return [{ path: `inputs[${i}].projection`, message: `no projection named "${input.projection}" (projections: ${spec.projections.map((q) => q.name).join(', ') || 'none'})` }];
  const names = p.plasticity?.modulators ?? [];
  if (!names.includes(input.modulator)) {
    return [{ path: `inputs[${i}].modulator`, message: `projection "${p.name}"'s rule has ${names.length > 0 ? `modulators ${names.map((n) => `"${n}"`).join(', ')}` : 'no modulators'}, not "${input.modulator}"` }];
  }
  const first = spec.inputs.findIndex((x) => x.kind === 'modulator' && x.projection === input.projection && x.modulator === input.modulator);
  return first < i ? [{ path: `inputs[${i}].modulator`, message: `modulator "${input.modulator}" of projection "${p.name}" has an input already (inputs[${first}])` }] : [];
}

/**
 * A synapse kind of the user's own: its parameters (one number each), its definition (see
 * `checkedSynapse`) against its target's membrane variable, and the variable a jump goes into.
 */
function postsynapticIssues(syn: PostsynapticSpec, post: GroupSpec | undefined, i: number): SpecIssue[] {
  const at = `projections[${i}].synapse`;
  const issues: SpecIssue[] = [];
  for (const [name, value] of Object.entries(syn.parameters)) {
    if (typeof value !== 'number') issues.push({ path: `${at}.parameters.${name}`, message: "a synapse's parameter is one number, not an initializer" });
  }
  const model = post === undefined || post.kind === 'poisson' ? null : checkedModelOf(modelGroupOf(post));
  if (issues.length > 0 || model === null || 'issues' in model) return issues;
  const checked = checkedSynapse(synapseDefinitionOf(syn, model.model.states[0]!), model.model.states[0]!);
  if ('issues' in checked) return checked.issues.map((x) => ({ path: `${at}.${x.field}`, message: x.message }));
  const { effect } = checked.traces;
  if (effect.kind === 'jump') {
    const found = jumpTargetOf(post!, effect.state);
    if ('message' in found) issues.push({ path: `${at}.effect`, message: found.message });
  }
  return issues;
}

/** What a projection's weights, delays and learning rule ask that cannot be. */
function perSynapseIssues(p: ProjectionSpec, i: number): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const at = `projections[${i}]`;
  const procedural = 'procedural' in p.connectivity && p.connectivity.procedural === true;
  // Procedural rows draw their weights and delays again with the row; rules need stored synapses.
  if (procedural && p.plasticity !== undefined) {
    issues.push({ path: `${at}.plasticity`, message: 'a learning rule needs stored synapses, and this projection is procedural (drop "procedural": true, or "plasticity")' });
  }
  if (procedural && p.weight?.kind === 'values') {
    issues.push({ path: `${at}.weight`, message: 'a procedural projection draws its weights with each row: give an initializer (constant, uniform, normal, lognormal), not "values"' });
  }
  // The delayed sums are sized before the run by the longest delay: bounded initializers only.
  if (procedural && p.delays !== undefined && p.delays.kind !== 'constant' && p.delays.kind !== 'uniform') {
    issues.push({ path: `${at}.delays`, message: `a procedural projection draws its delays with each row, and needs their bound before the run: give "constant" or "uniform", not "${p.delays.kind}"` });
  }
  if (p.delays !== undefined) {
    if (p.delay !== undefined) issues.push({ path: `${at}.delays`, message: 'give one delay for the projection ("delay") or one per synapse ("delays"), not both' });
    if (p.plasticity !== undefined) issues.push({ path: `${at}.delays`, message: 'per-synapse delays with a learning rule are not supported yet; use the projection\'s one "delay"' });
    const d = p.delays;
    // A normal draw below 0 is refused by the build, which draws it.
    const low = d.kind === 'constant' ? d.value : d.kind === 'uniform' ? d.low : d.kind === 'values' ? d.values.reduce((m, x) => Math.min(m, x), Infinity) : 0;
    if (low < 0) issues.push({ path: `${at}.delays`, message: `delays cannot be negative, got ${low} ms` });
  }
  // One value per synapse: the build checks a list's length against the synapses it drew.
  for (const field of ['weight', 'delays'] as const) {
    const init = p[field];
    if (init !== undefined) issues.push(...initializerIssues(init, null, `${at}.${field}`));
  }
  const rule = p.plasticity;
  if (rule === undefined) return issues;
  const checked = checkedRuleOf(rule);
  if ('issues' in checked) issues.push(...checked.issues.map((x) => ({ path: `${at}.plasticity.${x.field}`, message: x.message })));
  // A variable per synapse may start from an initializer, drawn per synapse (a parameter per
  // synapse is such a variable that never changes: `dU/dt = 0`); the rest is one number each.
  const perSynapse = new Set('model' in checked ? checked.model.synapse.states : []);
  for (const table of ['parameters', 'initial'] as const) {
    for (const [name, value] of Object.entries(rule[table] ?? {})) {
      if (typeof value === 'number' || (table === 'initial' && perSynapse.has(name) && value.kind !== 'values')) continue;
      const what = table === 'parameters' ? "a learning rule's parameter is one number" : perSynapse.has(name) ? 'a variable per synapse starts from a number or an initializer drawn per synapse (constant, uniform, normal, lognormal)' : "a trace's initial value is one number";
      issues.push({ path: `${at}.plasticity.${table}.${name}`, message: `${what}, not ${value.kind === 'values' ? 'a list of values' : 'an initializer'}` });
    }
  }
  return issues;
}

/**
 * What an initializer asks that cannot be: an empty range, a list of the wrong length for a group
 * of `size` (null: a length known only once the synapses are drawn).
 */
function initializerIssues(init: Initializer, size: number | null, path: string): SpecIssue[] {
  if (init.kind === 'uniform' && !(init.low < init.high)) return [{ path, message: `uniform needs low < high, got [${init.low}, ${init.high})` }];
  if (init.kind === 'values' && size !== null && init.values.length !== size) return [{ path: `${path}.values`, message: `has ${init.values.length} values for a group of ${size}` }];
  return [];
}

/** What a connectivity rule asks that the group sizes cannot give. */
/** A distance rule needs both groups placed, and with periodic boundaries on sheets of one size. */
function distanceIssues(spec: NetworkSpec, p: ProjectionSpec, c: DistanceSpec, path: string): SpecIssue[] {
  const ends = [spec.groups.find((g) => g.name === p.pre), spec.groups.find((g) => g.name === p.post)];
  const unplaced = ends.filter((g) => g !== undefined && g.positions === undefined).map((g) => `"${g!.name}"`);
  if (unplaced.length > 0) return [{ path, message: `the distance rule needs both groups placed on a sheet: give ${[...new Set(unplaced)].join(' and ')} positions (grid, random or values)` }];
  if (c.periodic !== true || ends.some((g) => g === undefined)) return [];
  const a = sheetExtent(ends[0]!.positions!);
  const b = sheetExtent(ends[1]!.positions!);
  if (a === null || b === null) return [{ path: `${path}.periodic`, message: 'periodic boundaries need the sheet\'s width and height: give them with the positions of both groups' }];
  if (a.width !== b.width || a.height !== b.height) return [{ path: `${path}.periodic`, message: `periodic boundaries need one sheet: "${p.pre}" lies on ${a.width} × ${a.height} and "${p.post}" on ${b.width} × ${b.height}` }];
  return [];
}

function connectivityIssues(c: ConnectivitySpec, rows: number, cols: number, sameGroup: boolean, path: string): SpecIssue[] {
  const noSelf = sameGroup && 'selfConnections' in c && c.selfConnections === false;
  switch (c.kind) {
    case 'oneToOne':
      return rows === cols ? [] : [{ path, message: `oneToOne needs groups of the same size, got ${rows} and ${cols}` }];
    case 'fixedInDegree': {
      const available = rows - (noSelf ? 1 : 0);
      return c.k <= available ? [] : [{ path: `${path}.k`, message: `${c.k} distinct inputs per neuron, but only ${available} presynaptic neurons are available` }];
    }
    case 'fixedOutDegree': {
      const available = cols - (noSelf ? 1 : 0);
      return c.k <= available ? [] : [{ path: `${path}.k`, message: `${c.k} distinct targets per neuron, but only ${available} postsynaptic neurons are available` }];
    }
    case 'fixedTotal': {
      const available = rows * cols - (noSelf ? Math.min(rows, cols) : 0);
      return c.n <= available ? [] : [{ path: `${path}.n`, message: `${c.n} distinct pairs, but only ${available} pairs are available` }];
    }
    case 'pairs': {
      if (c.pre.length !== c.post.length) return [{ path, message: `pre has ${c.pre.length} indices and post ${c.post.length}: they pair up, so they must be as many` }];
      const issues: SpecIssue[] = [];
      for (let k = 0; k < c.pre.length && issues.length < 5; k++) {
        if (c.pre[k]! >= rows) issues.push({ path: `${path}.pre[${k}]`, message: `index ${c.pre[k]} is out of range for a group of ${rows}` });
        if (c.post[k]! >= cols) issues.push({ path: `${path}.post[${k}]`, message: `index ${c.post[k]} is out of range for a group of ${cols}` });
      }
      if (issues.length > 0) return issues;
      // Duplicates by sorting, not with a Set (which holds at most 2^24 entries): each pair
      // given again after its first place, the first five by place.
      const pairs = Float64Array.from(c.pre, (i, k) => i * cols + c.post[k]!);
      const order = Uint32Array.from(pairs.keys()).sort((a, b) => pairs[a]! - pairs[b]! || a - b);
      const again: number[] = [];
      for (let m = 1; m < order.length; m++) if (pairs[order[m]!] === pairs[order[m - 1]!]) again.push(order[m]!);
      for (const k of again.sort((a, b) => a - b).slice(0, 5)) issues.push({ path: `${path}.pre[${k}]`, message: `the pair (${c.pre[k]}, ${c.post[k]}) is given twice` });
      return issues;
    }
    default:
      return [];
  }
}
