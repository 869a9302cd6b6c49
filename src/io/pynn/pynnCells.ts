/**
 * Which PyNN standard cell type each spikestream group becomes, with its parameters in PyNN's
 * units, and which receptor each projection into it targets with what weight factor.
 *
 * Units. PyNN's cells take mV, ms, nF, nA and µS. spikestream's `lif` is written in the
 * potential's units (`τ dV/dt = −(V − rest) + I`, I and a synapse's `g` in mV): it becomes a
 * cell whose leak conductance is 1 µS (`cm` = τ nF), so that a current of I nA moves V as
 * spikestream's I does, and weights and offsets carry over as they are (a conductance g, which
 * spikestream counts in units of the leak, is g µS). `hh` and `adex` are in pF, nS and pA:
 * divided by 1000 into nF, µS and nA. `izhikevich`'s I (mV/ms) enters PyNN's cell through its
 * 1 pF membrane: I/1000 nA.
 *
 * @example
 * ```ts
 * const plan = cellPlan(spec, 0); // spec.groups[0] is {kind: 'lif', ...}
 * if (!isIssues(plan)) plan.cellType; // 'IF_curr_exp'
 * ```
 * @module
 */
import { jumpedState } from '../../model/jumpTarget.js';
import type { GroupSpec } from '../../model/groupSpec.js';
import type { NetworkSpec } from '../../model/networkSpec.js';
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import type { SpecIssue } from '../../model/specIssue.js';
import { weightSupport } from './pythonText.js';

/** A projection's target in PyNN: the receptor, and what spikestream's `g` is multiplied by. */
export interface Receptor {
  readonly type: 'excitatory' | 'inhibitory';
  /** PyNN weight = `weightScale` × spikestream's weight of the synapse (`g`, times `weight`). */
  readonly weightScale: number;
}

/** How a group is written in PyNN. */
export interface CellPlan {
  /** The PyNN standard cell type, or a source: `SpikeSourcePoisson`, `SpikeSourceArray`. */
  readonly cellType: string;
  /** Parameters, in PyNN's names and units, in the order written. */
  readonly parameters: ReadonlyArray<readonly [string, number]>;
  /** spikestream's input current (I) in PyNN's nA: the factor of constant and timed inputs. */
  readonly currentScale: number;
  /** The receptor of each projection into the group, by projection index. */
  readonly receptors: ReadonlyMap<number, Receptor>;
  /** Where PyNN's cell differs from spikestream's group, in words: comments for the script. */
  readonly notes: readonly string[];
  /** The initial-value name of each receptor's synaptic variable (`isyn_exc`, `gsyn_inh`), or null. */
  readonly synapticState: { readonly excitatory: string; readonly inhibitory: string } | null;
}

/**
 * Whether a plan is a list of reasons it cannot be made.
 *
 * @param x - what {@link cellPlan} returned
 * @returns true for issues
 */
export function isIssues(x: CellPlan | SpecIssue[]): x is SpecIssue[] {
  return Array.isArray(x);
}

type Family = 'current' | 'alpha' | 'conductance' | 'jump';

/** Which synapse family a projection's synapse belongs to; null for a dual exponential with two time constants and a kind of the user's own. */
function familyOf(p: ProjectionSpec): Family | null {
  switch (p.synapse.kind) {
    case 'postsynaptic':
      return null;
    case 'expCurrent':
      return 'current';
    case 'expConductance':
      return 'conductance';
    case 'delta':
      return 'jump';
    case 'dualExpCurrent':
      return p.synapse.tauRise === p.synapse.tauDecay ? 'alpha' : null;
  }
}

/**
 * The synaptic weight factor of a projection: `g`, or a delta synapse's `w`.
 *
 * @param p - the projection
 * @returns the factor
 */
export function gOf(p: ProjectionSpec): number {
  if (p.synapse.kind === 'postsynaptic') throw new RangeError(`gOf: projection "${p.name}" is a synapse kind of the user's own, which has no PyNN form`);
  return p.synapse.kind === 'delta' ? p.synapse.w : p.synapse.g;
}

/** The decay time constant of a projection's synapse (0 for a jump). */
function tauOf(p: ProjectionSpec): number {
  switch (p.synapse.kind) {
    case 'expCurrent':
    case 'expConductance':
      return p.synapse.tau;
    case 'dualExpCurrent':
      return p.synapse.tauDecay;
    case 'delta':
    case 'postsynaptic':
      return 0;
  }
}

/** The cell types each group kind can become, by the synapse family into it. */
const CELLS: Readonly<Record<GroupSpec['kind'], Partial<Record<Family, string>>>> = {
  lif: { current: 'IF_curr_exp', alpha: 'IF_curr_alpha', conductance: 'IF_cond_exp' },
  hh: { conductance: 'HH_cond_exp' },
  adex: { conductance: 'EIF_cond_exp_isfa_ista' },
  izhikevich: { jump: 'Izhikevich' },
  poisson: {},
  neuron: {},
};

const FAMILY_WORDS: Readonly<Record<Family, string>> = {
  current: 'exponential current (expCurrent)',
  alpha: 'alpha current (dualExpCurrent with tauRise = tauDecay)',
  conductance: 'exponential conductance (expConductance)',
  jump: 'jump (delta)',
};

/**
 * The PyNN cell of `spec.groups[g]`, or the reasons it has none (each with its spec path).
 *
 * @param spec - a validated network
 * @param g - the group's index
 * @returns the plan, or the issues
 */
export function cellPlan(spec: NetworkSpec, g: number): CellPlan | SpecIssue[] {
  const group = spec.groups[g]!;
  const path = `groups[${g}]`;
  if (group.kind === 'neuron') {
    return [{ path, message: `group "${group.name}" is a model written as equations, which no PyNN standard cell type is; PyNN would need it as a NineML or NESTML model of its own` }];
  }
  if (group.kind === 'poisson') {
    // A source of rate 0 whose spikes are given times is PyNN's SpikeSourceArray (its times are
    // written with the population, see toPyNN).
    const given = group.rate === 0 && spec.inputs.some((input) => input.kind === 'spikeTimes' && input.group === group.name);
    return { cellType: given ? 'SpikeSourceArray' : 'SpikeSourcePoisson', parameters: given ? [] : [['rate', group.rate]], currentScale: 0, receptors: new Map(), notes: [], synapticState: null };
  }
  const incoming = spec.projections.map((p, index) => ({ p, index })).filter(({ p }) => p.post === group.name);
  const issues: SpecIssue[] = [];
  const families = new Set<Family>();
  for (const { p, index } of incoming) {
    const family = familyOf(p);
    if (p.synapse.kind === 'postsynaptic') issues.push({ path: `projections[${index}].synapse`, message: `projection "${p.name}" is a synapse kind written as equations, which no PyNN standard synapse is` });
    else if (family === null) issues.push({ path: `projections[${index}].synapse`, message: `projection "${p.name}": a dual exponential with tauRise ≠ tauDecay has no PyNN standard synapse (IF_curr_alpha is the case tauRise = tauDecay)` });
    else if (p.synapse.kind === 'delta' && jumpedState(group, p.synapse.target) !== 0) {
      issues.push({ path: `projections[${index}].synapse.target`, message: `projection "${p.name}" jumps "${p.synapse.target}"; a PyNN cell's synapses jump its membrane potential only` });
    } else families.add(family);
  }
  if (issues.length > 0) return issues;
  if (families.size > 1) {
    return [{ path, message: `group "${group.name}" receives ${[...families].map((f) => FAMILY_WORDS[f]).join(' and ')} synapses; a PyNN cell type has one kind` }];
  }
  const family: Family = [...families][0] ?? (group.kind === 'izhikevich' ? 'jump' : group.kind === 'lif' ? 'current' : 'conductance');
  const cellType = CELLS[group.kind][family];
  if (cellType === undefined) {
    const takes = Object.keys(CELLS[group.kind]) as Family[];
    return [{ path, message: `group "${group.name}" (${group.kind}) receives ${FAMILY_WORDS[family]} synapses, but PyNN's ${group.kind} cell takes ${takes.map((f) => FAMILY_WORDS[f]).join(' or ')} only` }];
  }
  const unit = group.kind === 'lif' ? 1 : 1e-3;
  const weightScale = family === 'alpha' ? unit / Math.E : unit; // alpha: also × τ, below
  const receptors = new Map<number, Receptor>();
  const taus = { excitatory: [] as number[], inhibitory: [] as number[] };
  const reversals = { excitatory: [] as number[], inhibitory: [] as number[] };
  if (family === 'conductance') {
    // Two receptors at most, told apart by reversal potential and time constant.
    const kinds = [...new Map(incoming.map(({ p }) => [`${tauOf(p)},${(p.synapse as { E: number }).E}`, p])).values()];
    if (kinds.length > 2) {
      return [{ path, message: `group "${group.name}" receives conductances with ${kinds.length} different (tau, E) pairs; PyNN's ${cellType} has two receptors, excitatory and inhibitory` }];
    }
    const topE = Math.max(...kinds.map((p) => (p.synapse as { E: number }).E));
    for (const { p, index } of incoming) {
      if (gOf(p) < 0) issues.push({ path: `projections[${index}].synapse.g`, message: `projection "${p.name}": a negative conductance has no PyNN form (weights of conductance synapses are ≥ 0)` });
      const E = (p.synapse as { E: number }).E;
      const type = kinds.length === 2 && E !== topE ? 'inhibitory' : 'excitatory';
      receptors.set(index, { type, weightScale });
      taus[type].push(tauOf(p));
      reversals[type].push(E);
    }
  } else {
    // Current and jump receptors by sign: PyNN's excitatory weights are ≥ 0, inhibitory ≤ 0.
    for (const { p, index } of incoming) {
      const [low, high] = p.weight === undefined ? [gOf(p), gOf(p)] : weightSupport(p.weight, gOf(p));
      if (low < 0 && high > 0) {
        issues.push({ path: `projections[${index}].weight`, message: `projection "${p.name}": its weights take both signs; PyNN's receptors are excitatory (weights ≥ 0) or inhibitory (≤ 0)` });
        continue;
      }
      const type = high > 0 || low === 0 ? 'excitatory' : 'inhibitory';
      receptors.set(index, { type, weightScale: family === 'alpha' ? weightScale * tauOf(p) : weightScale });
      taus[type].push(tauOf(p));
    }
    if (family !== 'jump') {
      for (const type of ['excitatory', 'inhibitory'] as const) {
        const distinct = [...new Set(taus[type])];
        if (distinct.length > 1) {
          const names = incoming.filter(({ index }) => receptors.get(index)?.type === type).map(({ p }) => `"${p.name}"`);
          issues.push({ path, message: `group "${group.name}": its ${type} projections (${names.join(', ')}) have time constants ${distinct.join(' and ')} ms; PyNN's ${cellType} has one per receptor` });
        }
      }
    }
  }
  if (issues.length > 0) return issues;
  const synaptic = (type: 'excitatory' | 'inhibitory', fallback: number): number => taus[type][0] ?? fallback;
  const parameters: [string, number][] = [];
  const notes: string[] = [];
  const synapses = (): void => {
    if (family === 'jump') return;
    parameters.push(['tau_syn_E', synaptic('excitatory', 5)], ['tau_syn_I', synaptic('inhibitory', 5)]);
    if (family === 'conductance') parameters.push(['e_rev_E', reversals.excitatory[0] ?? 0], ['e_rev_I', reversals.inhibitory[0] ?? -70]);
  };
  switch (group.kind) {
    case 'lif':
      parameters.push(['tau_m', group.tau], ['cm', group.tau], ['v_rest', group.rest ?? 0], ['v_reset', group.reset], ['v_thresh', group.threshold], ['tau_refrac', group.refractory ?? 0]);
      break;
    case 'hh':
      notes.push("PyNN's HH_cond_exp counts a spike at each upward crossing of 10 mV (spikestream: of `threshold`, default -20 mV) and has no refractory period; the dynamics are the same Traub-Miles equations.");
      parameters.push(['cm', group.C / 1000], ['g_leak', group.gL / 1000], ['e_rev_leak', group.EL], ['gbar_Na', group.gNa / 1000], ['e_rev_Na', group.ENa], ['gbar_K', group.gK / 1000], ['e_rev_K', group.EK], ['v_offset', group.VT]);
      break;
    case 'adex': {
      // NEURON's AdEx mechanism integrates the exponential implicitly and loses the spike when V
      // must climb far above VT; there V diverges within a fraction of a step, so detecting the
      // spike at VT + 5 ΔT (Brette & Gerstner's own choice) moves it by less than that.
      const vSpike = Math.min(group.peak, group.VT + 5 * group.deltaT);
      if (vSpike < group.peak) notes.push(`spikes are detected at VT + 5 deltaT = ${vSpike} mV (spikestream: at peak = ${group.peak} mV), where NEURON's AdEx mechanism still integrates the exponential; V diverges there within a fraction of a step.`);
      parameters.push(['cm', group.C / 1000], ['tau_m', group.C / group.gL], ['v_rest', group.EL], ['v_thresh', group.VT], ['delta_T', group.deltaT], ['tau_w', group.tauw], ['a', group.a], ['b', group.b / 1000], ['v_reset', group.reset], ['v_spike', vSpike], ['tau_refrac', 0]);
      break;
    }
    case 'izhikevich':
      if ((group.peak ?? 30) !== 30) return [{ path: `${path}.peak`, message: `group "${group.name}": PyNN's Izhikevich cell spikes at 30 mV, not ${group.peak}` }];
      parameters.push(['a', group.a], ['b', group.b], ['c', group.c], ['d', group.d]);
      break;
  }
  synapses();
  const state = family === 'jump' ? null : family === 'conductance' ? { excitatory: 'gsyn_exc', inhibitory: 'gsyn_inh' } : { excitatory: 'isyn_exc', inhibitory: 'isyn_inh' };
  return { cellType, parameters, currentScale: unit, receptors, notes, synapticState: state };
}
