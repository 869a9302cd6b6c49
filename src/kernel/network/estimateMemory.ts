/**
 * How much memory a network's synapses and state will take, computed from the spec before
 * anything is allocated, so that a network that cannot fit is refused with numbers instead of
 * crashing the process half-way through the build.
 *
 * @example
 * ```ts
 * import { estimateMemory, formatBytes } from 'spikestream/kernel';
 * const estimate = estimateMemory(spec); // spec: a NetworkSpec
 * console.log(`${estimate.synapses} synapses, ${formatBytes(estimate.bytes)}`);
 * ```
 * @module
 */
import type { Initializer, NeuronGroupSpec } from '../../model/groupSpec.js';
import type { ProjectionSpec } from '../../model/projectionSpec.js';
import { checkedRuleOf, perSynapseField } from '../../model/ruleOf.js';
import { checkedModelOf, perNeuronParameters } from '../../model/modelOf.js';
import type { NetworkSpec } from '../../model/networkSpec.js';
import type { SpecIssue } from '../../model/specIssue.js';
import { wordsPerRow, type StorageRule, type SynapseStorage } from '../synapses/bitRows.js';
import { storesBits, synapsesOf } from '../synapses/connectivity.js';
import { fixedProbabilityCapacity, isProcedural } from '../synapses/fixedProbability.js';
import { sheetArea } from '../../model/positionsSpec.js';
import { distanceCapacity } from '../synapses/distanceRows.js';
import { indexArray } from '../synapses/csr.js';
import { delayStep, longestDelay, stepWidth } from '../synapses/synapseValues.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { drawsRandom } from './initialState.js';

/** The estimate for one projection. */
export interface ProjectionEstimate {
  /** The projection's name. */
  readonly name: string;
  /** Expected number of synapses. */
  readonly synapses: number;
  /**
   * Bytes per stored synapse: its index's (1, 2 or 4: the narrowest that holds the target
   * group's indices), or for bit rows a row's bytes over its expected synapses; 0 when procedural.
   */
  readonly bytesPerSynapse: number;
  /** Whether its synapses are stored as bit rows (see `storesBits`). */
  readonly bits: boolean;
  /** Bytes of its synapse arrays, with the build's headroom. */
  readonly bytes: number;
}

/** What {@link estimateMemory} returns. */
export interface MemoryEstimate {
  /** Expected number of synapses over all projections. */
  readonly synapses: number;
  /** Bytes of synapses and per-neuron state together. */
  readonly bytes: number;
  /** Per projection. */
  readonly projections: readonly ProjectionEstimate[];
}

/** Most elements one typed array may hold in V8 (and so most synapses one projection stores). */
export const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * Estimates the memory a network needs once built and instantiated: the expected synapse count
 * of each projection (`p` times the number of pairs it may connect) times the bytes of one
 * stored index, plus the headroom the build allocates (ten standard deviations), the row
 * pointers, and 8 bytes per neuron per state variable and per synaptic trace.
 *
 * @param spec - a validated network spec
 * @param dt - the time step, ms, which sets the length of the spike history kept for delays
 *   (default 0.1)
 * @param storage - how synapses are stored (default `'csr'`; `'auto'` resolves through
 *   `storageRule`)
 * @returns the expected synapse count and bytes
 */
export function estimateMemory(spec: NetworkSpec, dt = 0.1, storage: StorageRule = 'csr'): MemoryEstimate {
  const sizes = new Map(spec.groups.map((g) => [g.name as string, g.size as number]));
  let bytes = 0;
  // V and a spike slot per neuron; a neuron of a model (a user's, or a built-in kind's
  // definition: Izhikevich's u, Hodgkin–Huxley's gates) its other state variables, per-neuron
  // parameters and noise stream.
  for (const g of spec.groups) {
    bytes += (16 + neuronBytes(modelGroupOf(g))) * g.size;
  }
  const projections = spec.projections.map((p): ProjectionEstimate => {
    const rows = sizes.get(p.pre) ?? 0;
    const cols = sizes.get(p.post) ?? 0;
    const c = p.connectivity;
    const self = p.pre !== p.post || !('selfConnections' in c) || c.selfConnections !== false;
    const post = spec.groups.find((g) => g.name === p.post)?.positions;
    const area = post === undefined ? NaN : sheetArea(post);
    const synapses = synapsesOf(c, rows, cols, self, area);
    // Fixed probability: the headroom the build allocates.
    const capacity = c.kind === 'fixedProbability' ? Math.ceil(fixedProbabilityCapacity(rows, cols, c.p)) : c.kind === 'distance' ? Math.ceil(distanceCapacity(c, rows, cols, area)) : synapses;
    const procedural = isProcedural(c);
    // Values per synapse need an index per synapse: compressed rows.
    const bits = perSynapseField(p) === null && storesBits(c, rows, cols, self, storage, area);
    const wordBytes = 4 * rows * wordsPerRow(cols);
    const bytesPerSynapse = procedural ? 0 : bits ? wordBytes / Math.max(1, synapses) : indexArray(cols, 0).BYTES_PER_ELEMENT;
    // Procedural: no synapse stored; a row of scratch and empty row pointers. Then the traces.
    const projectionBytes = procedural ? 4 * (rows + 1) + 12 * cols : (bits ? wordBytes : capacity * bytesPerSynapse + 4 * (rows + 1)) + 8 * cols;
    // A delay keeps the pre group's last spikes: (delay steps + 2) × its size, 4 bytes each.
    bytes += projectionBytes + ((p.delay ?? 0) > 0 ? 4 * rows * (Math.round((p.delay ?? 0) / dt) + 2) : 0);
    // Procedural rows draw their weights and delays into scratch rows; delays keep their sums.
    const perSynapse = procedural ? (p.weight !== undefined ? 4 * cols : 0) + (p.delays !== undefined ? 8 * cols + delayedSumBytes(p.delays, cols, dt) : 0) : perSynapseBytes(p, capacity, rows, cols, dt);
    bytes += perSynapse;
    return { name: p.name, synapses, bytesPerSynapse, bits, bytes: projectionBytes + perSynapse };
  });
  return { synapses: projections.reduce((n, p) => n + p.synapses, 0), bytes, projections };
}

/**
 * A byte count for people: `1.5 GB`, `640 MB`, `12 kB` (powers of 1000, as `ls -h --si`).
 *
 * @param bytes - a number of bytes
 * @returns the count with a unit
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toPrecision(3)} ${units[unit]}`;
}

/**
 * What `'auto'` storage comes to for a spec: compressed sparse rows when the network fits in
 * `maxBytes` that way; else bit rows where they are smaller, when that fits (the seed network at
 * N = 100,000: 10 GB as compressed sparse rows, 1.25 GB as bit rows), which `memoryIssues`
 * refuses when it does not fit either. Other choices are kept.
 *
 * @example
 * ```ts
 * import { storageRule } from 'spikestream/kernel';
 * storageRule(spec, 8 * 2 ** 30, 'auto'); // 'csr' or 'smaller'
 * ```
 * @param spec - a validated network spec
 * @param maxBytes - the memory limit, bytes
 * @param storage - the build's `synapseStorage`
 * @param dt - the time step the network will run at, ms (default 0.1)
 * @returns the rule the build follows
 */
export function storageRule(spec: NetworkSpec, maxBytes: number, storage: SynapseStorage, dt = 0.1): StorageRule {
  if (storage !== 'auto') return storage;
  // When even that exceeds the limit, the refusal quotes the smallest estimate.
  return estimateMemory(spec, dt).bytes <= maxBytes ? 'csr' : 'smaller';
}

/**
 * Why a network would not fit, before anything is allocated: a projection with more synapses
 * than one array can hold, or an estimate above `maxBytes`. `buildNetwork` refuses such a
 * network with these issues; `spikestream validate` reports them.
 *
 * @param spec - a validated network spec
 * @param maxBytes - the memory limit, bytes
 * @param storage - the build's `synapseStorage` (default `'auto'`), or the rule it resolved to
 * @param dt - the time step the network will run at, ms (default 0.1): a delay keeps that many
 *   steps of spikes
 * @returns the issues (empty when the network fits)
 */
export function memoryIssues(spec: NetworkSpec, maxBytes: number, storage: SynapseStorage | StorageRule = 'auto', dt = 0.1): SpecIssue[] {
  const estimate = estimateMemory(spec, dt, storage === 'auto' ? storageRule(spec, maxBytes, storage, dt) : storage);
  const issues: SpecIssue[] = [];
  estimate.projections.forEach((p, i) => {
    if (p.bytesPerSynapse > 0 && !p.bits && p.synapses > MAX_ARRAY_LENGTH * 0.999) {
      issues.push({
        path: `projections[${i}].connectivity`,
        message: `about ${p.synapses.toExponential(2)} synapses; one projection can store at most ${MAX_ARRAY_LENGTH} (split the groups or lower p)`,
      });
    }
  });
  if (estimate.bytes > maxBytes) {
    const parts = estimate.projections.map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ');
    issues.push({
      path: 'projections',
      message:
        `the network would need about ${formatBytes(estimate.bytes)} (${estimate.synapses.toExponential(3)} synapses: ${parts}), ` +
        `more than the limit of ${formatBytes(maxBytes)}; use procedural connectivity (\`procedural: true\` on a fixedProbability ` +
        'projection, or --connectivity procedural), smaller groups or lower p, or raise the limit (maxBytes, or --max-memory)',
    });
  }
  return issues;
}

/**
 * Bytes a projection keeps per synapse and for its rule: weights (4 per synapse, and 8 more for
 * each kernel's copy, in doubles, when they learn), delays (4 per synapse in ms, 1, 2 or 4 more
 * in steps (`stepWidth`), and 8 per target per step of the longest delay for the delayed sums), a rule's traces (8 per neuron each) and the column index
 * of an `onPost` that changes synapses (8 per synapse).
 */
function perSynapseBytes(p: ProjectionSpec, capacity: number, rows: number, cols: number, dt: number): number {
  const rule = p.plasticity === undefined ? null : checkedRuleOf(p.plasticity);
  const model = rule !== null && 'model' in rule ? rule.model : null;
  let bytes = 0;
  if (p.weight !== undefined || p.plasticity !== undefined) bytes += (p.plasticity !== undefined ? 12 : 4) * capacity;
  if (p.delays !== undefined) bytes += (4 + stepWidth(delayStep(longestDelay(p.delays), dt))) * capacity + delayedSumBytes(p.delays, cols, dt);
  if (model !== null) {
    bytes += 8 * (rows * model.pre.states.length + cols * model.post.states.length + capacity * model.synapse.states.length);
    if (model.onPost.some((x) => x.per === 'synapse')) bytes += 8 * capacity + 4 * (cols + 1);
  }
  return bytes;
}

/** Bytes of a projection's delayed sums: 8 per target per step of its longest delay, and one. */
function delayedSumBytes(d: Initializer, cols: number, dt: number): number {
  return 8 * cols * (delayStep(longestDelay(d), dt) + 1);
}

/** Bytes per neuron of a model beyond V and its spike slot. */
function neuronBytes(g: NeuronGroupSpec): number {
  const checked = checkedModelOf(g);
  if ('issues' in checked) return 0;
  // A generator per neuron where the model draws (white noise, rand(), randn()).
  return 8 * (checked.model.states.length - 1) + 8 * perNeuronParameters(g).length + (drawsRandom(g) ? 16 : 0);
}
