/**
 * Generates the fused step function of one network, as JavaScript source.
 *
 * Like Brian2's code generation, the step is written out for the network it runs: sizes, time
 * constants, weights and constant inputs become literals, every group and projection gets its
 * own loop over its own typed arrays, so V8 sees small monomorphic loops and hoists nothing at
 * run time. The arithmetic, which the tests' reference implementation repeats exactly, is:
 *
 * ```text
 * for each step:
 *   for each group, for each neuron i:
 *     I = rest            (LIF groups with a resting potential other than 0)
 *         + Σ_p g_p·s_p[i]  (projections into the group, in declaration order)
 *         + Σ_k x_k[i]    (inputs into the group, in declaration order)
 *     s_p[i] = s_p[i] · (1 − dt/τ_p)          (decay of each trace, read first)
 *     V = V + (I − V) · (dt/τ)                 (forward Euler)
 *     if V ≥ threshold: spike, V = reset
 *   for each projection, for each spike of its pre group (ascending), for each target
 *   (ascending): s_p[target] += 1
 * ```
 *
 * This is the step order of BrainPy 1.x in the Tian et al. 2020 notebook: the decay, read and
 * spike increments of `s` are the notebook's phase 3, moved into the group loop (the decay) and
 * after it (the increments), which gives the same numbers with one pass less over `s`.
 *
 * With threads (`part`), thread t of T updates its own contiguous range of every group's neurons
 * and scatters only into targets in its own ranges: each row of synapses is cut, once, where its
 * targets pass from one thread's range to the next. One barrier per step separates the neuron
 * loops (which write each thread's spikes) from the scatter (which reads every thread's spikes).
 * No barrier is needed after the scatter: a thread's next neuron loop reads only traces that it
 * alone increments. Every trace receives the same additions of 1 as with one thread, so the
 * spikes are identical, bit for bit, whatever the number of threads. Threads in WebAssembly do
 * the same inside the module (`wasmDriver`): their step is one call per run.
 *
 * @example
 * ```ts
 * import { buildNetwork, kernelSource } from 'spikestream/kernel';
 * console.log(kernelSource(buildNetwork(spec), 0.1)); // the code that will run
 * ```
 * @module
 */
import { isBitRows } from '../synapses/bitRows.js';
import { delayBuckets, type DelayBucket } from '../network/delayBuckets.js';
import { KERNEL_MATH_SOURCE } from '../numeric/kernelFunctions.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { takesValues } from '../../model/inputSpec.js';
import { POISSON_BUCKET_BITS, poissonCdf, poissonStarts } from '../numeric/poissonCdf.js';
import { countsRefractory, refractoryPeriod } from '../../model/refractoryPeriod.js';
import { UNIFORM_SCALE, xoshiroStepSource } from '../numeric/random.js';
import { neuronDeclarations, neuronLoopBody, type StateJump } from './neuronSource.js';
import { groupInput } from '../program/groupInput.js';
import { projectionTraces } from '../../model/library/synapseTraces.js';
import { delayedArrivals, onPostLines, ruleDeclarations, scattersPerSynapse, synapseScatter, synapseSteps, traceSteps } from './synapseSource.js';
import { parameterInputs } from '../../model/modelOf.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { probedState, projectionVariables } from '../../model/probedState.js';
import { THREAD_TIMEOUT_MS } from '../threads/threadRuntime.js';
import { ARRIVALS_FUNCTION, DRIVER_FUNCTION, DRIVER_PEER_FAILED, DRIVER_TIMED_OUT, failureDecodeSource, neuronFunction, neuronTakesStep, scatterName } from '../wasm/abi.js';
import { threadsIneligibility } from '../wasm/wasmIneligibility.js';
import { scatteredByModule, sumsInModule } from '../wasm/moduleScatter.js';
import { threadRange } from '../threads/threadBalance.js';

/**
 * Which part of the network a generated step function computes: thread `thread` of `threads`.
 */
export interface KernelPart {
  readonly thread: number;
  readonly threads: number;
  /**
   * The neuron loops and the scatter run in WebAssembly (`S.wasm.exports`: `g<i>`, `x<i>`;
   * see wasmKernel): this code calls them, and keeps the rest (inputs, probes, spike record).
   */
  readonly wasm?: boolean;
}


/** A number as a JavaScript literal that reads back to the same double. */
function lit(x: number): string {
  return `(${String(x)})`;
}

/**
 * Writes the body of the factory `(S, C) => run`, where `S` is the kernel state and `C` the
 * connectivity, for `net` at time step `dt`.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param part - the thread this code runs on, when the kernel runs on several (default: the only one)
 * @returns JavaScript source
 */
export function kernelSource(net: BuiltNetwork, dt: number, part: KernelPart = { thread: 0, threads: 1 }): string {
  const { thread, threads } = part;
  const wasm = part.wasm === true;
  const threaded = threads > 1;
  // Arrays are read into locals of `run` on every call: closure variables live in a context
  // object that V8 reloads inside the loops, locals stay in registers.
  const out: string[] = ['"use strict";', 'return function run(n) {'];
  // Constant tables, made once per kernel before `run` (the factory's body), read into locals.
  const tables: string[] = [];
  const groups = net.groups;
  const inputs = net.spec.inputs;
  const probes = net.spec.probes ?? [];
  // Threads in WebAssembly run the module's own step loop (see wasmDriver).
  if (wasm && threaded) return drivenSource();
  const range = groups.map((g) => threadRange(g.size, thread, threads));

  // Steps a neuron is held after a spike, per group (0: no refractory period).
  const held = groups.map((g) => Math.round(refractoryPeriod(g) / dt));
  // Per group, the slots of its ring of past spikes for delayed projections (none without delays).
  const slots = groups.map((_, gi) => ringSlots(net, dt, gi));
  const rangeOf = (gi: number, u: number): number => {
    const [a, b] = threadRange(groups[gi]!.size, u, threads);
    return b - a;
  };
  if (wasm) out.push('const W = S.wasm.exports;');
  // The transcendental functions of models and of learning rules: spikestream's own, which the
  // WebAssembly kernel repeats (see kernelFunctions).
  tables.push(KERNEL_MATH_SOURCE);
  groups.forEach((g, gi) => {
    out.push(`const V${gi} = S.groups[${gi}].V, P${gi} = S.groups[${gi}].stepPtr; let R${gi} = S.groups[${gi}].spikes;`);
    // Byte addresses of the spike lists the WebAssembly functions write and read (fixed buffers).
    if (wasm) out.push(`const WS${gi} = S.wasm.scratch[${gi}], WB${gi} = WS${gi}.byteOffset;`);
    if (countsRefractory(g)) out.push(`const H${gi} = S.groups[${gi}].held;`);
    out.push(...neuronDeclarations(modelGroupOf(g), gi));
    if (slots[gi]! > 0) {
      out.push(`const RG${gi} = S.groups[${gi}].ring, RC${gi} = S.groups[${gi}].ringN;`);
      if (threaded) for (let u = 0; u < threads; u++) out.push(`const RG${gi}_${u} = S.threads[${u}][${gi}].ring, RC${gi}_${u} = S.threads[${u}][${gi}].ringN;`);
    }
    if (threaded) {
      for (let u = 0; u < threads; u++) out.push(`const P${gi}_${u} = S.threads[${u}][${gi}].stepPtr, R${gi}_${u} = S.threads[${u}][${gi}].spikes;`);
    }
  });
  net.projections.forEach((p, pi) => {
    if (p.procedural !== null) {
      if (threaded) throw new RangeError(`kernelSource: ${threadsIneligibility(net, threads, 'js')}`);
      // Row generator and a scratch row: the synapses of each spike are drawn again here.
      out.push(`const s${pi} = S.projections[${pi}].s, row${pi} = S.projections[${pi}].row, ci${pi} = S.projections[${pi}].scratch;`);
      if (projectionTraces(net.spec, pi).variables.length > 1) out.push(`const h${pi} = S.projections[${pi}].h;`);
      out.push(...ruleDeclarations(net, pi, threaded));
      return;
    }
    if (isBitRows(p.synapses)) out.push(`const s${pi} = S.projections[${pi}].s, wr${pi} = C[${pi}].words;`);
    else out.push(`const s${pi} = S.projections[${pi}].s, rp${pi} = C[${pi}].rowPtr, ci${pi} = C[${pi}].col;`);
    if (projectionTraces(net.spec, pi).variables.length > 1) out.push(`const h${pi} = S.projections[${pi}].h;`);
    if (threaded && !isBitRows(p.synapses)) out.push(`const cut${pi} = S.cuts[${pi}];`);
    out.push(...ruleDeclarations(net, pi, threaded));
  });
  inputs.forEach((input, k) => {
    if (takesValues(input)) out.push(`const X${k} = S.inputs[${k}];`);
    // A timed input: its change steps and values, and [next change, current value] per thread.
    if (input.kind === 'timed' || input.kind === 'spikeTimes') out.push(`const TS${k} = S.timed[${k}].steps, TV${k} = S.timed[${k}].values, T${k} = S.timed[${k}].now;`);
    if (input.kind === 'poisson') out.push(`const PI${k} = S.poissonIn[${k}], PC${k} = PC${k}_, PS${k} = PS${k}_;`);
  });
  probes.forEach((probe, r) => {
    const gi = net.groupIndex.get(probe.target);
    // A model's state variable k > 0 is NV<g>_<k> (see neuronSource); V and s otherwise.
    const pi = net.projections.findIndex((p) => p.spec.name === probe.target);
    const k = gi === undefined ? projectionVariables(net.projections[pi]!.spec, groups[net.projections[pi]!.post]).get(probe.variable)! : probedState(groups[gi]!, probe.variable);
    const source = gi === undefined ? `${k === 0 ? 's' : 'h'}${pi}` : k === 0 ? `V${gi}` : `NV${gi}_${k}`;
    out.push(`const Q${r} = S.probes[${r}].indices, B${r} = S.probes[${r}].values, A${r} = ${source};`);
  });

  out.push('  let step = S.step;');
  if (!threaded && net.projections.some((p) => p.spec.plasticity !== undefined)) out.push('  let ruleFailed = false;');
  // What onPost's first pass reads (see synapseSource), kept so that no compiler drops it.
  const sinks = net.projections.some((p) => p.columns !== null);
  if (sinks) out.push('  let sink = 0;');
  groups.forEach((_, gi) => out.push(`  let n${gi} = 0; P${gi}[0] = 0;`));
  out.push('  for (let k = 0; k < n; k++, step++) {');
  if (!threaded) {
    groups.forEach((g, gi) => {
      // Room for every neuron to spike this step; grows (rarely) outside the neuron loop.
      out.push(`    if (n${gi} + ${g.size} > R${gi}.length) R${gi} = S.grow(${gi}, n${gi} + ${g.size});`);
    });
  }
  inputs.forEach((input, k) => {
    if (input.kind !== 'timed') return;
    out.push(`    while (T${k}[0] < TS${k}.length && step >= TS${k}[T${k}[0]]) T${k}[1] = TV${k}[T${k}[0]++];`);
    out.push(`    const tv${k} = T${k}[1];`);
  });
  probes.forEach((probe, r) => {
    const width = probe.indices.length;
    if (!threaded) {
      out.push(`    for (let j = 0, o = k * ${width}; j < ${width}; j++) B${r}[o + j] = A${r}[Q${r}[j]];`);
      return;
    }
    // Each thread samples the neurons it owns: only their values are final at this point.
    const gi = net.groupIndex.get(probe.target) ?? net.projections.find((p) => p.spec.name === probe.target)!.post;
    const [lo, hi] = range[gi]!;
    out.push(`    for (let j = 0, o = k * ${width}; j < ${width}; j++) { const q = Q${r}[j]; if (q >= ${lo} && q < ${hi}) B${r}[o + j] = A${r}[q]; }`);
  });

  /**
   * Merges the spikes injected into group gi (spike inputs, this thread's range of them) with
   * its own of this step, in the first step of a run: the values set before the run. In
   * WebAssembly the scratch list the scatter reads gets the merged list too.
   */
  const pushInjection = (gi: number): void => {
    const [lo, hi] = range[gi]!;
    inputs.forEach((input, k) => {
      if ((input.kind !== 'spikes' && input.kind !== 'spikeTimes') || net.groupIndex.get(input.group) !== gi) return;
      if (!tables.some((t) => t.startsWith('function merge_('))) tables.push(MERGE_SOURCE);
      if (!tables.some((t) => t.startsWith(`const MT${gi}_ `))) tables.push(`const MT${gi}_ = new Int32Array(${Math.max(1, hi - lo)});`);
      if (input.kind === 'spikes') {
        // A stream's spikes: at the first step of the run after they came.
        out.push(`    if (k === 0 && X${k}[0] > 0) {`);
        out.push(`      n${gi} = merge_(R${gi}, P${gi}[k], n${gi}, X${k}, 1, 1 + X${k}[0], ${lo}, ${hi}, MT${gi}_);`);
      } else {
        // Spikes at given times: this step's, TV[a..b) (steps ascending, neurons within a step);
        // a repeating pattern's by the step's place in the period, from its start again at 0.
        const period = input.period === undefined ? 0 : Math.round(input.period / dt);
        const at = period > 0 ? `ph${k}` : 'step';
        out.push(period > 0 ? `    { const ph${k} = step % ${period}; if (ph${k} === 0) T${k}[0] = 0;` : '    {');
        out.push(`      while (T${k}[0] < TS${k}.length && TS${k}[T${k}[0]] < ${at}) T${k}[0]++;`);
        out.push(`      const a = T${k}[0]; let b = a; while (b < TS${k}.length && TS${k}[b] === ${at}) b++;`);
        out.push(`      if (b > a) { T${k}[0] = b;`);
        out.push(`      n${gi} = merge_(R${gi}, P${gi}[k], n${gi}, TV${k}, a, b, ${lo}, ${hi}, MT${gi}_);`);
      }
      if (wasm) out.push(`      for (let q = P${gi}[k], w = 0; q < n${gi}; q++) WS${gi}[w++] = R${gi}[q];`);
      out.push(input.kind === 'spikes' ? '    }' : '    } }');
    });
  };

  /** Keeps this step's spikes of group gi (this thread's) in its ring, for delayed projections. */
  const pushRingWrite = (gi: number): void => {
    if (slots[gi]! === 0) return;
    out.push(`    { const o = step % ${slots[gi]}, base = o * ${rangeOf(gi, thread)}; let c = 0;`);
    out.push(`      for (let q = P${gi}[k]; q < n${gi}; q++) RG${gi}[base + c++] = R${gi}[q];`);
    out.push(`      RC${gi}[o] = c; }`);
  };

  // A labelled block, so that a blow-up in a threaded kernel leaves the loops for the barrier
  // (the other threads wait there) instead of returning.
  if (threaded) out.push('    update: {');
  groups.forEach((g, gi) => {
    const [lo, hi] = range[gi]!;
    const model = modelGroupOf(g);
    // The group's inputs, in the order both lowerings write them (see groupInput).
    const plan = groupInput(net, gi, dt);
    // Each trace is loaded once: V8 does not always reuse a typed-array load across a store.
    // A dual exponential's rise variable is read with its trace.
    const rises = new Set(plan.steps.filter((step) => step.kind === 'dualExp').map((step) => step.projection));
    const loads: string[] = plan.incoming.flatMap((pi) => (rises.has(pi) ? [`x${pi} = s${pi}[i]`, `y${pi} = h${pi}[i]`] : [`x${pi} = s${pi}[i]`]));
    const terms = plan.terms.map((t): string => {
      switch (t.kind) {
        case 'const':
          return lit(t.value);
        case 'trace':
          return t.E === null ? `${lit(t.g)} * x${t.projection}` : `${lit(t.g)} * x${t.projection} * (${lit(t.E)} - v)`;
        case 'timed':
          return `tv${t.input}`;
        case 'stream':
          return `X${t.input}[i]`;
      }
    });
    const decays = plan.steps.flatMap((step): string[] => {
      const pi = step.projection;
      if (step.kind === 'clear') return [`s${pi}[i] = 0;`];
      if (step.kind === 'decay') return [`s${pi}[i] = x${pi} * ${lit(step.factor)};`];
      return [`s${pi}[i] = x${pi} * ${lit(step.decay)} + ${lit(step.coupling)} * y${pi};`, `h${pi}[i] = y${pi} * ${lit(step.rise)};`];
    });
    // Jumps of V here; of a model's other variables once it has loaded them (see neuronLoopBody).
    const jumps = plan.jumps.filter((j) => j.state === 0).map((j) => `v = v + ${lit(j.w)} * x${j.projection};`);
    const stateJumps: StateJump[] = plan.jumps.filter((j) => j.state !== 0).map((j) => ({ state: j.state, by: `${lit(j.w)} * x${j.projection}` }));
    for (const k of plan.poissonInputs) {
      const input = inputs[k] as Extract<(typeof inputs)[number], { kind: 'poisson' }>;
      // Poisson(λ) spikes this step by inversion, from the neuron's own stream; each a jump.
      // The count: the first n whose cumulative probability is above u (see poissonCdf).
      const cdf = poissonCdf((input.count * input.rate * dt) / 1000);
      tables.push(`const PC${k}_ = new Float64Array([${Array.from(cdf, lit).join(', ')}]);`);
      tables.push(`const PS${k}_ = new Uint16Array([${poissonStarts(cdf).join(', ')}]);`);
      jumps.push(
        `{ const o = 4 * i; let a = PI${k}[o], b = PI${k}[o + 1], c = PI${k}[o + 2], d = PI${k}[o + 3]; ${xoshiroStepSource('r')} ` +
          `PI${k}[o] = a; PI${k}[o + 1] = b; PI${k}[o + 2] = c; PI${k}[o + 3] = d; ` +
          `const u = (r >>> 0) * ${UNIFORM_SCALE}; let n = PS${k}[r >>> ${32 - POISSON_BUCKET_BITS}]; while (n < ${cdf.length} && u >= PC${k}[n]) n++; v = v + ${lit(input.weight)} * n; }`,
      );
    }
    // The failure code is the group, plus groups × the variable's index in a `neuron` model.
    const failWith = (x: string, code: number | string): string =>
      threaded ? `{ S.fail(${code}, i, step, ${x}, k); break update; }` : `{ S.fail(${code}, i, step, ${x}); S.step = step; return k; }`;
    if (wasm) {
      // The group's step in WebAssembly: its spikes (ascending) in WS, or −(i + 1) for a blow-up.
      const timedArgs = inputs.map((input, k) => (input.kind === 'timed' && input.group === g.name ? `tv${k}` : null)).filter((a) => a !== null);
      out.push(`    // group ${JSON.stringify(g.name)} (WebAssembly)`);
      // The spikes go to the scratch list, then into the growable record.
      // A model that reads `t` takes the step last (see wasmNeuron).
      const args = [`WB${gi}`, '0'].concat(timedArgs, neuronTakesStep(g) ? ['step'] : []).join(', ');
      out.push(`    { const c = W.${neuronFunction(gi)}(${args});`);
      // A blow-up: the neuron and the failure's code (see abi), its value in V.
      const failed = failureDecodeSource('c', gi, g.size, groups.length);
      out.push(`      if (c < 0) { ${failed.declare}, v = V${gi}[i]; ${failWith('v', failed.code)} }`);
      out.push(`      for (let q = 0; q < c; q++) R${gi}[n${gi}++] = WS${gi}[q]; }`);
      pushInjection(gi);
    out.push(`    P${gi}[k + 1] = n${gi};`);
      pushRingWrite(gi);
      return;
    }
    // Every group is a model in the equation language, a user's or a built-in kind's
    // definition, lowered from its checked equations (see neuronSource).
    out.push(`    // group ${JSON.stringify(g.name)}`);
    out.push(`    for (let i = ${lo}; i < ${hi}; i++) {`);
    if (loads.length > 0) out.push(`      const ${loads.join(', ')};`);
    out.push(`      let v = V${gi}[i];`);
    for (const j of jumps) out.push(`      ${j}`);
    out.push(`      const I = ${terms.length > 0 ? terms.join(' + ') : '0'};`);
    for (const d of decays) out.push(`      ${d}`);
    const parameters = new Map([...parameterInputs(net.spec.inputs, g.name)].map(([name, k]) => [name, `X${k}[0]`] as const));
    const body = neuronLoopBody(model, gi, { dt, groups: groups.length, held: held[gi]!, fail: failWith, jumps: stateJumps, parameters, ...(plan.conductances.length > 0 ? { conductances: plan.conductances } : {}) });
    for (const line of body) out.push(`      ${line}`);
    out.push('    }');
    pushInjection(gi);
    out.push(`    P${gi}[k + 1] = n${gi};`);
    pushRingWrite(gi);
  });
  let stop = '';
  if (threaded) {
    out.push('    }');
    // The spike buffers have a fixed size (they are shared): when the next step might not fit,
    // every thread ends the block after this step, agreed through the barrier.
    const full = groups.map((_, gi) => `n${gi} + ${range[gi]![1] - range[gi]![0]} > R${gi}.length`).join(' || ');
    out.push(`    if (${full || 'false'}) S.full(k);`);
    out.push('    const stop = S.barrier(k);');
    out.push('    if (stop & 2) { S.step = step; return k; }');
    stop = '    if (stop & 1) { S.step = step + 1; return k + 1; }';
  }

  // Learning rules' traces step once, before the spikes of this step reach them (see synapseSource);
  // in WebAssembly too, where rules run in this step's JavaScript (one thread).
  {
    net.projections.forEach((p, pi) => out.push(...traceSteps(net, pi, dt, range[p.post], threaded)));
    // A rule's variables per synapse: with threads, each thread's part of each row (its cuts).
    const cuts = threads - 1;
    const rowRange = (pi: number) => (pre: string): readonly [string, string] => [
      thread === 0 ? `rp${pi}[${pre}]` : `cut${pi}[${pre} * ${cuts} + ${thread - 1}]`,
      thread === threads - 1 ? `rp${pi}[${pre} + 1]` : `cut${pi}[${pre} * ${cuts} + ${thread}]`,
    ];
    net.projections.forEach((_, pi) => out.push(...synapseSteps(net, pi, dt, threaded ? rowRange(pi) : null)));
  }
  /**
   * The step's JavaScript that scatters the spikes of group gi from D steps ago through the
   * projections of `bucket`: every projection in the JavaScript kernel; in WebAssembly, those
   * the module does not scatter (learning rules: see `scatteredByModule`).
   */
  const jsScatter = (g: (typeof groups)[number], gi: number, D: number, bucket: DelayBucket['outgoing']): void => {
    out.push(`    // spikes of ${JSON.stringify(g.name)}${D > 0 ? ` from ${D} steps ago` : ''} into ${bucket.map(({ p }) => JSON.stringify(p.spec.name)).join(', ')}`);
    if (D > 0) out.push(`    { const o = ((step - ${D}) % ${slots[gi]} + ${slots[gi]}) % ${slots[gi]};`);
    for (let u = 0; u < threads; u++) {
      if (D === 0) {
        const [R, P, first] = threaded ? [`R${gi}_${u}`, `P${gi}_${u}`, `P${gi}_${u}[k]`] : [`R${gi}`, `P${gi}`, `P${gi}[k]`];
        const last = threaded ? `${P}[k + 1]` : `n${gi}`;
        out.push(`    for (let q = ${first}, m = ${last}; q < m; q++) {`);
        out.push(`      const pre = ${R}[q];`);
      } else {
        const [RG, RC] = threaded ? [`RG${gi}_${u}`, `RC${gi}_${u}`] : [`RG${gi}`, `RC${gi}`];
        out.push(`    for (let q = o * ${rangeOf(gi, u)}, m = q + ${RC}[o]; q < m; q++) {`);
        out.push(`      const pre = ${RG}[q];`);
      }
      for (const { p, pi } of bucket) {
        // Spikes go into the trace s, or into h (a dual exponential's rise variable).
        const t = landing(net, pi);
        const syn = p.synapses;
        if (isBitRows(syn)) {
          out.push(...bitRowScatter(`wr${pi}`, t, syn.wordsPerRow, threadRange(syn.cols, thread, threads)));
          continue;
        }
        // This thread's part of the row: from the cut before its range to the cut after it.
        const cuts = threads - 1;
        let start = thread === 0 ? `rp${pi}[pre]` : `cut${pi}[pre * ${cuts} + ${thread - 1}]`;
        let end = thread === threads - 1 ? `rp${pi}[pre + 1]` : `cut${pi}[pre * ${cuts} + ${thread}]`;
        if (p.procedural !== null) [start, end] = ['0', `row${pi}(pre, ci${pi})`];
        // A procedural row's weights, drawn into the scratch row W: the drawer returns the count.
        if (p.rowWeights !== null) end = `WR${pi}(pre, ${end}, W${pi})`;
        // And its delays, in steps, into the scratch row DL: the drawer returns the count.
        if (p.rowDelays !== null) end = `DR${pi}(pre, ${end})`;
        if (scattersPerSynapse(p)) {
          out.push(...synapseScatter(net, pi, { target: t, start, end, threaded, dt }));
          continue;
        }
        // Four targets at a time, their indices loaded before any trace is touched: the loads no
        // longer wait behind the stores, which makes the scatter about 1.6x faster in V8. The
        // targets of one row are distinct, so the order of the increments does not matter.
        out.push(`      let j${pi} = ${start}; const e${pi} = ${end};`);
        out.push(`      for (; j${pi} + 3 < e${pi}; j${pi} += 4) {`);
        out.push(`        const a = ci${pi}[j${pi}], b = ci${pi}[j${pi} + 1], c = ci${pi}[j${pi} + 2], d = ci${pi}[j${pi} + 3];`);
        out.push(`        ${t}[a] += 1; ${t}[b] += 1; ${t}[c] += 1; ${t}[d] += 1;`);
        out.push('      }');
        out.push(`      for (; j${pi} < e${pi}; j${pi}++) ${t}[ci${pi}[j${pi}]] += 1;`);
      }
      out.push('    }');
    }
    if (D > 0) out.push('    }');
  };
  groups.forEach((g, gi) => {
    if (wasm) {
      for (const { delay: D, outgoing } of delayBuckets(net, dt, gi)) {
        const bucket = outgoing.filter(({ p }) => scatteredByModule(p));
        // What the module does not scatter (a rule's onPre, rows it does not draw): here, on the same spikes.
        const rules = outgoing.filter(({ p }) => !scatteredByModule(p));
        if (rules.length > 0) jsScatter(g, gi, D, rules);
        if (bucket.length === 0) continue;
        // This step's spikes of the group, still in its scratch list, into every target; then
        // (the scratch list free again) those of D steps ago, from the ring, through it.
        // Per-synapse delays: the step too, for each synapse's slot (see wasmKernelModule).
        // Per-synapse delays, stored or drawn with procedural rows: the step, for their slots.
        const withStep = bucket.some(({ p }) => p.delays !== null || p.rowDelays !== null) ? ', step' : '';
        if (D === 0) out.push(`    if (n${gi} > P${gi}[k]) W.${scatterName(gi, 0)}(WB${gi}, n${gi} - P${gi}[k]${withStep});`);
        else out.push(`    { const o = ((step - ${D}) % ${slots[gi]} + ${slots[gi]}) % ${slots[gi]}, c = RC${gi}[o]; if (c > 0) { WS${gi}.set(RG${gi}.subarray(o * ${g.size}, o * ${g.size} + c)); W.${scatterName(gi, D)}(WB${gi}, c${withStep}); } }`);
      }
      return;
    }
    for (const { delay: D, outgoing: bucket } of delayBuckets(net, dt, gi)) {
      if (bucket.length > 0) jsScatter(g, gi, D, bucket);
    }
  });
  // What reaches targets this step through per-synapse delays, then the rules' onPost.
  // (On one thread beside the module, the module adds the sums it keeps: see wasmArrivals.)
  const inModule = (p: BuiltNetwork['projections'][number]): boolean => wasm && !threaded && sumsInModule(p);
  if (net.projections.some(inModule)) out.push(`    W.${ARRIVALS_FUNCTION}(step);`);
  net.projections.forEach((p, pi) => out.push(...(inModule(p) ? [] : delayedArrivals(net, pi, landing(net, pi), range[p.post]!))));
  net.projections.forEach((p, pi) => out.push(...onPostLines(net, pi, { list: `R${p.post}`, from: `P${p.post}[k]`, to: `n${p.post}` }, dt, threaded)));
  // A rule's blow-up on one thread ends the run after its step (see synapseSource).
  if (!threaded && net.projections.some((p) => p.spec.plasticity !== undefined)) out.push('    if (ruleFailed) { S.step = step + 1; return k + 1; }');
  if (stop !== '') out.push(stop);
  out.push('  }');
  out.push('  S.step = step;');
  if (sinks) out.push('  S.sink = sink;');
  out.push('  return n;');
  out.push('};');
  out.splice(1, 0, ...tables);
  return out.join('\n');
}

/**
 * The lines that add 1 to `t[j]` for every target j in `[lo, hi)` of bit row `pre` in `words`:
 * the row's words that hold the range, its first and last masked to it, and in each word its
 * set bits, lowest first (`b & -b` isolates one; `31 - clz32` is its number).
 */
function bitRowScatter(words: string, t: string, perRow: number, [lo, hi]: readonly [number, number]): string[] {
  if (hi <= lo) return [];
  const [first, last] = [lo >>> 5, (hi - 1) >>> 5];
  // As int32 literals: the words are read as uint32 and masked with `&`, which gives int32.
  const low = (~0 << (lo & 31)) | 0;
  const high = (hi & 31) === 0 ? -1 : (1 << (hi & 31)) - 1;
  const masks = [low === -1 ? '' : ` if (w === ${first}) b &= ${low};`, high === -1 ? '' : ` if (w === ${last}) b &= ${high};`].join('');
  return [
    `      for (let w = ${first}, r = pre * ${perRow}; w <= ${last}; w++) {`,
    `        let b = ${words}[r + w] | 0;${masks}`,
    `        for (; b !== 0; b &= b - 1) ${t}[(w << 5) + 31 - Math.clz32(b & -b)] += 1;`,
    '      }',
  ];
}

/**
 * The step of a thread that runs the module's own step loop (see wasmDriver): one call per run,
 * between its state's move into its copy and back (threads 1, 2, …), its failures turned into
 * the errors `threadRuntime` throws while it waits.
 */
function drivenSource(): string {
  return [
    '"use strict";',
    'const W = S.wasm.exports, D = S.driver, move = S.wasm.move;',
    'return function run(n) {',
    // A thread with a copy of the state of its own takes its part in, and puts it back even
    // when the run failed (see threadStateStride).
    '  if (move !== null) move(true);',
    `  const r = W.${DRIVER_FUNCTION}(D, n, S.step);`,
    '  if (move !== null) move(false);',
    `  if (r === ${DRIVER_PEER_FAILED}) throw new Error('spikestream: another kernel thread failed');`,
    `  if (r === ${DRIVER_TIMED_OUT}) throw new Error('spikestream: a kernel thread did not respond for ${THREAD_TIMEOUT_MS} ms');`,
    '  S.step += r;',
    '  return r;',
    '};',
  ].join('\n');
}

/**
 * The slots of a group's ring of past spikes: its longest outgoing delay in steps, plus two
 * (the current step, and one more so that a thread writing step k + 1 never overwrites the slot
 * another thread still reads for step k); 0 when no outgoing projection has a delay.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param gi - the group
 * @returns the number of slots
 */
export function ringSlots(net: BuiltNetwork, dt: number, gi: number): number {
  let longest = 0;
  for (const p of net.projections) if (p.pre === gi) longest = Math.max(longest, Math.round((p.spec.delay ?? 0) / dt));
  return longest > 0 ? longest + 2 : 0;
}

/**
 * `merge_(R, from, n, X, x0, x1, lo, hi, T)`: the union of a step's own spikes `R[from..n)`
 * (ascending) and injected neurons `X[x0..x1)` (ascending, each once: a spike input's list after
 * its count, or a step's spike times) that lie in `[lo, hi)`, ascending, each once, written back
 * into `R` from `from`; returns the new end. `T` is scratch room for `hi − lo` neurons.
 */
const MERGE_SOURCE = [
  'function merge_(R, from, n, X, x0, x1, lo, hi, T) {',
  '  const e = x1; let a = from, b = x0, m = 0;',
  '  while (b < e && X[b] < lo) b++;',
  '  while (a < n || (b < e && X[b] < hi)) {',
  '    const x = a < n ? R[a] : hi, y = b < e && X[b] < hi ? X[b] : hi;',
  '    if (x < y) { T[m++] = x; a++; } else if (y < x) { T[m++] = y; b++; } else { T[m++] = x; a++; b++; }',
  '  }',
  '  for (let q = 0; q < m; q++) R[from + q] = T[q];',
  '  return from + m;',
  '}',
].join('\n');

/**
 * The array that projection pi's spikes go into: its first variable `s<pi>`, or its second
 * `h<pi>` (see synapseDefinition).
 *
 * @param net - the built network
 * @param pi - the projection
 * @returns the array's name in the step's source
 */
function landing(net: BuiltNetwork, pi: number): string {
  return projectionTraces(net.spec, pi).into === 0 ? `s${pi}` : `h${pi}`;
}
