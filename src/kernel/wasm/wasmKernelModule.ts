/**
 * The WebAssembly back end of the kernel, its code: the neuron loops and the spike scatter of a
 * network, compiled to WebAssembly with 128-bit SIMD (two neurons per instruction), for the
 * networks it covers: models in the equation language (`wasmNeuron`) — users' and every
 * built-in kind, LIF, Izhikevich, AdEx, Hodgkin–Huxley and Poisson, which are definitions of
 * that form (src/model/library) —, with exponential,
 * dual-exponential, conductance or delta synapses,
 * stored connectivity or procedural (`wasmProceduralRows`, `wasmRowLists`), delays
 * (a scatter function per delay, `scatterName`), and constant,
 * stream, timed or Poisson inputs: the seed network, CUBA, COBA, COBAHH, Brunel 2000, van
 * Vreeswijk 1996 and the closed-loop and live examples. Projections it cannot scatter (those
 * with a learning rule) it leaves to the step's JavaScript (`scatteredByModule`).
 *
 * V8 runs the generated JavaScript loops at about half the speed of the same loops in
 * WebAssembly: each typed-array access is bounds-checked, one neuron at a time, and inside the
 * step's one large function V8 keeps fewer values in registers. The WebAssembly functions do the
 * same IEEE double arithmetic in the same order as the JavaScript kernel (WebAssembly never fuses
 * a multiply and an add), so both give the same spikes, bit for bit; the tests check this.
 *
 * The JavaScript step function (`kernelSource` with `wasm: true`) drives each step of one
 * thread (threads run the module's own step loop, `r`, see `wasmDriver`): timed inputs,
 * probes, the spike record. Per step it, or `r`, calls
 * `g<group>(base, n, …)`, which updates the group's neurons (a thread's range of them) and
 * writes their spikes as a list (one thread: a scratch list, then copied into the growable
 * record; threads: straight into the thread's spike buffer), then `x<group>(base, count)`, which
 * adds each listed spike to the traces of its targets (a thread's range of them). The state
 * lives in the instance's memory, and the kernel's typed arrays (`V`, `s`, stream inputs) are
 * views of it; with threads the memory is shared, and every thread instantiates the one
 * threaded module, whose functions take their thread's range and row cuts as arguments.
 *
 * @example
 * ```ts
 * const bytes = wasmKernelModule(built, 0.1, wasmLayout(built)); // g0, x0, g1, x1, …
 * new WebAssembly.Module(bytes);
 * ```
 * @module
 */
import { groupInput, type InputTerm } from '../program/groupInput.js';
import type { NetworkSpec } from '../../model/networkSpec.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { refractoryPeriod } from '../../model/refractoryPeriod.js';
import { modelOf, parameterInputs } from '../../model/modelOf.js';
import { scatteredByModule } from './moduleScatter.js';
import { isBitRows } from '../synapses/bitRows.js';
import { delayBuckets } from '../network/delayBuckets.js';
import { driverFunction, waitFunction } from './wasmDriver.js';
import { ARRIVALS_FUNCTION, KERNEL_IMPORTS, neuronFunction, neuronTakesStep, scatterName } from './abi.js';
import { wasmArrivals } from './wasmArrivals.js';
import { stepWidth } from '../synapses/synapseValues.js';
import { listShapeOf, wasmListScatter, type ListShape } from './wasmRowLists.js';
import { neuronWasmIneligibility, wasmNeuronUpdate } from './wasmNeuron.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { wasmPoissonJumps } from './wasmPoissonInput.js';
import { wasmProceduralScatter, wasmProceduralThreads } from './wasmProceduralRows.js';
import type { WasmLayout } from './wasmLayout.js';
import { addLocal, op, wasmModule, type ValType, type WasmFunction } from './wasmModule.js';

/**
 * Writes the module of `net` at `dt` for `layout`, per group:
 *
 * - `g<i>(base, n, timed values…)`: updates the group's neurons, writes their spikes, ascending,
 *   as i32 from byte `base + 4n` on, and returns the new count, or −(i + 1) when neuron i blew
 *   up (its potential stored). With threads, `g<i>(base, n, lo, hi, timed values…)` updates
 *   neurons `lo` (even) to `hi` only;
 * - `x<i>(base, count)`: adds each of the `count` spikes listed from byte `base` to the traces
 *   (a dual exponential's rise variables) of its targets through the projections without
 *   delay; `x<i>d<D>` the same through those of D steps (given the spikes of D steps ago). With threads, `x<i>(base, count, reverse, first₀, last₀, first₁, last₁, …)`:
 *   last spike first when `reverse` is 1, and per outgoing projection the byte addresses of two
 *   u32 tables indexed by row: the part of each row from `first[row]` to `last[row]` (a row's
 *   start is `rowPtr`, its end `rowPtr + 4`); for a projection of bit rows, the thread's first
 *   target and the one past its last, the same for every row;
 * - with threads, `p<i>(…)` (or `p<i>d<D>`) for the procedural projections of a group and
 *   delay (see {@link wasmProceduralThreads}),
 *   `w(…)`, the wait for another thread's step, and `r(driver, n, step)`, a thread's whole step loop
 *   (see {@link driverFunction}).
 *
 * @param net - the built network (eligible: see {@link wasmIneligibility})
 * @param dt - time step, ms
 * @param layout - where the arrays are
 * @param threaded - the module of threads: each function takes its thread's neuron range and
 *   row cuts as arguments, since the threads' ranges move while the kernel runs (see
 *   `threadedKernel`), so that one module, compiled once, serves every thread
 * @returns the module's bytes
 */
export function wasmKernelModule(net: BuiltNetwork, dt: number, layout: WasmLayout, threaded = false): Uint8Array<ArrayBuffer> {
  const functions: WasmFunction[] = [];
  net.groups.forEach((g, gi) => {
    // Every group is a model in the equation language (a built-in kind's definition or a user's);
    // one that uses what WebAssembly has no twin of runs in JavaScript.
    const model = modelGroupOf(g);
    const why = neuronWasmIneligibility(g);
    if (why !== null) throw new Error(`wasmKernelModule: ${why}`);
    const timed = net.spec.inputs.map((input, k) => ({ input, k })).filter(({ input }) => input.kind === 'timed' && input.group === g.name);
    const base = 0;
    const n = 1;
    // With threads, the range [lo, hi) is the third and fourth argument, and the fifth the shift
    // of the thread's copy of the state (see threadStateStride), added to every state address.
    const range: ValType[] = threaded ? ['i32', 'i32', 'i32'] : [];
    const shift = threaded ? 4 : null;
    // A model that reads `t` takes the step last (see wasmNeuron).
    const takesStep = neuronTakesStep(g);
    const params: ValType[] = ['i32', 'i32', ...range, ...timed.map((): ValType => 'f64'), ...(takesStep ? ['i32' as const] : [])];
    const locals: ValType[] = [];
    const local = (t: ValType): number => params.length + locals.push(t) - 1;
    const i = local('i32');
    const o = local('i32');
    const v = local('v128');
    const hit = local('v128');
    const vl = local('f64');
    const lane = local('i32');
    const old = local('v128');
    const counts = local('v128');
    const kept = local('v128');
    // The group's inputs, in the order both lowerings write them (see groupInput).
    const plan = groupInput(net, gi, dt);
    const x = new Map(plan.incoming.map((pi) => [pi, local('v128')] as const));
    const trace = (pi: number): number => x.get(pi)!;
    // Delta synapses make V jump, before anything reads it, by w per spike that arrived; then
    // Poisson inputs, by weight per spike drawn. Jumps of a model's other variables come once
    // it has loaded them (see wasmNeuronUpdate).
    const jumps = plan.jumps.filter((J) => J.state === 0);
    const stateJumps = plan.jumps.filter((J) => J.state !== 0).map((J) => ({ state: J.state, local: trace(J.projection), w: J.w }));
    const poissonInputs = plan.poissonInputs.map((k) => ({ input: net.spec.inputs[k] as Extract<NetworkSpec['inputs'][number], { kind: 'poisson' }>, k }));
    // Conductances into v's linear part are not in I (see linearConductances).
    const conductances = plan.conductances.map((c) => ({ ...c, local: trace(c.projection) }));
    const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];
    const term = (t: InputTerm): number[] => {
      switch (t.kind) {
        case 'const':
          return splat(t.value);
        case 'stream':
          return [...op.get(o), ...op.v128Load(layout.X[t.input]!)];
        case 'timed':
          return [...op.get(2 + range.length + timed.findIndex((u) => u.k === t.input)), ...op.f64x2Splat];
        case 'trace': {
          // g·x, times (E − v) for a conductance: the JavaScript kernel's `g * x * (E - v)`.
          const gx = [...splat(t.g), ...op.get(trace(t.projection)), ...op.f64x2Mul];
          return t.E === null ? gx : [...gx, ...splat(t.E), ...op.get(v), ...op.f64x2Sub, ...op.f64x2Mul];
        }
      }
    };
    const sumI: number[] = plan.terms.length === 0 ? splat(0) : plan.terms.flatMap((t, j) => (j === 0 ? term(t) : [...term(t), ...op.f64x2Add]));

    const body: number[] = [];
    const emit = (...parts: number[][]): void => {
      for (const part of parts) body.push(...part);
    };
    const held = Math.round(refractoryPeriod(g) / dt);
    const size = g.size;
    const [lo, hi] = threaded ? [op.get(2), op.get(3)] : [op.i32Const(0), op.i32Const(size)];
    emit(op.block);
    if (threaded) emit(lo, hi, op.i32GeU, op.brIf(0));
    else if (size === 0) emit(op.br(0));
    emit(lo, op.set(i));
    emit(op.loop);
    emit(op.get(i), op.i32Const(3), op.i32Shl, addLocal(shift), op.set(o));
    for (const [pi, l] of x) emit(op.get(o), op.v128Load(layout.s[pi]!), op.set(l));
    // A dual exponential's rise variable, read with its trace.
    const y = new Map(plan.steps.filter((step) => step.kind === 'dualExp').map((step) => [step.projection, local('v128')] as const));
    for (const [pi, l] of y) emit(op.get(o), op.v128Load(layout.h[pi]!), op.set(l));
    emit(op.get(o), op.v128Load(layout.V[gi]!), op.set(v));
    // A refractory neuron of a model keeps V as it was, before any jump (the jump is lost).
    if (held > 0 || modelOf(model).refractory !== null || modelOf(model).period !== null) emit(op.get(v), op.set(old));
    for (const J of jumps) emit(op.get(v), splat(J.w), op.get(trace(J.projection)), op.f64x2Mul, op.f64x2Add, op.set(v));
    if (poissonInputs.length > 0) {
      const l = { lane, o: local('i32'), a: local('i32'), b: local('i32'), c: local('i32'), d: local('i32'), t: local('i32'), u: local('f64'), us: local('v128'), count: local('v128'), shift };
      for (const { input, k } of poissonInputs) emit(op.get(v), wasmPoissonJumps(input, dt, layout.PI[k]!, i, size, l), op.f64x2Add, op.set(v));
    }
    // I, on the stack while the traces decay, then the potential's step.
    emit(sumI);
    for (const step of plan.steps) {
      const pi = step.projection;
      // A delta trace counts one step's arrivals: back to 0.
      if (step.kind === 'clear') emit(op.get(o), splat(0), op.v128Store(layout.s[pi]!));
      else if (step.kind === 'decay') emit(op.get(o), op.get(trace(pi)), splat(step.factor), op.f64x2Mul, op.v128Store(layout.s[pi]!));
      else {
        // A cascade, from the step's start: s = x·decay + coupling·y, h = y·rise (see groupInput).
        const rise = y.get(pi)!;
        emit(op.get(o), op.get(trace(pi)), splat(step.decay), op.f64x2Mul, splat(step.coupling), op.get(rise), op.f64x2Mul, op.f64x2Add, op.v128Store(layout.s[pi]!));
        emit(op.get(o), op.get(rise), splat(step.rise), op.f64x2Mul, op.v128Store(layout.h[pi]!));
      }
    }
    // The input I is on the stack; keep it in `hit` for the update.
    emit(op.set(hit));
    // The rare path's pieces, lane by lane: lane = i + L, leaving the block for an odd group's
    // padding neuron; and the lane appended to the spike list.
    const enterLane = (L: number): number[] => [...op.get(i), ...op.i32Const(L), ...op.i32Add, ...op.tee(lane), ...op.i32Const(size), ...op.i32LtU, ...op.i32Eqz, ...op.brIf(0)];
    const recordSpike = [...op.get(base), ...op.get(n), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.get(lane), ...op.i32Store(), ...op.get(n), ...op.i32Const(1), ...op.i32Add, ...op.set(n)];
    const hAddr = [...op.get(i), ...op.i32Const(2), ...op.i32Shl, ...addLocal(shift)];
    /** A lane's refractory counter's address. */
    const laneH = [...op.get(lane), ...op.i32Const(2), ...op.i32Shl, ...addLocal(shift)];
    const pair = { v, I: hit, o, old, V: layout.V[gi]!, vars: layout.NV[gi]!, params: layout.NP[gi]!, H: layout.H[gi]!, hAddr, laneH, enterLane, recordSpike, lane, vl, counts, kept, addShift: addLocal(shift), index: i, step: takesStep ? params.length - 1 : -1, rng: layout.rng[gi]!, jumps: stateJumps, ...(conductances.length > 0 ? { conductances } : {}), parameters: new Map([...parameterInputs(net.spec.inputs, g.name)].map(([name, k]) => [name, layout.X[k]!] as const)) };
    emit(wasmNeuronUpdate(model, dt, held, pair, local));
    emit(op.get(o), op.get(v), op.v128Store(layout.V[gi]!));
    emit(op.get(i), op.i32Const(2), op.i32Add, op.tee(i), hi, op.i32LtU, op.brIf(0));
    emit(op.end, op.end);
    emit(op.get(n));
    functions.push({ name: neuronFunction(gi), params, result: 'i32', locals, body });
  });

  /** Where a projection's spikes add their weight: its traces, or a dual exponential's rise variables. */
  const spikeTarget = (pi: number): number => layout.into[pi]!;
  // What a procedural projection's rows carry besides targets (weights, delays and their ring).
  const listShape = (pi: number): ListShape | null =>
    listShapeOf(net.spec.seed, net.projections[pi]!.spec, net.dt, { ring: layout.DQ[pi]! >= 0 ? { at: layout.DQ[pi]!, slots: layout.DS[pi]! } : null, positions: layout.XY[pi]! });
  // Per group and delay bucket (see delayBuckets), a scatter function: x<gi> for the
  // projections without delay, x<gi>d<D> for those of D steps.
  const buckets = net.groups.flatMap((_, gi) => delayBuckets(net, dt, gi).map((b) => ({ gi, delay: b.delay, outgoing: b.outgoing.filter(({ p }) => scatteredByModule(p)) })));
  buckets.forEach(({ gi, delay, outgoing }) => {
    // x<gi>(base, count[, first/last table addresses per outgoing projection]): the listed
    // spikes, into each projection of the bucket.
    const tables = threaded ? outgoing.length * 2 : 0;
    // Per-synapse delays: the step is the last argument, for the slot each synapse's spike goes to.
    const delayed = outgoing.some(({ pi }) => layout.DQ[pi]! >= 0);
    const stepArg = threaded ? 4 + tables : 2;
    const base = 0;
    const count = 1;
    const reverse = 2;
    // The shift of the thread's copy of the state (see threadStateStride) follows `reverse`;
    // then the tables' addresses; then the locals.
    const shift = threaded ? 3 : null;
    const table = (k: number): number => 4 + k;
    const q = (threaded ? 4 + tables : 2) + (delayed ? 1 : 0);
    const pre = q + 1;
    const j = q + 2;
    const e = q + 3;
    const target = q + 4;
    const sink = q + 5;
    // Bit rows: the 64-bit word being read, the byte address of the row's first word, and of
    // the trace being added to.
    const bits = q + 6;
    const rowAt = q + 7;
    const at = q + 8;
    // Per-synapse delays: the step's slot, the address of the synapse's delay, its slot.
    const slot0 = q + 9;
    const delayAt = q + 10;
    const slot = q + 11;
    const body: number[] = [];
    const emit = (...parts: number[][]): void => {
      for (const part of parts) body.push(...part);
    };
    /**
     * Emits the code that adds 1 to the trace at `s` of every target whose bit is set in the
     * words from j to e (a row's, set by `segment`): per word its set bits, lowest first (ctz
     * finds one, b & (b - 1) clears it). With threads, the first and last words are masked to the thread's targets
     * lo to hi - 1 (the module's `x` arguments; its neighbours' bits in those words are theirs).
     */
    const bitRowScatter = (o: number, s: number): void => {
      emit(op.block, op.loop, op.get(j), op.get(e), op.i32LtU, op.i32Eqz, op.brIf(1));
      emit(op.get(j), op.i64Load(), op.set(bits));
      if (threaded) {
        const [lo, hi] = [op.get(table(2 * o)), op.get(table(2 * o + 1))];
        // The first word keeps its bits from lo & 63 up (-1 << n); the last, those below
        // hi & 63, all when that is 0 (-1 >>> ((64 - n) & 63)).
        emit(op.get(j), op.get(rowAt), lo, op.i32Const(6), op.i32ShrU, op.i32Const(3), op.i32Shl, op.i32Add, op.i32Eq);
        emit(op.if, op.get(bits), op.i64Const(-1), lo, op.i64ExtendI32U, op.i64Shl, op.i64And, op.set(bits), op.end);
        emit(op.get(j), op.i32Const(8), op.i32Add, op.get(e), op.i32Eq);
        emit(op.if, op.get(bits), op.i64Const(-1), op.i32Const(64), hi, op.i32Sub, op.i32Const(63), op.i32And, op.i64ExtendI32U, op.i64ShrU, op.i64And, op.set(bits), op.end);
      }
      // The trace's byte address of the word's first target: (j - rowAt) / 8 words of 64
      // targets of 8 bytes each.
      emit(op.get(j), op.get(rowAt), op.i32Sub, op.i32Const(6), op.i32Shl, addLocal(shift), op.set(target));
      emit(op.block, op.loop, op.get(bits), op.i64Eqz, op.brIf(1));
      emit(op.get(target), op.get(bits), op.i64Ctz, op.i32WrapI64, op.i32Const(3), op.i32Shl, op.i32Add, op.tee(at));
      emit(op.get(at), op.f64Load(s), op.f64Const(1), op.f64Add, op.f64Store(s));
      emit(op.get(bits), op.get(bits), op.i64Const(1), op.i64Sub, op.i64And, op.set(bits), op.br(0), op.end, op.end);
      emit(op.get(j), op.i32Const(8), op.i32Add, op.set(j), op.br(0), op.end, op.end);
    };
    // Procedural projections draw their rows in loops of their own, after the stored ones
    // (see wasmProceduralRows); each projection's traces are its own, so the order of the
    // projections changes nothing.
    const stored = [...outgoing.entries()].filter(([, { p }]) => p.procedural === null);
    if (stored.length > 0) {
      // Odd threads take the spikes last to first (`reverse`), so that two threads are in the
      // same row at the same time once per step rather than all along: in some runs of two C
      // threads on the same rows (bench/machine/scatterHalves.c), the one behind took twice as
      // long in the same order and not in opposite ones; in others the order made no
      // difference. Every addition is of 1, so the order changes no trace.
      const index = threaded ? [...op.get(count), ...op.i32Const(1), ...op.i32Sub, ...op.get(q), ...op.i32Sub, ...op.get(q), ...op.get(reverse), ...op.select] : op.get(q);
      const spike = [...op.get(base), ...index, ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load(), ...op.set(pre)];
      /** Sets j and e to the byte addresses of the first and past-the-last target of the row's
       * part: all of it, or with threads from `first[pre]` to `last[pre]`. */
      const segment = (p: (typeof outgoing)[number]['p'], pi: number, o: number): number[] => {
        const syn = p.synapses;
        if (isBitRows(syn)) {
          // The 64-bit words that hold targets lo to hi - 1: with threads, the last two arguments
          // are lo and hi themselves (no tables); alone, the whole row.
          const [lo, hi] = threaded ? [op.get(table(2 * o)), op.get(table(2 * o + 1))] : [op.i32Const(0), op.i32Const(syn.cols)];
          return [
            ...op.get(pre), ...op.i32Const(4 * syn.wordsPerRow), ...op.i32Mul, ...op.i32Const(layout.col[pi]!), ...op.i32Add, ...op.tee(rowAt),
            ...lo, ...op.i32Const(6), ...op.i32ShrU, ...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...op.set(j),
            ...op.get(rowAt), ...hi, ...op.i32Const(63), ...op.i32Add, ...op.i32Const(6), ...op.i32ShrU, ...op.i32Const(3), ...op.i32Shl, ...op.i32Add, ...op.set(e),
          ];
        }
        const shift = Math.log2(syn.col.BYTES_PER_ELEMENT);
        const row = [...op.get(pre), ...op.i32Const(2), ...op.i32Shl];
        const first = threaded ? [...op.get(table(2 * o)), ...row, ...op.i32Add, ...op.i32Load()] : [...row, ...op.i32Load(layout.rowPtr[pi]!)];
        const last = threaded ? [...op.get(table(2 * o + 1)), ...row, ...op.i32Add, ...op.i32Load()] : [...row, ...op.i32Load(layout.rowPtr[pi]! + 4)];
        const address = (index: number[]): number[] => [...index, ...op.i32Const(shift), ...op.i32Shl, ...op.i32Const(layout.col[pi]!), ...op.i32Add];
        return [...address(first), ...op.set(j), ...address(last), ...op.set(e)];
      };
      /** log2(4 / width): from a byte of targets to the bytes of their weights. */
      const weightShift = (p: (typeof outgoing)[number]['p']): number => 2 - Math.log2((p.synapses as { col: { BYTES_PER_ELEMENT: number } }).col.BYTES_PER_ELEMENT);
      /** Sets `at` to the byte address of the weight of the target at j: (j − col)·4/width + w. */
      const weightsAt = (p: (typeof outgoing)[number]['p'], pi: number): number[] => [
        ...op.get(j), ...op.i32Const(layout.col[pi]!), ...op.i32Sub, ...op.i32Const(weightShift(p)), ...op.i32Shl, ...op.i32Const(layout.w[pi]!), ...op.i32Add, ...op.set(at),
      ];
      /**
       * A row through per-synapse delays (j to e set by `segment`): each synapse's weight (or 1)
       * into the delayed sums of its target at slot (step + delay) mod DS, as the JavaScript
       * kernel's `DQ[((step + DL[j]) % DS) * cols + target] += w` (synapseScatter); the trace takes
       * a slot's sums after that step's scatter (delayedArrivals, in the step's JavaScript).
       */
      function delayedScatter(p: (typeof outgoing)[number]['p'], pi: number, width: number, load: (offset?: number) => number[]): void {
        const slots = layout.DS[pi]!;
        const cols = net.groups[p.post]!.size;
        const weighted = layout.w[pi]! >= 0;
        if (weighted) emit(weightsAt(p, pi));
        emit(op.get(stepArg), op.i32Const(slots), op.i32RemU, op.set(slot0));
        // The delays (stepWidth bytes each) walk with the targets: (j − col)·bytes/width from DL.
        const bytes = stepWidth(slots - 1);
        const toDelays = Math.log2(bytes) - Math.log2(width);
        const scale = toDelays === 0 ? [] : toDelays > 0 ? [...op.i32Const(toDelays), ...op.i32Shl] : [...op.i32Const(-toDelays), ...op.i32ShrU];
        const loadDelay = bytes === 1 ? op.i32Load8u() : bytes === 2 ? op.i32Load16u() : op.i32Load();
        emit(op.get(j), op.i32Const(layout.col[pi]!), op.i32Sub, scale, op.i32Const(layout.DL[pi]!), op.i32Add, op.set(delayAt));
        emit(op.block, op.loop, op.get(j), op.get(e), op.i32Ne, op.i32Eqz, op.brIf(1));
        // slot = slot0 + delay, less DS when past the end (delay < DS, slot0 < DS): select keeps
      // the first value where slot < DS.
        emit(op.get(slot0), op.get(delayAt), loadDelay, op.i32Add, op.tee(slot), op.get(slot), op.i32Const(slots), op.i32Sub, op.get(slot), op.i32Const(slots), op.i32LtU, op.select, op.set(slot));
        // The byte address of the sum: (slot·cols + target)·8.
        emit(op.get(slot), op.i32Const(cols), op.i32Mul, op.get(j), load(), op.i32Add, op.i32Const(3), op.i32Shl, op.tee(target));
        emit(op.get(target), op.f64Load(layout.DQ[pi]!), weighted ? [...op.get(at), ...op.f32Load(), ...op.f64PromoteF32] : op.f64Const(1), op.f64Add, op.f64Store(layout.DQ[pi]!));
        emit(op.get(j), op.i32Const(width), op.i32Add, op.set(j), op.get(delayAt), op.i32Const(bytes), op.i32Add, op.set(delayAt));
        if (weighted) emit(op.get(at), op.i32Const(4), op.i32Add, op.set(at));
        emit(op.br(0), op.end, op.end);
      }
      // First pass: one load per 64-byte line of every row segment, results unused but summed.
      // The rows sit at random places in memory; these independent loads fetch their lines in
      // parallel, where the scatter below would wait for each line in turn.
      emit(op.block, op.get(count), op.i32Eqz, op.brIf(0), op.loop, spike);
      for (const [o, { p, pi }] of stored) {
        emit(segment(p, pi, o));
        // A row's weights too: `at` to its end, the targets' bytes times 4/width.
        if (layout.w[pi]! >= 0) {
          emit(weightsAt(p, pi), op.get(e), op.get(j), op.i32Sub, op.i32Const(weightShift(p)), op.i32Shl, op.get(at), op.i32Add, op.set(rowAt));
          emit(op.block, op.loop, op.get(at), op.get(rowAt), op.i32LtU, op.i32Eqz, op.brIf(1));
          emit(op.get(sink), op.get(at), op.i32Load8u(), op.i32Add, op.set(sink));
          emit(op.get(at), op.i32Const(64), op.i32Add, op.set(at), op.br(0), op.end, op.end);
        }
        emit(op.block, op.loop, op.get(j), op.get(e), op.i32LtU, op.i32Eqz, op.brIf(1));
        emit(op.get(sink), op.get(j), op.i32Load8u(), op.i32Add, op.set(sink));
        emit(op.get(j), op.i32Const(64), op.i32Add, op.set(j), op.br(0), op.end, op.end);
      }
      emit(op.get(q), op.i32Const(1), op.i32Add, op.tee(q), op.get(count), op.i32LtU, op.brIf(0), op.end, op.end);
      // The sum is used (never in practice), so that no compiler drops the loads.
      emit(op.get(sink), op.i32Const(-1), op.i32Eq, op.if, op.i32Const(0), op.get(sink), op.i32Store(), op.end);
      emit(op.i32Const(0), op.set(q));
      emit(op.block, op.get(count), op.i32Eqz, op.brIf(0), op.loop, spike);
      for (const [o, { p, pi }] of stored) {
        const syn = p.synapses;
        if (isBitRows(syn)) {
          emit(segment(p, pi, o));
          bitRowScatter(o, spikeTarget(pi));
          continue;
        }
        const width = syn.col.BYTES_PER_ELEMENT;
        const load = width === 1 ? op.i32Load8u : width === 2 ? op.i32Load16u : op.i32Load;
        emit(segment(p, pi, o));
        if (layout.DL[pi]! >= 0) {
          delayedScatter(p, pi, width, load);
          continue;
        }
        // What a spike adds: 1, or the synapse's weight (f32, at `at`, which walks the weights
        // as j walks the targets), widened to f64 as JavaScript reads a Float32Array.
        const weighted = layout.w[pi]! >= 0;
        if (weighted) emit(weightsAt(p, pi));
        const amount = (k: number): number[] => (weighted ? [...op.get(at), ...op.f32Load(4 * k), ...op.f64PromoteF32] : op.f64Const(1));
        const step = (n: number): number[] => [...op.get(j), ...op.i32Const(n * width), ...op.i32Add, ...op.set(j), ...(weighted ? [...op.get(at), ...op.i32Const(4 * n), ...op.i32Add, ...op.set(at)] : [])];
        const add = (k: number): number[] => [
          ...op.get(j), ...load(k * width), ...op.i32Const(3), ...op.i32Shl, ...addLocal(shift), ...op.tee(target),
          ...op.get(target), ...op.f64Load(spikeTarget(pi)), ...amount(k), ...op.f64Add, ...op.f64Store(spikeTarget(pi)),
        ];
        // Four targets at a time while four remain, then one at a time.
        emit(op.block, op.loop);
        emit(op.get(j), op.i32Const(4 * width), op.i32Add, op.get(e), op.i32GtU, op.brIf(1));
        for (let k = 0; k < 4; k++) emit(add(k));
        emit(step(4), op.br(0), op.end, op.end);
        emit(op.block, op.loop, op.get(j), op.get(e), op.i32Ne, op.i32Eqz, op.brIf(1), add(0));
        emit(step(1), op.br(0), op.end, op.end);
      }
      emit(op.get(q), op.i32Const(1), op.i32Add, op.tee(q), op.get(count), op.i32LtU, op.brIf(0), op.end, op.end);
    }
    // Locals after the parameters: q, pre, j, e, target, sink, bits (i64), rowAt, at; then
    // those of procedural rows.
    const params: ValType[] = ['i32', 'i32', ...(threaded ? ['i32' as const, 'i32' as const] : []), ...Array.from({ length: tables }, (): ValType => 'i32'), ...(delayed ? ['i32' as const] : [])];
    const locals: ValType[] = ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i64', 'i32', 'i32', 'i32', 'i32', 'i32'];
    // Threads draw procedural rows in functions of their own (`p<gi>`, below), which meet.
    for (const { p, pi } of outgoing) {
      if (p.procedural === null || threaded) continue;
      const local = (t: ValType): number => params.length + locals.push(t) - 1;
      const list = listShape(pi);
      emit(list === null ? wasmProceduralScatter(p.procedural, spikeTarget(pi), { base, count }, local) : wasmListScatter(p.procedural, list, spikeTarget(pi), layout.rows, { base, count, step: delayed ? stepArg : null }, local));
    }
    functions.push({ name: scatterName(gi, delay), params, result: null, locals, body });
  });
  // On one thread, what reaches the targets through per-synapse delays, called by the step's
  // JavaScript after the scatter (see wasmArrivals): params (step); locals i, e, lo, hi.
  if (!threaded && layout.DQ.some((at) => at >= 0)) {
    const body: number[] = [];
    net.projections.forEach((p, pi) => {
      if (layout.DQ[pi]! < 0) return;
      const cols = net.groups[p.post]!.size;
      body.push(...op.i32Const(0), ...op.set(3), ...op.i32Const(cols), ...op.set(4));
      body.push(...wasmArrivals({ slots: layout.DS[pi]!, cols, sums: layout.DQ[pi]!, trace: layout.into[pi]! }, { step: 0, i: 1, e: 2, lo: 3, hi: 4 }, null));
    });
    functions.push({ name: ARRIVALS_FUNCTION, params: ['i32'], result: null, locals: ['i32', 'i32', 'i32', 'i32'], body });
  }
  // Threads run their whole step loop in the module (see wasmDriver).
  if (threaded) {
    // Function indices: the imports first (see kernelImports), then g0 … g(G−1), the scatters, …
    const F = KERNEL_IMPORTS.length;
    const G = net.groups.length;
    const x = buckets.map((b, k) => ({ ...b, index: F + G + k }));
    // A bucket's procedural projections: one function for all of them (see wasmProceduralThreads).
    const drawn = x.filter(({ outgoing }) => outgoing.some(({ p }) => p.procedural !== null));
    const wait = F + G + buckets.length + drawn.length;
    const p = drawn.map(({ gi, delay, outgoing, index }, k) => {
      const bucket = outgoing.flatMap(({ p, pi }) => (p.procedural === null ? [] : [{ rows: p.procedural, target: spikeTarget(pi), list: listShape(pi), pi }]));
      functions.push(wasmProceduralThreads(`p${scatterName(gi, delay).slice(1)}`, bucket, wait));
      return { x: index, index: F + G + buckets.length + k, projections: bucket.map(({ pi }) => pi) };
    });
    functions.push(waitFunction());
    functions.push(driverFunction(net, dt, layout, { g: net.groups.map((_, gi) => F + gi), x, p, wait }));
  }
  return wasmModule({ pages: layout.pages, ...(layout.maximum === null ? {} : { shared: { maximum: layout.maximum } }), imports: KERNEL_IMPORTS, functions });
}
