/**
 * Exports a network to PyNN 0.10: one Python script that builds the same network on NEURON (and
 * NEST), runs it, and writes its spikes in spikestream's `.spikes` format, so that a network
 * designed here runs on a cluster under MPI unchanged (docs/scaling-out.md).
 *
 * What carries over, and how (the script's comments say it again):
 * - groups become PyNN standard cells (`lif` → `IF_curr_exp`, `IF_curr_alpha` or `IF_cond_exp`
 *   by the synapses into it, `hh` → `HH_cond_exp`, `adex` → `EIF_cond_exp_isfa_ista`,
 *   `izhikevich` → `Izhikevich`, `poisson` → `SpikeSourcePoisson`), in PyNN's units (see
 *   `pynnCells`);
 * - projections become PyNN projections with the matching connector (or, with `exact`, a
 *   `FromListConnector` of the synapses spikestream drew) and receptor;
 * - delays: PyNN's least delay is one step, so a delay of 0 (felt at the next step here) becomes
 *   `dt`, which PyNN's simulators deliver one step later;
 * - constant and timed inputs become the cells' `i_offset` and a `StepCurrentSource`; a
 *   Poisson input into an Izhikevich group a `SpikeSourcePoisson` per neuron;
 * - initial values are drawn from PyNN's own generator with the file's seed, or, with `exact`,
 *   are spikestream's own.
 * What has no PyNN counterpart is refused, with the spec path and the reason, and nothing is
 * written: models written as equations, learning rules, inputs that take values at run time,
 * jumps into cells that take currents.
 *
 * @example
 * ```ts
 * import { toPyNN } from 'spikestream';
 * const { script, files } = toPyNN(spec, { exact: true, stem: 'net' });
 * // write script to net.py and each file beside it; then: mpirun -n 4 python3 net.py
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { buildNetwork, sheetOf, type BuiltNetwork } from '../../kernel/index.js';
import type { Initializer } from '../../model/initializer.js';
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { decodeSimulationSpec, networkOf, type SimulationSpec } from '../../model/simulationSpec.js';
import { sheetExtent } from '../../model/positionsSpec.js';
import { SpecError } from '../../model/specError.js';
import { timestep } from '../../model/timestep.js';
import type { SpecIssue } from '../../model/specIssue.js';
import { encodeNpy } from '../npy.js';
import { cellPlan, gOf, isIssues, type CellPlan } from './pynnCells.js';
import { connectorExpr } from './pynnConnector.js';
import { pyArray, pyComment, pyNumber, pyString, supportOf, synapseValueExpr, valuesExpr } from './pythonText.js';

/** Options of {@link toPyNN}. */
export interface PyNNOptions {
  /**
   * Export the synapses (with their weights and delays) and the initial potentials that
   * spikestream draws for this seed, as NumPy files beside the script, so that both simulators
   * run the very same network. Without it the script draws its own from the same rules, as a
   * cluster run of a network too large for one machine must.
   */
  readonly exact?: boolean;
  /**
   * The script's name without `.py` (default `network`): the data files are `<stem>.<name>.npy`
   * and the spikes `<stem>.spikes` beside it.
   */
  readonly stem?: string;
  /** With `exact`: the memory limit of the build that draws the synapses, bytes. */
  readonly maxBytes?: number;
}

/** A file to write beside the script. */
export interface PyNNFile {
  /** The file's name, `<stem>.<what>.npy`. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What {@link toPyNN} gives: the script and, with `exact`, its data files. */
export interface PyNNExport {
  readonly script: string;
  readonly files: readonly PyNNFile[];
}

const STEM = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Writes a PyNN 0.10 script that builds and runs `spec`.
 *
 * @param spec - a simulation (a network file: groups, projections, inputs, seed, run)
 * @param options - `exact`, the script's stem
 * @returns the script and its data files
 * @throws SpecError when the spec is invalid, or names every part that has no PyNN counterpart
 *   (with its path and why); nothing is returned then
 */
export function toPyNN(spec: SimulationSpec, options: PyNNOptions = {}): PyNNExport {
  const checked = decodeSimulationSpec(spec);
  if (E.isLeft(checked)) throw new SpecError(checked.left);
  const stem = options.stem ?? 'network';
  if (!STEM.test(stem)) throw new RangeError(`toPyNN: stem "${stem}" must be a plain file name (letters, digits, _ . -)`);
  const exact = options.exact === true;
  const net = networkOf(checked.right);
  const dt = checked.right.run.dt;
  const issues: SpecIssue[] = [];
  const plans = net.groups.map((_, g) => {
    const plan = cellPlan(net, g);
    if (isIssues(plan)) {
      issues.push(...plan);
      return null;
    }
    return plan;
  });
  net.projections.forEach((p, k) => issues.push(...projectionIssues(p, k, plans[net.groups.findIndex((g) => g.name === p.post)] ?? null, exact, dt)));
  net.inputs.forEach((input, k) => {
    const path = `inputs[${k}]`;
    if (input.kind === 'stream' || input.kind === 'spikes' || input.kind === 'rate' || input.kind === 'modulator' || input.kind === 'parameter') {
      const whose = input.kind === 'modulator' ? `projection "${input.projection}"` : `group "${input.group}"`;
      issues.push({ path, message: `the ${input.kind} input into ${whose} takes its values while the network runs (from code or a client), which a PyNN script running by itself cannot; give it as a constant or timed input to export` });
      return;
    }
    if (input.kind === 'spikeTimes') {
      // Into a source of rate 0 they are its SpikeSourceArray; into anything else, PyNN has no
      // way to add spikes to a population's own.
      const into = net.groups.find((x) => x.name === input.group);
      if (into?.kind !== 'poisson' || into.rate !== 0) {
        issues.push({ path, message: `the spikes at given times into group "${input.group}" are added to its own spikes, which PyNN has no counterpart of; given to a poisson group of rate 0 they export as its SpikeSourceArray` });
      }
      return;
    }
    const g = net.groups.findIndex((x) => x.name === input.group);
    if (input.kind === 'poisson' && net.groups[g]!.kind !== 'izhikevich') {
      issues.push({ path, message: `the poisson input into group "${input.group}" makes its potential jump, which PyNN's ${plans[g]?.cellType ?? net.groups[g]!.kind} cell on NEURON does not take (PyNN's only jump synapse there is the Izhikevich cell's); model the drive as a poisson group with a current synapse to export` });
    }
  });
  if (issues.length > 0) throw new SpecError(issues, 'network for PyNN');
  const ready = plans as CellPlan[];
  const built = exact ? buildForExport(checked.right, options.maxBytes) : null;
  return writeScript(checked.right, ready, stem, built);
}

/** What stops a projection from being exported. */
function projectionIssues(p: ProjectionSpec, k: number, plan: CellPlan | null, exact: boolean, dt: number): SpecIssue[] {
  const path = `projections[${k}]`;
  const issues: SpecIssue[] = [];
  if (p.plasticity !== undefined) {
    issues.push({ path: `${path}.plasticity`, message: `projection "${p.name}" learns by a rule written as equations, which PyNN's synapse types (STDPMechanism, TsodyksMarkramSynapse) do not run statement for statement` });
  }
  const listed = exact || p.connectivity.kind === 'pairs';
  for (const field of ['weight', 'delays'] as const) {
    const init = p[field];
    if (init?.kind === 'values' && !listed) {
      issues.push({ path: `${path}.${field}`, message: `projection "${p.name}": ${field} given as values, one per synapse in spikestream's order, can only go with the synapses themselves: export with exact (--exact)` });
    }
  }
  if (p.delays !== undefined && !listed && p.delays.kind !== 'values' && supportOf(p.delays, 1)[0] < dt) {
    issues.push({ path: `${path}.delays`, message: `projection "${p.name}": its delays can fall below one step (${dt} ms), which PyNN refuses; export with exact (--exact), whose delays are spikestream's rounded to at least one step` });
  }
  if (plan !== null && p.weight !== undefined && !listed) {
    const receptor = plan.receptors.get(k);
    if (receptor !== undefined && p.weight.kind === 'lognormal' && gOf(p) * receptor.weightScale < 0) {
      issues.push({ path: `${path}.weight`, message: `projection "${p.name}": lognormal weights times a negative g have no PyNN distribution; export with exact (--exact)` });
    }
  }
  if (p.s0 !== undefined && plan !== null && (plan.synapticState === null || plan.cellType === 'IF_curr_alpha')) {
    issues.push({ path: `${path}.s0`, message: `projection "${p.name}": PyNN's ${plan.cellType} has no single synaptic variable to start at s0` });
  }
  return issues;
}

/** The network as spikestream builds it, every projection stored as compressed rows. */
function buildForExport(spec: SimulationSpec, maxBytes: number | undefined): BuiltNetwork {
  const stored = networkOf({
    ...spec,
    projections: spec.projections.map((p) => (p.connectivity.kind === 'fixedProbability' || p.connectivity.kind === 'distance' ? { ...p, connectivity: { ...p.connectivity, procedural: false } } : p)),
  });
  return buildNetwork(stored, { backend: 'js', synapseStorage: 'csr', dt: spec.run.dt, ...(maxBytes === undefined ? {} : { maxBytes }) });
}

/** A projection's delay for PyNN: at least one step. */
function pynnDelay(d: number, dt: number): number {
  return Math.max(dt, Math.round(d / dt) * dt);
}

/** A delay in the script: `STEP` for one step, else the number. */
function delayText(d: number, dt: number): string {
  return d <= dt ? 'STEP' : pyNumber(d);
}

/** The synapses of projection k as rows (pre, post, weight, delay) in PyNN's units. */
function synapseRows(built: BuiltNetwork, k: number, weightScale: number, dt: number): Float64Array {
  const bp = built.projections[k]!;
  const p = bp.spec;
  const synapses = bp.synapses;
  if (!('rowPtr' in synapses)) throw new Error(`toPyNN: projection "${p.name}" was built as bit rows`);
  const out = new Float64Array(4 * synapses.nnz);
  const g = gOf(p) * weightScale;
  const delay = pynnDelay(p.delay ?? 0, dt);
  for (let i = 0, at = 0; i < synapses.rows; i++) {
    for (let s = synapses.rowPtr[i]!; s < synapses.rowPtr[i + 1]!; s++, at += 4) {
      out[at] = i;
      out[at + 1] = synapses.col[s]!;
      out[at + 2] = g * (bp.weights === null ? 1 : bp.weights[s]!);
      out[at + 3] = bp.delays === null ? delay : pynnDelay(bp.delays[s]!, dt);
    }
  }
  return out;
}

/** The rows of a `pairs` projection, in spikestream's order (by pre, then post). */
function pairRows(p: ProjectionSpec & { connectivity: { kind: 'pairs' } }, weightScale: number, dt: number): number[][] {
  const order = p.connectivity.pre.map((_, k) => k).sort((a, b) => p.connectivity.pre[a]! - p.connectivity.pre[b]! || p.connectivity.post[a]! - p.connectivity.post[b]!);
  const at = (init: Initializer | undefined, r: number, fallback: number): number => (init?.kind === 'values' ? init.values[r]! : init?.kind === 'constant' ? init.value : fallback);
  return order.map((k, r) => [p.connectivity.pre[k]!, p.connectivity.post[k]!, gOf(p) * weightScale * at(p.weight, r, 1), pynnDelay(at(p.delays, r, p.delay ?? 0), dt)]);
}

/** The least and greatest delay of the network in PyNN (at least one step). */
function delayRange(spec: SimulationSpec, built: BuiltNetwork | null, dt: number): [number, number] {
  let low = Infinity;
  let high = dt;
  spec.projections.forEach((p, k) => {
    const delays = built?.projections[k]?.delays ?? null;
    if (delays !== null) {
      for (const d of delays) {
        low = Math.min(low, pynnDelay(d, dt));
        high = Math.max(high, pynnDelay(d, dt));
      }
      return;
    }
    const [a, b] = p.delays === undefined ? [p.delay ?? 0, p.delay ?? 0] : supportOf(p.delays, 1);
    low = Math.min(low, pynnDelay(a, dt));
    if (Number.isFinite(b)) high = Math.max(high, pynnDelay(b, dt));
  });
  return [Number.isFinite(low) ? low : dt, high];
}

function writeScript(spec: SimulationSpec, plans: readonly CellPlan[], stem: string, built: BuiltNetwork | null): PyNNExport {
  const dt = spec.run.dt;
  const files: PyNNFile[] = [];
  const data = (what: string, values: Float64Array, shape: number[]): string => {
    files.push({ name: `${stem}.${what}.npy`, bytes: encodeNpy(values, shape) });
    return `data(${pyString(what)})`;
  };
  const [minDelay, maxDelay] = delayRange(spec, built, dt);
  const out: string[] = [];
  const line = (s = ''): void => void out.push(s);
  line('#!/usr/bin/env python3');
  line(`# ${pyComment(spec.description ?? 'A spikestream network')}`);
  line('#');
  line(`# Written by spikestream for PyNN 0.10${built === null ? '' : ' with the synapses and initial potentials spikestream draws (exact)'}.`);
  line(`#   python3 ${stem}.py                      # on NEURON`);
  line(`#   mpirun -n 4 python3 ${stem}.py          # on NEURON, over 4 MPI ranks`);
  line(`#   python3 ${stem}.py --simulator nest     # on NEST`);
  line(`# writes the spikes to ${stem}.spikes (npx spikestream import-spikes ${stem}.spikes); --neo also`);
  line("# writes each population's Neo block (pickle).");
  line('#');
  line("# Units: PyNN's mV, ms, nF, nA and uS. A spikestream lif group (tau dV/dt = -(V - rest) + I,");
  line('# I and g in mV) is a cell whose leak conductance is 1 uS (cm = tau nF): currents, weights and');
  line('# conductances carry over as numbers. hh and adex groups (pF, nS, pA) are divided by 1000;');
  line("# an Izhikevich group's I (mV/ms) enters PyNN's 1 pF cell as I/1000 nA.");
  line("# Delays: PyNN's least delay is one step; a spikestream delay of 0 becomes dt.");
  line("# Integration: each simulator integrates its cells its own way (NEURON: implicit Euler at dt),");
  line('# so spike times differ from spikestream\'s by a step or so; rates are what to compare.');
  if (built === null) line("# Random draws (synapses, initial values) come from PyNN's generator with the file's seed.");
  line('import argparse');
  line('import importlib');
  line('import os');
  line('import struct');
  line('');
  line('import numpy as np');
  line('from pyNN.random import NumpyRNG, RandomDistribution');
  line('from pyNN.space import Space');
  line('from pyNN.parameters import Sequence');
  line('');
  line('HERE = os.path.dirname(os.path.abspath(__file__))');
  line(`DT = ${pyNumber(dt)}`);
  line('parser = argparse.ArgumentParser(description="Run the network exported by spikestream.")');
  line('parser.add_argument("--simulator", default="neuron", choices=["neuron", "nest"])');
  line(`parser.add_argument("--duration", type=float, default=${pyNumber(spec.run.duration)}, help="ms")`);
  line(`parser.add_argument("--seed", type=int, default=${spec.seed})`);
  line(`parser.add_argument("--out", default=os.path.join(HERE, ${pyString(stem)}), help="writes OUT.spikes")`);
  line('parser.add_argument("--neo", action="store_true", help="also write OUT.<population>.pkl")');
  line('args = parser.parse_args()');
  line('sim = importlib.import_module("pyNN." + args.simulator)');
  line('# One step of delay, a hair above DT: NEURON under MPI refuses a least delay equal to dt, and');
  line('# delivers a spike at the same step either way.');
  line('STEP = DT * (1 + 1e-6)');
  line(`sim.setup(timestep=DT, min_delay=${delayText(minDelay, dt)}, max_delay=${delayText(Math.max(maxDelay, minDelay), dt)})`);
  line('rng = NumpyRNG(seed=args.seed, parallel_safe=True)');
  line('');
  line('');
  line('def draw(name, params, n):');
  line('    return RandomDistribution(name, params, rng=rng).next(n)');
  line('');
  line('');
  line('def data(what):');
  line(`    return np.load(os.path.join(HERE, ${pyString(`${stem}.`)} + what + ".npy"))`);
  line('');
  line('');
  line('def with_least_delay(rows):');
  line('    """Synapses (pre, post, weight, delay), their delays at least STEP."""');
  line('    rows[:, 3] = np.maximum(rows[:, 3], STEP)');
  line('    return rows');
  line('');
  line('');
  if (spec.groups.some((g) => g.kind === 'hh')) {
    line('def traub_miles_steady(v, vt):');
    line('    """The gates m, h, n at rest at potential v (Traub & Miles, offset vt)."""');
    line('    am = 0.32 * (13 - v + vt) / (np.exp((13 - v + vt) / 4) - 1)');
    line('    bm = 0.28 * (v - vt - 40) / (np.exp((v - vt - 40) / 5) - 1)');
    line('    ah = 0.128 * np.exp((17 - v + vt) / 18)');
    line('    bh = 4 / (1 + np.exp((40 - v + vt) / 5))');
    line('    an = 0.032 * (15 - v + vt) / (np.exp((15 - v + vt) / 5) - 1)');
    line('    bn = 0.5 * np.exp((10 - v + vt) / 40)');
    line('    return am / (am + bm), ah / (ah + bh), an / (an + bn)');
    line('');
    line('');
  }
  line('populations = {}');
  spec.groups.forEach((group, g) => {
    const plan = plans[g]!;
    const offset = spec.inputs.reduce((sum, input) => (input.kind === 'constant' && input.group === group.name ? sum + input.value : sum), 0);
    const parameters = plan.parameters.map(([k, v]) => `${k}=${pyNumber(v)}`);
    if (plan.cellType === 'SpikeSourceArray') parameters.push(`spike_times=${spikeSequences(spec, g, dt)}`);
    else if (plan.cellType !== 'SpikeSourcePoisson') parameters.push(`i_offset=${pyNumber(offset * plan.currentScale)}`);
    line('');
    line(`# group "${group.name}" (${group.kind})`);
    for (const note of plan.notes) line(`# ${pyComment(note)}`);
    line(`n = ${group.size}`);
    line(`populations[${pyString(group.name)}] = sim.Population(n, sim.${plan.cellType}(${parameters.join(', ')}), label=${pyString(group.name)})`);
    const sheet = sheetOf(group, spec.seed);
    if (sheet !== null) line(`populations[${pyString(group.name)}].positions = np.array([${pyArray(sheet.x)}, ${pyArray(sheet.y)}, np.zeros(n)])`);
    if (group.kind === 'poisson' || group.kind === 'neuron') return;
    const initial: string[] = [];
    line(`v0 = ${built === null ? valuesExpr(group.v0, 1) : data(`${group.name}.v0`, built.v0[g]!, [group.size])}`);
    initial.push('v=v0');
    if (group.kind === 'izhikevich') initial.push(`u=${pyNumber(group.b)} * v0`);
    if (group.kind === 'hh') {
      line(`m0, h0, n0 = traub_miles_steady(v0, ${pyNumber(group.VT)})`);
      for (const gate of ['m', 'h', 'n'] as const) {
        const given = group[`${gate}0`];
        initial.push(`${gate}=${given === undefined ? `${gate}0` : valuesExpr(given, 1)}`);
      }
    }
    if (plan.synapticState !== null) {
      for (const type of ['excitatory', 'inhibitory'] as const) {
        const terms = spec.projections.flatMap((p, k) => {
          const receptor = plan.receptors.get(k);
          return p.s0 === undefined || receptor?.type !== type ? [] : [valuesExpr(p.s0, gOf(p) * receptor.weightScale)!];
        });
        if (terms.length > 0) initial.push(`${plan.synapticState[type]}=${terms.join(' + ')}`);
      }
    }
    line(`populations[${pyString(group.name)}].initialize(${initial.join(', ')})`);
  });
  line('');
  line('projections = {}');
  spec.projections.forEach((p, k) => {
    const post = spec.groups.findIndex((g) => g.name === p.post);
    const receptor = plans[post]!.receptors.get(k)!;
    const target = `receptor_type=${pyString(receptor.type)}, label=${pyString(p.name)}`;
    const endpoints = `populations[${pyString(p.pre)}], populations[${pyString(p.post)}]`;
    line(`# projection "${p.name}" (${p.synapse.kind}, ${p.connectivity.kind})`);
    if (built !== null || p.connectivity.kind === 'pairs') {
      const rows = built !== null ? synapseRows(built, k, receptor.weightScale, dt) : Float64Array.from(pairRows(p as ProjectionSpec & { connectivity: { kind: 'pairs' } }, receptor.weightScale, dt).flat());
      const list = built !== null ? data(`${p.name}.synapses`, rows, [rows.length / 4, 4]) : `${pyArray(rows)}.reshape(-1, 4)`;
      line(`projections[${pyString(p.name)}] = sim.Projection(${endpoints}, sim.FromListConnector(with_least_delay(${list}), column_names=["weight", "delay"]), sim.StaticSynapse(), ${target})`);
      return;
    }
    const g = gOf(p) * receptor.weightScale;
    const weight = p.weight === undefined ? pyNumber(g) : synapseValueExpr(p.weight, g)!;
    const delay = p.delays === undefined ? delayText(pynnDelay(p.delay ?? 0, dt), dt) : synapseValueExpr(p.delays, 1)!;
    const c = p.connectivity;
    // A torus: the post group's sheet, from the origin (checked: both groups lie on it).
    const extent = c.kind === 'distance' && c.periodic === true ? sheetExtent(spec.groups[post]!.positions!)! : null;
    const space = extent === null ? '' : `, space=Space(periodic_boundaries=((0.0, ${pyNumber(extent.width)}), (0.0, ${pyNumber(extent.height)}), None))`;
    line(`projections[${pyString(p.name)}] = sim.Projection(${endpoints}, ${connectorExpr(c)}, sim.StaticSynapse(weight=${weight}, delay=${delay}), ${target}${space})`);
  });
  const inputs = spec.inputs.flatMap((input, k) => {
    if (input.kind === 'timed') {
      const scale = plans[spec.groups.findIndex((g) => g.name === input.group)]!.currentScale;
      return [
        `# inputs[${k}]: timed current into "${input.group}"`,
        `sim.StepCurrentSource(times=${pyArray(input.times)}, amplitudes=${pyArray(input.values.map((v) => v * scale))}).inject_into(populations[${pyString(input.group)}])`,
      ];
    }
    if (input.kind === 'poisson') {
      const size = spec.groups.find((g) => g.name === input.group)!.size;
      const receptor = input.weight >= 0 ? 'excitatory' : 'inhibitory';
      return [
        `# inputs[${k}]: ${input.count} Poisson trains of ${input.rate} Hz per neuron of "${input.group}", one train of their summed rate`,
        `drive = sim.Population(${size}, sim.SpikeSourcePoisson(rate=${pyNumber(input.count * input.rate)}), label=${pyString(`input${k}`)})`,
        `sim.Projection(drive, populations[${pyString(input.group)}], sim.OneToOneConnector(), sim.StaticSynapse(weight=${pyNumber(input.weight)}, delay=STEP), receptor_type=${pyString(receptor)})`,
      ];
    }
    return [];
  });
  if (inputs.length > 0) {
    line('');
    inputs.forEach((s) => line(s));
  }
  line('');
  line('for population in populations.values():');
  line('    population.record("spikes")');
  line('sim.run(args.duration)');
  line('');
  line('');
  line('def spikes_of(population):');
  line('    """The population\'s spikes as spikestream\'s group block: steps and neurons, in step order."""');
  line('    trains = population.get_data("spikes").segments[0].spiketrains');
  line('    neurons = np.concatenate([np.full(len(t), t.annotations["source_index"]) for t in trains]).astype("<u4")');
  line('    steps = np.concatenate([np.round(t.magnitude / DT) for t in trains]).astype("<u4")');
  line('    order = np.lexsort((neurons, steps))');
  line('    name = population.label.encode()');
  line('    head = struct.pack("<I", len(name)) + name + b"\\0" * (-len(name) % 4)');
  line('    return head + struct.pack("<II", population.size, len(neurons)) + steps[order].tobytes() + neurons[order].tobytes()');
  line('');
  line('');
  line('blocks = [spikes_of(population) for population in populations.values()]');
  line('if args.neo:');
  line('    for label, population in populations.items():');
  line('        population.write_data(args.out + "." + label + ".pkl")');
  line('if sim.rank() == 0:');
  line('    with open(args.out + ".spikes", "wb") as f:');
  line('        f.write(struct.pack("<4sIdIII", b"SSPK", 1, DT, 0, int(round(args.duration / DT)), len(blocks)))');
  line('        for block in blocks:');
  line('            f.write(block)');
  line('    print("wrote " + args.out + ".spikes")');
  line('sim.end()');
  return { script: `${out.join('\n')}\n`, files };
}

/**
 * The spike times of group g's `spikeTimes` inputs as PyNN's `spike_times`, a `Sequence` per
 * neuron: each time at the start of the step spikestream puts it in (Brian2's `timestep`), as
 * the group's other spikes are, each step once, those of a repeating pattern over the whole run.
 */
function spikeSequences(spec: SimulationSpec, g: number, dt: number): string {
  const group = spec.groups[g]!;
  const steps = Array.from({ length: group.size }, () => new Set<number>());
  const total = Math.round(spec.run.duration / dt);
  for (const input of spec.inputs) {
    if (input.kind !== 'spikeTimes' || input.group !== group.name) continue;
    // A repeating pattern, written out over the run.
    const period = input.period === undefined ? total : Math.round(input.period / dt);
    input.times.forEach((t, j) => {
      for (let s = timestep(t, dt); s < total; s += period) steps[input.indices[j]!]!.add(s);
    });
  }
  return `[${steps.map((s) => `Sequence(${pyArray([...s].sort((a, b) => a - b).map((k) => k * dt))})`).join(', ')}]`;
}
