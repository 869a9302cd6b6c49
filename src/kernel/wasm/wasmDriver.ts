/**
 * The step loop of a threaded WebAssembly kernel, in WebAssembly: `r(driver, n, step)` runs `n`
 * steps of one thread (its timed inputs, its probes, its neurons, its step posted and every
 * other thread's awaited, every thread's spikes gathered and scattered into its targets),
 * returning the steps done, so that JavaScript calls into the module once per block instead
 * of several times per step.
 *
 * Written because the JavaScript step of threads (`kernelSource`) cost more than its few lines
 * suggest: V8 optimized it on each thread, several times over, on the same cores the threads
 * were computing on, and ran it slower meanwhile (`npm run bench:background` measures that
 * work). The module is compiled before the kernel runs
 * (`prepareKernel`), and its functions optimized there too (`warmModule` in wasmState), so this
 * loop has no such warm-up.
 *
 * The threads meet once per step, through *mailboxes* (see {@link mailboxShape}): having updated
 * its neurons, a thread writes its step's spike counts, its spikes when they fit (the seed
 * network's 3 or 4 per thread and step do) and its flags on a cache line of its own, then the
 * step's number; each thread waits for every other's number and reads its spikes there. So
 * one line moves between the cores per thread and step, where a barrier on shared control
 * words and reading the other thread's step pointers and then its spikes moved four to six, one
 * after another, and each move costs a cross-core round trip per step (`npm run bench` prints
 * the machine's round trip with each round). Spikes that do not fit are read from the thread's spike buffer.
 *
 * Every address the loop needs is read from the thread's *driver*, a block of i32 words in the
 * shared memory (see {@link driverWords}), so that one compiled module serves every thread count
 * and every thread.
 *
 * @example
 * ```ts
 * const w = waitFunction();
 * const r = driverFunction(built, layout, { g: [0, 1], x: [2, 3], wait: 4 });
 * wasmModule({ pages, shared: { maximum }, functions: [...groupFunctions, ...scatterFunctions, w, r] });
 * ```
 * @module
 */
import type { NetworkSpec } from '../../model/networkSpec.js';
import { probedState, projectionVariables } from '../../model/probedState.js';
import type { BuiltNetwork } from '../network/builtNetwork.js';
import { BARRIER_SPINS, CTL, THREAD_TIMEOUT_MS, WAIT_MS } from '../threads/threadRuntime.js';
import { gatherSlots, type DelayBucket } from '../network/delayBuckets.js';
import type { WasmLayout } from './wasmLayout.js';
import { addLocal, op, type ValType, type WasmFunction } from './wasmModule.js';
import { wasmArrivals } from './wasmArrivals.js';
import { DRIVER_FUNCTION, DRIVER_PEER_FAILED, DRIVER_TIMED_OUT, neuronTakesStep, wasmFailureDecode } from './abi.js';


/**
 * Where a thread's driver keeps what: i32 words, for the network `spec`.
 * - `[0, 2·groups)`: the thread's range `[lo, hi)` in every group (these first words are the
 *   thread's `part`, which `threadedKernel` moves between runs, see `threadBalance`);
 * - `[2·groups, head)`: the byte addresses of its two row cut tables per projection;
 * - from `head` ({@link DRIVER}): the thread's index, the thread count, the byte addresses of
 *   the control words (`CTL`), of its count of last arrivals, of its failure record (4 f64:
 *   group, neuron, step, value) and of the spike table (per thread `u`, per group: its spike
 *   buffer and its step pointers, 2 words at `8·(u·groups + g)`); for procedural projections
 *   (see `wasmProceduralThreads`), the byte address of the threads' scratch and of their
 *   meeting's counter, and the thread's count of chunks drawn; the shift of the thread's copy
 *   of the state (0 for thread 0, see `threadStateStride`);
 * - from `head + DRIVER.GROUPS`, per group: the capacity of the thread's spike buffer, and its
 *   gather list's address;
 * - from `timed`, per timed input (in the order of `spec.inputs`): the byte addresses of its
 *   change steps (i32) and values (f64), their count, and the address of the thread's own
 *   position in them (i32) and current value (f64, 8 bytes on);
 * - from `probes`, per probe: the byte addresses of its indices (i32) and of its samples (f64,
 *   `width` per step), and its width.
 *
 * @param spec - the network spec
 * @returns the offsets, and the words in all
 */
export function driverWords(spec: NetworkSpec): { head: number; timed: number; probes: number; words: number } {
  const G = spec.groups.length;
  const head = 2 * G + 2 * spec.projections.length;
  const timed = head + DRIVER.GROUPS + 2 * G;
  const probes = timed + 4 * spec.inputs.filter((input) => input.kind === 'timed').length;
  return { head, timed, probes, words: probes + 3 * (spec.probes ?? []).length };
}

/** Offsets from a driver's head (see {@link driverWords}). */
export const DRIVER = { THREAD: 0, THREADS: 1, CTL: 2, LAST: 3, FAILURE: 4, TABLE: 5, MAILBOXES: 6, SCRATCH: 7, MEET: 8, CHUNKS: 9, SHIFT: 10, GROUPS: 11 } as const;

/**
 * Where each thread posts its step (see {@link driverFunction}): per thread, two mailboxes, for
 * even and odd steps, of `bytes` each (whole cache lines, one for up to 13 groups), holding
 * i32 words: the step posted (its number + 1), the thread's stop flags (1 = a spike buffer is
 * nearly full, 2 = a blow-up), per group the step's spike count, then up to `slots` spikes
 * (every group's, in group order) when they fit.
 *
 * @param groups - the number of groups
 * @returns the bytes of one mailbox and its spike slots
 */
export function mailboxShape(groups: number): { bytes: number; slots: number } {
  const lines = Math.ceil((2 + groups + 1) / 16);
  return { bytes: 64 * lines, slots: 16 * lines - 2 - groups };
}

/**
 * The bytes the drivers of `threads` threads take with their control words, counts of last
 * arrivals, failure records, spike table, step pointers (`maxBlock + 1` per thread and
 * group) and mailboxes ({@link mailboxShape}), the timed inputs' tables and each thread's
 * position in them, and the probes' indices and samples (`maxBlock` steps), each rounded to 64
 * bytes so that no two threads write one cache line.
 *
 * @param spec - the network spec
 * @param threads - the number of threads
 * @param maxBlock - the most steps of one run
 * @returns the bytes
 */
export function driverBytes(spec: NetworkSpec, threads: number, maxBlock: number): number {
  const line = (bytes: number): number => Math.ceil(bytes / 64) * 64;
  const G = spec.groups.length;
  const { words } = driverWords(spec);
  let bytes = 64 + line(4 * CTL.LENGTH) + threads * (64 + 64 + line(4 * words) + G * line(4 * (maxBlock + 1)) + 2 * mailboxShape(G).bytes) + line(8 * threads * G);
  for (const input of spec.inputs) if (input.kind === 'timed') bytes += line(4 * input.times.length) + line(8 * input.values.length) + threads * 64;
  for (const probe of spec.probes ?? []) bytes += line(4 * probe.indices.length) + line(8 * maxBlock * probe.indices.length);
  return bytes;
}

/** How long a wait spins, sleeps and waits in all (`threadRuntime`'s values by default). */
export interface WaitLimits {
  readonly spins: number;
  readonly waitMs: number;
  readonly timeoutMs: number;
}

/**
 * The wait `w(ctl, address, value)` for another thread's post (see {@link driverFunction}):
 * returns 1 when the i32 at `address` already holds `value` (this thread came last), 0 when
 * it did after a wait; or {@link DRIVER_PEER_FAILED} or {@link DRIVER_TIMED_OUT}. It spins
 * `limits.spins` times (or the kernel's `CTL.SPIN_LIMIT` where that is set), then sleeps (`memory.atomic.wait32`, counted in the `SLEEPERS` control
 * word, which the poster checks before it wakes anyone) in waits of `limits.waitMs`, checking
 * for a failed thread.
 *
 * A function of its own, called once per step and other thread: inlined into `r`, V8's
 * baseline WebAssembly compiler (Liftoff, Node 20) lost one of `r`'s locals across the wait,
 * and the scatter that read it afterwards faulted; optimized code was right.
 *
 * @param limits - spins before sleeping, one sleep's length and the limit of all, in ms
 * @returns the function
 */
export function waitFunction(limits: WaitLimits = { spins: BARRIER_SPINS, waitMs: WAIT_MS, timeoutMs: THREAD_TIMEOUT_MS }): WasmFunction {
  const { spins: SPIN_LIMIT, waitMs, timeoutMs } = limits;
  const [ctl, address, value] = [0, 1, 2];
  const [spins, waits, c, now, limit] = [3, 4, 5, 6, 7];
  const body: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) body.push(...part);
  };
  const control = (w: number): number[] => [...op.get(ctl), ...op.i32Const(4 * w), ...op.i32Add];
  emit(op.get(address), op.i32AtomicLoad(), op.get(value), op.i32Eq, op.if, op.i32Const(1), op.return, op.end);
  // The kernel's spin limit (CTL.SPIN_LIMIT: fewer where threads outnumber cores), else `limits.spins`.
  emit(control(CTL.SPIN_LIMIT), op.i32AtomicLoad(), op.tee(limit), op.i32Eqz, op.if, op.i32Const(SPIN_LIMIT), op.set(limit), op.end);
  emit(op.block, op.loop);
  emit(op.get(address), op.i32AtomicLoad(), op.tee(now), op.get(value), op.i32Eq, op.brIf(1));
  emit(op.get(spins), op.i32Const(1), op.i32Add, op.tee(spins), op.get(limit), op.i32LtU, op.brIf(0));
  emit(control(CTL.ERROR), op.i32AtomicLoad(), op.if, op.i32Const(DRIVER_PEER_FAILED), op.return, op.end);
  // Counted before the wait, which rechecks the word (see threadRuntime).
  emit(control(CTL.SLEEPERS), op.i32Const(1), op.i32AtomicAdd(), op.drop);
  emit(op.get(address), op.get(now), op.i64Const(waitMs * 1e6), op.atomicWait32(), op.set(c));
  emit(control(CTL.SLEEPERS), op.i32Const(1), op.i32AtomicSub(), op.drop);
  // Only waits that ran their full time count toward the limit.
  emit(op.get(c), op.i32Const(2), op.i32Eq, op.if);
  emit(op.get(waits), op.i32Const(1), op.i32Add, op.tee(waits), op.i32Const(Math.ceil(timeoutMs / waitMs)), op.i32GeU, op.if, op.i32Const(DRIVER_TIMED_OUT), op.return, op.end);
  emit(op.end);
  emit(op.br(0), op.end, op.end);
  emit(op.i32Const(0));
  return { name: 'w', params: ['i32', 'i32', 'i32'], result: 'i32', locals: ['i32', 'i32', 'i32', 'i32', 'i32'], body };
}

/** A scatter function of the module: its group's bucket of projections of one delay (see `delayBuckets`), and its index. */
export interface ScatterIndex extends DelayBucket {
  readonly gi: number;
  readonly index: number;
}

/** The function of a bucket's procedural projections (see `wasmProceduralThreads`): the bucket's scatter function, its own index, and the projections. */
export interface ProceduralIndex {
  readonly x: number;
  readonly index: number;
  readonly projections: readonly number[];
}

/**
 * The function `r(driver, n, step)`, whose module has the group functions at `indices.g`, the
 * scatter functions of every group and delay at `indices.x` (see `wasmKernelModule`), those of
 * procedural projections at `indices.p` and
 * {@link waitFunction} at `indices.wait`. It does what the step of JavaScript threads
 * (`kernelSource`) does, in the same order, on the thread's moving share, so that the spikes are
 * those of one thread. A thread's two mailboxes alternate between even and odd steps: a thread
 * rewrites the one of step k only in step k + 2, which it starts after every other thread has
 * posted step k + 1, and so has read its spikes of step k. A group with delayed projections
 * gathers each step's spikes into a ring of `gatherSlots` lists, and scatters a bucket of delay
 * D from the list of D steps ago.
 *
 * @param net - the built network
 * @param dt - time step, ms
 * @param layout - where the arrays are
 * @param indices - the function indices of `g<i>`, the scatter functions and `w`
 * @returns the function
 */
export function driverFunction(net: BuiltNetwork, dt: number, layout: WasmLayout, indices: { g: readonly number[]; x: readonly ScatterIndex[]; p: readonly ProceduralIndex[]; wait: number }): WasmFunction {
  const G = net.groups.length;
  const spec = net.spec;
  const { head, timed: timedAt, probes: probesAt } = driverWords(spec);
  const params: ValType[] = ['i32', 'i32', 'i32'];
  const [driver, n, step] = [0, 1, 2];
  const locals: ValType[] = [];
  const local = (): number => params.length + locals.push('i32') - 1;
  const k = local(), c = local(), flags = local(), list = local();
  const u = local(), q = local(), e = local(), m = local(), src = local(), i = local();
  const ctl = local(), t = local(), T = local(), table = local(), last = local(), failure = local();
  const boxes = local(), mb = local(), mine = local(), alone = local(), inline = local(), shift = local();
  const lo = net.groups.map(local);
  const hi = net.groups.map(local);
  const count = net.groups.map(local);
  const cap = net.groups.map(local);
  const own = net.groups.map(local);
  const pointers = net.groups.map(local);
  const gather = net.groups.map(local);
  const cuts = net.projections.map(() => [local(), local()] as const);
  // Per timed input: its tables, their length, the thread's position and value; the value.
  const timed = spec.inputs.flatMap((input, k) => (input.kind === 'timed' ? [{ k, group: net.groupIndex.get(input.group)!, steps: local(), values: local(), length: local(), state: local(), value: params.length + locals.push('f64') - 1 }] : []));
  // Per probe: its indices, samples and width, and the array and group it reads (V, another
  // state variable of a model, or a trace).
  const probes = (spec.probes ?? []).map((probe) => {
    const gi = net.groupIndex.get(probe.target);
    const pi = net.projections.findIndex((p) => p.spec.name === probe.target);
    const k = gi === undefined ? projectionVariables(net.projections[pi]!.spec, net.groups[net.projections[pi]!.post]).get(probe.variable)! : probedState(net.groups[gi]!, probe.variable);
    const g = gi === undefined ? null : net.groups[gi]!;
    const array = g === null ? (k === 0 ? layout.s[pi]! : layout.h[pi]!) : k === 0 ? layout.V[gi!]! : layout.NV[gi!]![k - 1]!;
    return { indices: local(), samples: local(), width: local(), array, group: gi ?? net.projections[pi]!.post };
  });
  const j = local();

  const body: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) body.push(...part);
  };
  const word = (w: number): number[] => [...op.get(driver), ...op.i32Load(4 * w)];
  /** The table entry of thread `who` and group gi: its spike buffer's address, then its step pointers'. */
  const entry = (who: number[], gi: number): number[] => [...op.get(table), ...who, ...op.i32Const(G), ...op.i32Mul, ...op.i32Const(gi), ...op.i32Add, ...op.i32Const(3), ...op.i32Shl, ...op.i32Add];
  const box = mailboxShape(G);
  /** The address of thread `who`'s mailbox of this step (even and odd steps alternate). */
  const mailboxOf = (who: number[]): number[] => [...op.get(boxes), ...who, ...op.i32Const(2 * box.bytes), ...op.i32Mul, ...op.i32Add, ...op.get(step), ...op.i32Const(1), ...op.i32And, ...op.i32Const(box.bytes), ...op.i32Mul, ...op.i32Add];
  /** The spikes a mailbox at local `at` holds: the sum of its groups' counts. */
  const posted = (at: number, groups: number): number[] => [...op.i32Const(0), ...net.groups.slice(0, groups).flatMap((_, g) => [...op.get(at), ...op.i32Load(8 + 4 * g), ...op.i32Add])];

  // The run's ranges, cuts and addresses, into locals (they move only between runs).
  net.groups.forEach((_, gi) => {
    emit(word(2 * gi), op.set(lo[gi]!), word(2 * gi + 1), op.set(hi[gi]!));
    emit(word(head + DRIVER.GROUPS + 2 * gi), op.set(cap[gi]!), word(head + DRIVER.GROUPS + 2 * gi + 1), op.set(gather[gi]!));
  });
  net.projections.forEach((_, pi) => emit(word(2 * G + 2 * pi), op.set(cuts[pi]![0]), word(2 * G + 2 * pi + 1), op.set(cuts[pi]![1])));
  emit(word(head + DRIVER.THREAD), op.set(t), word(head + DRIVER.THREADS), op.set(T), word(head + DRIVER.CTL), op.set(ctl));
  emit(word(head + DRIVER.LAST), op.set(last), word(head + DRIVER.FAILURE), op.set(failure), word(head + DRIVER.TABLE), op.set(table));
  emit(word(head + DRIVER.MAILBOXES), op.set(boxes), word(head + DRIVER.SHIFT), op.set(shift));
  timed.forEach((x, ti) => {
    const w = timedAt + 4 * ti;
    emit(word(w), op.set(x.steps), word(w + 1), op.set(x.values), word(w + 2), op.set(x.length), word(w + 3), op.set(x.state));
  });
  probes.forEach((x, r) => emit(word(probesAt + 3 * r), op.set(x.indices), word(probesAt + 3 * r + 1), op.set(x.samples), word(probesAt + 3 * r + 2), op.set(x.width)));
  net.groups.forEach((_, gi) => {
    emit(entry(op.get(t), gi), op.tee(src), op.i32Load(), op.set(own[gi]!), op.get(src), op.i32Load(4), op.set(pointers[gi]!));
    // No spikes before the first step; `count` is the thread's spikes of the run so far.
    emit(op.get(pointers[gi]!), op.i32Const(0), op.i32Store(), op.i32Const(0), op.set(count[gi]!));
  });

  emit(op.block, op.loop);
  emit(op.get(k), op.get(n), op.i32GeU, op.brIf(1));
  // Timed inputs: each thread moves its own position past the changes due by this step.
  for (const x of timed) {
    emit(op.get(x.state), op.i32Load(), op.set(q));
    emit(op.block, op.loop, op.get(q), op.get(x.length), op.i32GeU, op.brIf(1));
    emit(op.get(step), op.get(x.steps), op.get(q), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.i32LtS, op.brIf(1));
    emit(op.get(x.state), op.get(x.values), op.get(q), op.i32Const(3), op.i32Shl, op.i32Add, op.f64Load(), op.f64Store(8));
    emit(op.get(q), op.i32Const(1), op.i32Add, op.set(q), op.br(0), op.end, op.end);
    emit(op.get(x.state), op.get(q), op.i32Store(), op.get(x.state), op.f64Load(8), op.set(x.value));
  }
  // Probes: each thread samples the neurons it owns (only their values are final here), as
  // the step starts.
  for (const x of probes) {
    emit(op.i32Const(0), op.set(j), op.block, op.loop, op.get(j), op.get(x.width), op.i32GeU, op.brIf(1));
    emit(op.get(x.indices), op.get(j), op.i32Const(2), op.i32Shl, op.i32Add, op.i32Load(), op.set(q));
    emit(op.get(q), op.get(lo[x.group]!), op.i32Sub, op.get(hi[x.group]!), op.get(lo[x.group]!), op.i32Sub, op.i32LtU, op.if);
    emit(op.get(x.samples), op.get(k), op.get(x.width), op.i32Mul, op.get(j), op.i32Add, op.i32Const(3), op.i32Shl, op.i32Add);
    emit(op.get(q), op.i32Const(3), op.i32Shl, addLocal(shift), op.f64Load(x.array), op.f64Store(), op.end);
    emit(op.get(j), op.i32Const(1), op.i32Add, op.set(j), op.br(0), op.end, op.end);
  }
  // The thread's neurons of every group; a blow-up is recorded and skips the rest of the update.
  emit(op.i32Const(0), op.set(mine), mailboxOf(op.get(t)), op.set(mb));
  emit(op.block);
  net.groups.forEach((_, gi) => {
    emit(op.get(own[gi]!), op.get(count[gi]!), op.get(lo[gi]!), op.get(hi[gi]!), op.get(shift));
    for (const x of timed) if (x.group === gi) emit(op.get(x.value));
    if (neuronTakesStep(net.groups[gi]!)) emit(op.get(step));
    emit(op.call(indices.g[gi]!), op.tee(c), op.i32Const(0), op.i32LtS, op.if);
    // The failure's code and neuron (see abi).
    emit(op.get(failure), wasmFailureDecode(c, i, gi, net.groups[gi]!.size, net.groups.length), op.f64ConvertI32S, op.f64Store(0));
    emit(op.get(failure), op.get(i), op.f64ConvertI32S, op.f64Store(8));
    emit(op.get(failure), op.get(step), op.f64ConvertI32S, op.f64Store(16));
    emit(op.get(failure), op.get(i), op.i32Const(3), op.i32Shl, addLocal(shift), op.f64Load(layout.V[gi]!), op.f64Store(24));
    emit(op.get(mine), op.i32Const(2), op.i32Or, op.set(mine), op.br(1), op.end);
    emit(op.get(mb), op.get(c), op.get(count[gi]!), op.i32Sub, op.i32Store(8 + 4 * gi));
    emit(op.get(c), op.set(count[gi]!));
    emit(op.get(pointers[gi]!), op.get(k), op.i32Const(2), op.i32Shl, op.i32Add, op.get(c), op.i32Store(4));
  });
  emit(op.end);
  // A spike buffer that might not hold the next step ends the block after this one.
  net.groups.forEach((_, gi) => {
    emit(op.get(count[gi]!), op.get(hi[gi]!), op.get(lo[gi]!), op.i32Sub, op.i32Add, op.get(cap[gi]!), op.i32GtS, op.if, op.get(mine), op.i32Const(1), op.i32Or, op.set(mine), op.end);
  });

  // The step posted: its spikes into the mailbox when they fit (the other threads then read
  // one cache line of this thread's, instead of its step pointers and spike buffers), its
  // flags, and last its number, which the others wait for; a sleeper, if any, woken.
  emit(op.get(mine), op.i32Const(2), op.i32And, op.i32Eqz, posted(mb, G), op.i32Const(box.slots), op.i32LeU, op.i32And, op.if);
  emit(op.get(mb), op.i32Const(8 + 4 * G), op.i32Add, op.set(m));
  net.groups.forEach((_, gi) => {
    emit(op.get(own[gi]!), op.get(count[gi]!), op.get(mb), op.i32Load(8 + 4 * gi), op.i32Sub, op.i32Const(2), op.i32Shl, op.i32Add, op.set(q));
    emit(op.get(own[gi]!), op.get(count[gi]!), op.i32Const(2), op.i32Shl, op.i32Add, op.set(e));
    emit(op.block, op.loop, op.get(q), op.get(e), op.i32GeU, op.brIf(1));
    emit(op.get(m), op.get(q), op.i32Load(), op.i32Store(), op.get(m), op.i32Const(4), op.i32Add, op.set(m), op.get(q), op.i32Const(4), op.i32Add, op.set(q), op.br(0), op.end, op.end);
  });
  emit(op.end);
  emit(op.get(mb), op.get(mine), op.i32Store(4));
  emit(op.get(mb), op.get(step), op.i32Const(1), op.i32Add, op.i32AtomicStore());
  emit(op.get(ctl), op.i32AtomicLoad(4 * CTL.SLEEPERS), op.if, op.get(mb), op.i32Const(1 << 30), op.atomicNotify(), op.drop, op.end);
  // Every other thread's post of this step (see waitFunction): a negative result ends the run.
  // The thread that found every other's posted came last, and counts itself (threadBalance).
  emit(op.i32Const(1), op.set(alone), op.get(mine), op.set(flags), op.i32Const(0), op.set(u));
  emit(op.block, op.loop, op.get(u), op.get(T), op.i32GeU, op.brIf(1));
  emit(op.get(u), op.get(t), op.i32Ne, op.if);
  emit(op.get(ctl), mailboxOf(op.get(u)), op.tee(src), op.get(step), op.i32Const(1), op.i32Add, op.call(indices.wait), op.tee(c), op.i32Const(0), op.i32LtS, op.if, op.get(c), op.return, op.end);
  emit(op.get(alone), op.get(c), op.i32And, op.set(alone), op.get(flags), op.get(src), op.i32Load(4), op.i32Or, op.set(flags));
  emit(op.end, op.get(u), op.i32Const(1), op.i32Add, op.set(u), op.br(0), op.end, op.end);
  emit(op.get(alone), op.if, op.get(last), op.get(last), op.i32Load(), op.i32Const(1), op.i32Add, op.i32Store(), op.end);
  emit(op.get(flags), op.i32Const(2), op.i32And, op.if, op.get(k), op.return, op.end);

  // Every thread's spikes of the step, in thread order, into one list (the step's in a ring of
  // them, with its count, for a group with delayed projections); then each bucket's, of this
  // step or D steps ago, into this thread's targets, odd threads last spike first (see
  // wasmKernelModule).
  net.groups.forEach((g, gi) => {
    const buckets = indices.x.filter((b) => b.gi === gi && b.outgoing.length > 0);
    if (buckets.length === 0) return;
    const slots = gatherSlots(spec, dt, gi);
    /** The byte address of the ring's list of the step `back` steps ago, and of its count. */
    const slotOf = (back: number): number[] => [...op.get(step), ...op.i32Const(slots - back), ...op.i32Add, ...op.i32Const(slots), ...op.i32RemU];
    const listAt = (back: number): number[] => [...op.get(gather[gi]!), ...slotOf(back), ...op.i32Const(4 * g.size), ...op.i32Mul, ...op.i32Add];
    const countAt = (back: number): number[] => [...op.get(gather[gi]!), ...slotOf(back), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add];
    emit(slots > 1 ? listAt(0) : op.get(gather[gi]!), op.set(list));
    emit(op.i32Const(0), op.set(m), op.i32Const(0), op.set(u));
    emit(op.block, op.loop, op.get(u), op.get(T), op.i32GeU, op.brIf(1));
    // Another thread's spikes from its mailbox when they are there, else (and this thread's
    // own) from its spike buffer: byte addresses q to e.
    emit(op.i32Const(0), op.set(inline), op.get(u), op.get(t), op.i32Ne, op.if);
    emit(mailboxOf(op.get(u)), op.set(src), posted(src, G), op.i32Const(box.slots), op.i32LeU, op.set(inline), op.end);
    emit(op.get(inline), op.if);
    emit(op.get(src), op.i32Const(8 + 4 * G), op.i32Add, posted(src, gi), op.i32Const(2), op.i32Shl, op.i32Add, op.tee(q), op.get(src), op.i32Load(8 + 4 * gi), op.i32Const(2), op.i32Shl, op.i32Add, op.set(e));
    emit(op.else);
    emit(entry(op.get(u), gi), op.tee(src), op.i32Load(4), op.get(k), op.i32Const(2), op.i32Shl, op.i32Add, op.tee(q), op.i32Load(4), op.set(e));
    emit(op.get(q), op.i32Load(), op.set(q), op.get(src), op.i32Load(), op.set(src));
    emit(op.get(src), op.get(q), op.i32Const(2), op.i32Shl, op.i32Add, op.set(q), op.get(src), op.get(e), op.i32Const(2), op.i32Shl, op.i32Add, op.set(e));
    emit(op.end);
    emit(op.block, op.loop, op.get(q), op.get(e), op.i32GeU, op.brIf(1));
    emit(op.get(list), op.get(m), op.i32Const(2), op.i32Shl, op.i32Add, op.get(q), op.i32Load(), op.i32Store());
    emit(op.get(m), op.i32Const(1), op.i32Add, op.set(m), op.get(q), op.i32Const(4), op.i32Add, op.set(q), op.br(0), op.end, op.end);
    emit(op.get(u), op.i32Const(1), op.i32Add, op.set(u), op.br(0), op.end, op.end);
    // The counts follow the ring's lists.
    if (slots > 1) emit(countAt(0), op.get(m), op.i32Store(4 * g.size * slots));
    for (const { delay, outgoing, index } of buckets) {
      if (delay === 0) emit(op.get(list), op.set(src), op.get(m), op.set(c));
      else emit(listAt(delay), op.set(src), countAt(delay), op.i32Load(4 * g.size * slots), op.set(c));
      emit(op.get(c), op.if, op.get(src), op.get(c), op.get(t), op.i32Const(1), op.i32And, op.get(shift));
      for (const { pi } of outgoing) emit(op.get(cuts[pi]![0]), op.get(cuts[pi]![1]));
      // Per-synapse delays: the step, for each synapse's slot (see wasmKernelModule).
      if (outgoing.some(({ pi }) => layout.DQ[pi]! >= 0)) emit(op.get(step));
      emit(op.call(index));
      // The bucket's procedural projections: a function of their own, which meets the other
      // threads (see wasmProceduralThreads).
      const p = indices.p.find((x) => x.x === index);
      if (p !== undefined) {
        emit(op.get(src), op.get(c), op.get(t), op.get(T), word(head + DRIVER.SCRATCH), word(head + DRIVER.MEET), op.get(driver), op.i32Const(4 * (head + DRIVER.CHUNKS)), op.i32Add, op.get(ctl), op.get(shift));
        for (const pi of p.projections) emit(op.get(cuts[pi]![0]), op.get(cuts[pi]![1]));
        if (p.projections.some((pi) => layout.DQ[pi]! >= 0)) emit(op.get(step));
        emit(op.call(p.index), op.tee(i), op.i32Const(0), op.i32LtS, op.if, op.get(i), op.return, op.end);
      }
      emit(op.end);
    }
  });
  // What reaches this thread's targets this step through per-synapse delays: the step's slot of
  // the sums into the traces (the thread's copy), the slot emptied; the JavaScript kernel's
  // delayedArrivals. Each thread's targets are its own: the scatter wrote their sums only.
  net.projections.forEach((p, pi) => {
    if (layout.DQ[pi]! < 0) return;
    const sums = { slots: layout.DS[pi]!, cols: net.groups[p.post]!.size, sums: layout.DQ[pi]!, trace: layout.into[pi]! };
    emit(wasmArrivals(sums, { step, i, e, lo: lo[p.post]!, hi: hi[p.post]! }, shift));
  });
  emit(op.get(flags), op.i32Const(1), op.i32And, op.if, op.get(k), op.i32Const(1), op.i32Add, op.return, op.end);
  emit(op.get(k), op.i32Const(1), op.i32Add, op.set(k), op.get(step), op.i32Const(1), op.i32Add, op.set(step));
  emit(op.br(0), op.end, op.end);
  emit(op.get(n));
  return { name: DRIVER_FUNCTION, params, result: 'i32', locals, body };
}
