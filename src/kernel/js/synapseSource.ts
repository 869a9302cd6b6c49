/**
 * Lowers what a projection keeps per synapse into the JavaScript step: weights in the scatter,
 * per-synapse delays through delayed sums, and a learning rule (a checked `SynapseModel`): its
 * traces' step, its variables per synapse and `onStep`, `onPre` for each presynaptic spike that
 * reaches the synapses, `onPost` for each postsynaptic spike.
 *
 * On several threads, thread t steps the postsynaptic traces of its own neurons, runs `onPre` on
 * its part of each row (the targets it owns) and `onPost` for its own neurons' spikes (every
 * synapse into them is its own), and keeps a copy of the presynaptic traces that it steps and
 * updates as every other thread does: so no two threads write the same weight or trace, and
 * the weights are those of one thread, bit for bit.
 *
 * The order within a step, after the neuron loops:
 *
 * ```text
 * 1. every rule's traces step once (exactly where linear with constant coefficients), then its
 *    variables per synapse, then its onStep statements for every synapse
 * 2. the scatter, projection by projection: for each spike, onPre (its statements on the
 *    presynaptic traces once, then per synapse in row order its statements on w and s)
 * 3. each projection with per-synapse delays adds this step's slot of delayed sums to its trace
 * 4. each rule's onPost, for each spike of the postsynaptic group (ascending), its synapses by
 *    ascending presynaptic neuron
 * ```
 *
 * So a pre spike at step k1 and a post spike at step k2 see each other's traces decayed
 * k2 − k1 steps, Brian2's exp(−(t2 − t1)/τ) of its event-driven traces, and `onPre` runs before
 * `onPost` in a step, as Brian2's pathways do. Statements on the spiking side's traces are
 * written once per spike, each as a new constant; a per-synapse statement reads the constant
 * that was current where it stands (see `synapseModel`). No text of the spec reaches the code:
 * traces become `PR<p>_<k>`/`PO<p>_<k>` arrays and `y<k>_<n>` locals, variables per synapse
 * `SV<p>_<k>` arrays and `u<k>` locals, parameters and `dt` literals. A blow-up of a weight, trace
 * or variable is recorded and ends the run after its step, on one thread as on several.
 *
 * @example
 * ```ts
 * import { ruleDeclarations } from './synapseSource.js';
 * ruleDeclarations(built, 0); // ['const W0 = S.projections[0].w;', …]
 * ```
 * @module
 */
import type { Expr } from '../../model/expr/expr.js';
import { linearIn, mentions } from '../../model/expr/linearIn.js';
import type { RuleStatement, SynapseModel, Traces } from '../../model/expr/synapseModel.js';
import { constantRate, fold } from '../../model/expr/fold.js';
import { ruleOf, ruleValues } from '../../model/ruleOf.js';
import type { BuiltNetwork, BuiltProjection } from '../network/builtNetwork.js';
import { lower } from './neuronSource.js';

/** A number as a JavaScript literal that reads back to the same double. */
const lit = (x: number): string => (Object.is(x, -0) ? '(-0)' : `(${String(x)})`);

/** Whether a projection's scatter goes through this file (a weight, a delay or a rule per synapse). */
export function scattersPerSynapse(p: BuiltProjection): boolean {
  return p.weights !== null || p.delays !== null || p.rowWeights !== null || p.rowDelays !== null;
}

/**
 * Where the failure codes of rules start: the groups' codes (group + groups · variable) stay
 * below it, and threads mark "no failure" with −1.
 */
export const RULE_CODES = 2 ** 24;

/**
 * The failure code of a rule's variable k (0: `w`, then the presynaptic traces, the
 * postsynaptic ones, the variables per synapse) in projection pi of P.
 */
export function ruleFailureCode(pi: number, k: number, projections: number): number {
  return RULE_CODES + pi + projections * k;
}

/**
 * A rule's failure code's projection and variable (see {@link ruleFailureCode}).
 *
 * @param net - the built network
 * @param code - the code a kernel reported (at least {@link RULE_CODES})
 * @returns the projection's index, the variable's name, and whether it is one per synapse
 */
export function failedRuleVariable(net: BuiltNetwork, code: number): { projection: number; variable: string; perSynapse: boolean } {
  const q = code - RULE_CODES;
  const P = net.projections.length;
  const pi = q % P;
  const k = Math.floor(q / P);
  const rule = ruleOf(net.projections[pi]!.spec);
  const traces = [...(rule?.pre.states ?? []), ...(rule?.post.states ?? [])];
  const names = ['w', ...traces, ...(rule?.synapse.states ?? [])];
  return { projection: pi, variable: names[k] ?? 'w', perSynapse: k === 0 || k > traces.length };
}

/**
 * The declarations, before the step loop, of a projection's per-synapse arrays and rule.
 *
 * @param net - the built network
 * @param pi - the projection
 * @returns lines of code
 */
export function ruleDeclarations(net: BuiltNetwork, pi: number, threaded = false): string[] {
  const p = net.projections[pi]!;
  const out: string[] = [];
  const at = `S.projections[${pi}]`;
  if (p.weights !== null || p.rowWeights !== null) out.push(`const W${pi} = ${at}.w;`);
  if (p.rowWeights !== null) out.push(`const WR${pi} = ${at}.rowWeights;`);
  if (p.delays !== null || p.rowDelays !== null) out.push(`const DL${pi} = ${at}.delay, DQ${pi} = ${at}.pending, DS${pi} = ${at}.slots;`);
  if (p.rowDelays !== null) out.push(`const DR${pi} = ${at}.rowDelays;`);
  const rule = ruleOf(p.spec);
  if (rule === null) return out;
  // With threads, each thread steps a copy of the presynaptic traces of its own: every copy takes
  // the same spikes in the same order, so all hold the same values, and no thread waits.
  rule.pre.states.forEach((_, k) => out.push(`const PR${pi}_${k} = ${threaded ? `S.preCopy[${pi}]` : `${at}.pre`}[${k}];`));
  rule.post.states.forEach((_, k) => out.push(`const PO${pi}_${k} = ${at}.post[${k}];`));
  rule.synapse.states.forEach((_, k) => out.push(`const SV${pi}_${k} = ${at}.syn[${k}];`));
  if (p.columns !== null) out.push(`const CP${pi} = ${at}.columns.colPtr, CS${pi} = ${at}.columns.synapse, CR${pi} = ${at}.columns.pre;`);
  return out;
}

/** The values a rule's expressions fold into literals: its parameters and `dt`. */
function ruleConstants(p: BuiltProjection, dt: number): Map<string, number> {
  return new Map([...ruleValues(p.spec.plasticity!).parameters, ['dt', dt]]);
}

/** The names every expression of a rule reads: its modulators, from their inputs' slots. */
function modulatorNames(net: BuiltNetwork, pi: number, rule: SynapseModel): Map<string, string> {
  const names = new Map<string, string>();
  const name = net.projections[pi]!.spec.name;
  for (const m of rule.modulators) {
    const k = net.spec.inputs.findIndex((x) => x.kind === 'modulator' && x.projection === name && x.modulator === m);
    names.set(m, k >= 0 ? `X${k}[0]` : '0');
  }
  return names;
}

/**
 * The lines that step every trace of a projection's rule, once per step, from the values at
 * the start of the step; a trace that is not finite after it stops the run.
 *
 * @param net - the built network
 * @param pi - the projection
 * @param dt - the time step, ms
 * @returns lines of code
 */
export function traceSteps(net: BuiltNetwork, pi: number, dt: number, postRange?: readonly [number, number], threaded = false): string[] {
  const p = net.projections[pi]!;
  const rule = ruleOf(p.spec);
  if (rule === null) return [];
  const constants = ruleConstants(p, dt);
  const out: string[] = [];
  const P = net.projections.length;
  const side = (traces: Traces, array: string, [lo, hi]: readonly [number, number], first: number): void => {
    if (traces.states.length === 0) return;
    const names = modulatorNames(net, pi, rule);
    traces.states.forEach((s, k) => names.set(s, `y${k}`));
    out.push(`    for (let i = ${lo}; i < ${hi}; i++) {`);
    out.push(`      const ${traces.states.map((_, k) => `y${k} = ${array}_${k}[i]`).join(', ')};`);
    traces.states.forEach((s, k) => {
      const next = stepOf(traces.derivatives[k]!, s, `y${k}`, names, constants, dt);
      out.push(`      const z${k} = ${next};`);
      out.push(`      if (!(z${k} > -Infinity && z${k} < Infinity)) ${failLine(ruleFailureCode(pi, first + k, P), 'i', `z${k}`, threaded)}`);
    });
    traces.states.forEach((_, k) => out.push(`      ${array}_${k}[i] = z${k};`));
    out.push('    }');
  };
  // Each thread: all of its copy of the presynaptic traces, its own postsynaptic neurons' traces.
  side(rule.pre, `PR${pi}`, [0, net.groups[p.pre]!.size], 1);
  side(rule.post, `PO${pi}`, postRange ?? [0, net.groups[p.post]!.size], 1 + rule.pre.states.length);
  return out;
}

/**
 * The lines that step a rule's variables per synapse and run its `onStep`, for every synapse
 * this thread owns (each row's part from `rowRange`, or all synapses in order on one thread):
 * every variable from the values at the start of the step, then the statements.
 *
 * @param net - the built network
 * @param pi - the projection
 * @param dt - the time step, ms
 * @param rowRange - with threads, the first and past-the-last synapse of row `pre` that this thread owns
 * @returns lines of code (none without variables per synapse or `onStep`)
 */
export function synapseSteps(net: BuiltNetwork, pi: number, dt: number, rowRange: ((pre: string) => readonly [string, string]) | null): string[] {
  const p = net.projections[pi]!;
  const rule = ruleOf(p.spec);
  if (rule === null || (rule.synapse.states.length === 0 && rule.onStep.length === 0)) return [];
  const constants = ruleConstants(p, dt);
  const P = net.projections.length;
  const threaded = rowRange !== null;
  const first = 1 + rule.pre.states.length + rule.post.states.length;
  const names = modulatorNames(net, pi, rule);
  names.set('w', 'w');
  rule.synapse.states.forEach((v, k) => names.set(v, `y${k}`));
  const body: string[] = [];
  rule.synapse.states.forEach((_, k) => body.push(`const y${k} = SV${pi}_${k}[j];`));
  body.push(`let w = W${pi}[j];`);
  rule.synapse.states.forEach((v, k) => {
    body.push(`const z${k} = ${stepOf(rule.synapse.derivatives[k]!, v, `y${k}`, names, constants, dt)};`);
  });
  rule.synapse.states.forEach((_, k) => body.push(`SV${pi}_${k}[j] = z${k};`));
  // onStep reads the variables as stepped (u<k>), and writes them back.
  const stepped = new Map(names);
  rule.synapse.states.forEach((v, k) => stepped.set(v, `z${k}`));
  const fail = (x: string, k: number): string => failLine(ruleFailureCode(pi, k, P), 'j', x, threaded);
  // onStep's statements start from the values just stepped.
  const code = spikeCode(rule.onStep, { states: [], array: '', index: '' }, stepped, constants, '', fail, { states: rule.synapse.states, array: `SV${pi}`, first, load: (k) => `z${k}` });
  body.push(...code.perSynapse);
  rule.synapse.states.forEach((_, k) => body.push(`if (!(z${k} > -Infinity && z${k} < Infinity)) ${fail(`z${k}`, first + k)}`));
  if (rule.onStep.some((st) => st.target === 'w')) body.push(`W${pi}[j] = w;`);
  const out = [`    // ${JSON.stringify(p.spec.name)}: variables per synapse, onStep`];
  if (rowRange === null) {
    out.push(`    for (let j = 0, e = W${pi}.length; j < e; j++) {`, ...body.map((l) => `      ${l}`), '    }');
  } else {
    const [start, end] = rowRange('pre');
    out.push(`    for (let pre = 0; pre < ${net.groups[p.pre]!.size}; pre++) {`, `      for (let j = ${start}, e = ${end}; j < e; j++) {`, ...body.map((l) => `        ${l}`), '      }', '    }');
  }
  return out;
}

/** The code of one step of `dx/dt = f`: exact where f = (a + b·x)/d with b and d constant, else Euler. */
function stepOf(f: Expr, x: string, local: string, names: ReadonlyMap<string, string>, constants: ReadonlyMap<string, number>, dt: number): string {
  const parts = linearIn(f, x);
  const rate = parts === null ? null : constantRate(parts, constants, dt);
  if (parts !== null && rate !== null) {
    const factor = lit(Math.exp(rate.rate));
    if (parts.a === null) return `${local} * ${factor}`;
    // The value x relaxes to: −a/b (the divisors cancel), constant or not.
    const a = fold(parts.a, constants);
    const target = a !== null ? lit(-a / rate.b) : `(-${lower(parts.a, names, constants)} / ${lit(rate.b)})`;
    return `${target} + (${local} - ${target}) * ${factor}`;
  }
  return `${local} + ${lit(dt)} * ${lower(f, names, constants)}`;
}

/**
 * The code that records a rule's blow-up and lets the step finish: the run then stops after it
 * (`ruleFailed`, see kernelSource), on one thread as on several (where the next barrier stops
 * every thread, or the run's end reports it).
 */
function failLine(code: number, index: string, x: string, threaded: boolean): string {
  return threaded ? `S.fail(${code}, ${index}, step, ${x}, k + 1);` : `{ S.fail(${code}, ${index}, step, ${x}); ruleFailed = true; }`;
}

/** What a scatter's lines need from the step around them. */
export interface ScatterContext {
  /** The array a spike adds to: the trace `s<p>`, or a dual exponential's rise `h<p>`. */
  readonly target: string;
  /** The first and one-past-the-last synapse of this thread's part of the row. */
  readonly start: string;
  readonly end: string;
  /** Whether the kernel runs on several threads. */
  readonly threaded?: boolean;
  /** The time step, ms (a rule's `dt`). */
  readonly dt: number;
}

/**
 * The lines that scatter the spike of presynaptic neuron `pre` (a local of the step) through a
 * projection with per-synapse values: weights, into delayed sums, or through its rule's `onPre`.
 *
 * @param net - the built network
 * @param pi - the projection
 * @param context - the target array and the row's range
 * @returns lines of code
 */
export function synapseScatter(net: BuiltNetwork, pi: number, context: ScatterContext): string[] {
  const p = net.projections[pi]!;
  const { target: t, start, end } = context;
  const rule = ruleOf(p.spec);
  if (rule !== null) return onPreLines(net, pi, rule, context);
  const w = (j: string): string => (p.weights !== null || p.rowWeights !== null ? `W${pi}[${j}]` : '1');
  if (p.delays !== null || p.rowDelays !== null) {
    // Into the slot of the step it arrives at: the trace gets it after that step's scatter.
    const cols = net.groups[p.post]!.size;
    return [`      for (let j = ${start}, e = ${end}; j < e; j++) DQ${pi}[((step + DL${pi}[j]) % DS${pi}) * ${cols} + ci${pi}[j]] += ${w('j')};`];
  }
  // Four at a time, their indices and weights loaded before any trace is touched (as the
  // scatter of shared weights does).
  return [
    `      let j${pi} = ${start}; const e${pi} = ${end};`,
    `      for (; j${pi} + 3 < e${pi}; j${pi} += 4) {`,
    `        const a = ci${pi}[j${pi}], b = ci${pi}[j${pi} + 1], c = ci${pi}[j${pi} + 2], d = ci${pi}[j${pi} + 3];`,
    `        const wa = ${w(`j${pi}`)}, wb = ${w(`j${pi} + 1`)}, wc = ${w(`j${pi} + 2`)}, wd = ${w(`j${pi} + 3`)};`,
    `        ${t}[a] += wa; ${t}[b] += wb; ${t}[c] += wc; ${t}[d] += wd;`,
    '      }',
    `      for (; j${pi} < e${pi}; j${pi}++) ${t}[ci${pi}[j${pi}]] += ${w(`j${pi}`)};`,
  ];
}

/**
 * The lines that add this step's slot of a projection's delayed sums to its trace, for the
 * targets `[lo, hi)`, and empty the slot.
 *
 * @param net - the built network
 * @param pi - the projection
 * @param target - the array the sums go to
 * @param range - this thread's targets
 * @returns lines of code (none without per-synapse delays)
 */
export function delayedArrivals(net: BuiltNetwork, pi: number, target: string, [lo, hi]: readonly [number, number]): string[] {
  const p = net.projections[pi]!;
  if (p.delays === null && p.rowDelays === null) return [];
  const cols = net.groups[p.post]!.size;
  return [
    `    { const o = (step % DS${pi}) * ${cols};`,
    `      for (let i = ${lo}; i < ${hi}; i++) { ${target}[i] += DQ${pi}[o + i]; DQ${pi}[o + i] = 0; } }`,
  ];
}

/** The code of a rule's statements for one spike: the spiking side once, then per synapse. */
interface SpikeCode {
  readonly once: string[];
  readonly perSynapse: string[];
  readonly store: string[];
}

/**
 * Lowers the statements of `onPre` or `onPost` for one spike: the spiking side's statements as
 * constants, once; each per-synapse statement with the constants current where it stands.
 */
function spikeCode(
  statements: readonly RuleStatement[],
  own: { states: readonly string[]; array: string; index: string },
  perSynapseNames: ReadonlyMap<string, string>,
  constants: ReadonlyMap<string, number>,
  t: string,
  fail: (x: string, k: number) => string,
  synapse: { states: readonly string[]; array: string; first: number; load?: (k: number) => string } = { states: [], array: '', first: 0 },
): SpikeCode {
  const once: string[] = [];
  const perSynapse: string[] = [];
  // The synapse's own variables as locals u0, u1, … (read, or written, by a statement).
  const synNames = new Map(perSynapseNames);
  const used = synapse.states.map((v) => statements.some((st) => st.per === 'synapse' && (st.target === v || mentions(st.value, v))));
  synapse.states.forEach((v, k) => {
    if (!used[k]) return;
    synNames.set(v, `u${k}`);
    perSynapse.push(`let u${k} = ${synapse.load?.(k) ?? `${synapse.array}_${k}[j]`};`);
  });
  const current = new Map<string, string>();
  const versions = own.states.map(() => 0);
  own.states.forEach((s, k) => {
    current.set(s, `y${k}_0`);
    once.push(`const y${k}_0 = ${own.array}_${k}[${own.index}];`);
  });
  const apply = (x: string, op: RuleStatement['op'], value: string): string => (op === '=' ? value : `${x} ${op[0]} ${value}`);
  for (const st of statements) {
    if (st.per === 'neuron') {
      const k = own.states.indexOf(st.target);
      const before = current.get(st.target)!;
      const value = lower(st.value, new Map([...perSynapseNames, ...current]), constants);
      const next = `y${k}_${++versions[k]!}`;
      once.push(`const ${next} = ${apply(before, st.op, `(${value})`)};`);
      current.set(st.target, next);
      continue;
    }
    const value = lower(st.value, new Map([...synNames, ...current]), constants);
    if (st.target === 's') perSynapse.push(`${t}[a] += ${value};`);
    else if (st.target === 'w') perSynapse.push(`w = ${apply('w', st.op, `(${value})`)};`);
    else {
      const u = `u${synapse.states.indexOf(st.target)}`;
      perSynapse.push(`${u} = ${apply(u, st.op, `(${value})`)};`);
    }
  }
  if (statements.some((st) => st.per === 'synapse' && st.target === 'w')) {
    perSynapse.push(`if (!(w > -Infinity && w < Infinity)) ${fail('w', 0)}`);
  }
  synapse.states.forEach((v, k) => {
    if (!statements.some((st) => st.target === v)) return;
    perSynapse.push(`if (!(u${k} > -Infinity && u${k} < Infinity)) ${fail(`u${k}`, synapse.first + k)}`);
    perSynapse.push(`${synapse.array}_${k}[j] = u${k};`);
  });
  const store = own.states.flatMap((_, k) => (versions[k]! > 0 ? [`${own.array}_${k}[${own.index}] = y${k}_${versions[k]};`] : []));
  return { once, perSynapse, store };
}

/**
 * The code of `onPre` (side `'pre'`) or `onPost` for one spike of projection pi: the other
 * side's traces read at the synapse's neuron (`other`, the local holding its index).
 */
function sideCode(net: BuiltNetwork, pi: number, rule: SynapseModel, side: 'pre' | 'post', other: string, target: string, threaded: boolean, dt: number): SpikeCode {
  const p = net.projections[pi]!;
  const names = modulatorNames(net, pi, rule);
  names.set('w', 'w');
  const [own, theirs, ownArray, theirArray] = side === 'pre' ? [rule.pre, rule.post, `PR${pi}`, `PO${pi}`] : [rule.post, rule.pre, `PO${pi}`, `PR${pi}`];
  theirs.states.forEach((s, k) => names.set(s, `${theirArray}_${k}[${other}]`));
  const P = net.projections.length;
  const fail = (x: string, k: number): string => failLine(ruleFailureCode(pi, k, P), 'j', x, threaded);
  const statements = side === 'pre' ? rule.onPre : rule.onPost;
  const synapse = { states: rule.synapse.states, array: `SV${pi}`, first: 1 + rule.pre.states.length + rule.post.states.length };
  return spikeCode(statements, { states: own.states, array: ownArray, index: side }, names, ruleConstants(p, dt), target, fail, synapse);
}

/** `onPre` for the spike of `pre`: its range of the row, the rule's statements. */
function onPreLines(net: BuiltNetwork, pi: number, rule: SynapseModel, context: ScatterContext): string[] {
  const { target: t, start, end } = context;
  const threaded = context.threaded ?? false;
  const code = sideCode(net, pi, rule, 'pre', 'a', t, threaded, context.dt);
  const writes = rule.learns && rule.onPre.some((x) => x.target === 'w');
  return [
    '      {',
    ...code.once.map((l) => `        ${l}`),
    `        for (let j = ${start}, e = ${end}; j < e; j++) {`,
    `          const a = ci${pi}[j]; let w = W${pi}[j];`,
    ...code.perSynapse.map((l) => `          ${l}`),
    ...(writes ? [`          W${pi}[j] = w;`] : []),
    '        }',
    ...code.store.map((l) => `        ${l}`),
    '      }',
  ];
}

/**
 * The lines of a rule's `onPost` for this step's spikes of the postsynaptic group, `R[from..to)`.
 *
 * @param net - the built network
 * @param pi - the projection
 * @param spikes - the post group's spike list, and the bounds of this step's
 * @returns lines of code (none without `onPost`)
 */
export function onPostLines(net: BuiltNetwork, pi: number, spikes: { list: string; from: string; to: string }, dt: number, threaded = false): string[] {
  const p = net.projections[pi]!;
  const rule = ruleOf(p.spec);
  if (rule === null || rule.onPost.length === 0) return [];
  const code = sideCode(net, pi, rule, 'post', 'ip', '', threaded, dt);
  const lines = [`    // onPost of ${JSON.stringify(p.spec.name)}`, `    for (let q = ${spikes.from}, m = ${spikes.to}; q < m; q++) {`, `      const post = ${spikes.list}[q];`];
  lines.push(...code.once.map((l) => `      ${l}`));
  if (code.perSynapse.length > 0) {
    // First a pass that only reads the column's weights: they lie all over the projection's
    // weights, and these independent loads fetch their lines in parallel, where the update below
    // (a load and a store each) waits for each in turn. The seed network's E→E STDP took about
    // two thirds of the time with it (scratch measurement; npm run bench:stdp measures the whole).
    lines.push(`      for (let c = CP${pi}[post], ce = CP${pi}[post + 1]; c < ce; c++) sink += W${pi}[CS${pi}[c]];`);
    lines.push(`      for (let c = CP${pi}[post], ce = CP${pi}[post + 1]; c < ce; c++) {`);
    lines.push(`        const j = CS${pi}[c], ip = CR${pi}[c]; let w = W${pi}[j];`);
    lines.push(...code.perSynapse.map((l) => `        ${l}`));
    if (rule.onPost.some((x) => x.target === 'w')) lines.push(`        W${pi}[j] = w;`);
    lines.push('      }');
  }
  lines.push(...code.store.map((l) => `      ${l}`));
  lines.push('    }');
  return lines;
}
