/**
 * The part of a threaded kernel that runs on every thread, as JavaScript source: the barrier
 * of JavaScript threads (WebAssembly threads post their steps to each other instead, see
 * `wasmDriver`, and sleep on the same control words), the per-thread state object `S` that
 * the generated step reads, and a worker's command loop.
 *
 * It is source text, not imported code, because a worker is started from a string (a Node
 * `eval` worker or a browser Blob URL) so that it needs no file on disk and no bundler support;
 * the main thread evaluates the same text, so both sides share one implementation.
 *
 * All coordination goes through one shared `Int32Array` of control words (`CTL_*`). Waits spin
 * (inside a run for up to {@link BARRIER_SPINS} checks, an idle worker for {@link SPINS}) and then
 * sleep with `Atomics.wait`, checking for a failed worker so that nothing hangs.
 *
 * @example
 * ```ts
 * import { threadRuntime } from './threadRuntime.js';
 * const { threadState } = new Function(`${threadRuntime}; return { threadState };`)();
 * ```
 * @module
 */

/** Control word indices (see {@link threadRuntime}). */
export const CTL = {
  /** Incremented by the main thread for each command. */
  SEQ: 0,
  /** Steps to run. */
  STEPS: 1,
  /** Workers that finished the command. */
  DONE: 2,
  /** Barrier arrivals. */
  COUNT: 3,
  /** Barrier generation. */
  GEN: 4,
  /** Stop flags of even and odd steps: 1 = a spike buffer is nearly full, 2 = a blow-up. */
  FLAGS: 5,
  /** Set to make the workers return. */
  QUIT: 7,
  /** Set by a worker that threw. */
  ERROR: 8,
  /** The step the command starts at. */
  START: 9,
  /** Threads asleep in `Atomics.wait` (the barrier wakes them only when there are any). */
  SLEEPERS: 10,
  /** Workers that have left their loop after `QUIT` (the kernel's memory may then serve another). */
  LEFT: 11,
  /** Spins of a wait inside a run before it sleeps; 0: {@link BARRIER_SPINS} (see {@link OVERSUBSCRIBED_SPINS}). */
  SPIN_LIMIT: 12,
  /** Number of words. */
  LENGTH: 13,
} as const;

/** How long any thread waits for another before it gives up, ms. */
export const THREAD_TIMEOUT_MS = 60_000;

/**
 * How many times an idle worker (waiting for its next run, see `workerLoop`) checks before it
 * sleeps: a fraction of a millisecond of spinning. A thread put to sleep takes longer than a step to wake, but
 * between runs the calling thread may be busy for a while (its subscribers), and a worker that
 * sleeps then leaves its core to the engine's own background work.
 */
export const SPINS = 1 << 18;

/**
 * How many times a thread waiting inside a run (for another's step, or the calling thread for
 * its workers' end of a run) checks before it sleeps: a few milliseconds of spinning. The
 * thread it waits for is late by a step's share of work, or because it lost its core for a
 * moment, to V8's garbage collection or optimizing compiler or to another process; a waiting
 * thread that sleeps through such a moment costs more to wake than the spin, so the spin covers
 * the usual lost moment and sleeping stays rare. `npm run bench` measures two threads against
 * one; docs/notes/performance-log.md has the runs that chose this count.
 */
export const BARRIER_SPINS = 1 << 22;

/**
 * The spins of a wait inside a run when a kernel has more threads than the machine has cores: a
 * microsecond or so. A waiting thread that spins then holds a core the thread it waits for
 * needs, for the rest of its time slice: with the full {@link BARRIER_SPINS}, 4 threads on 2
 * cores ran the seed network about 100 times slower than one thread (`npm run bench --
 * --threads 1,2,4`); sleeping at once, they take the operating system's wake-up per meeting.
 */
export const OVERSUBSCRIBED_SPINS = 1 << 10;

/** How long one sleep of a waiting thread lasts at most, ms, before it checks again. */
export const WAIT_MS = 10;

/**
 * Defines `threadState(d, t)` and `workerLoop(d, t, source)`, where `d` holds the shared arrays
 * (see `threadedKernel`) and `t` is the thread index, and `drawRows(job)`, a thread's part of a
 * parallel build (see `parallelRows`).
 */
export const threadRuntime = `
const SEQ = ${CTL.SEQ}, STEPS = ${CTL.STEPS}, DONE = ${CTL.DONE}, COUNT = ${CTL.COUNT}, GEN = ${CTL.GEN};
const FLAGS = ${CTL.FLAGS}, QUIT = ${CTL.QUIT}, ERROR = ${CTL.ERROR}, START = ${CTL.START}, SLEEPERS = ${CTL.SLEEPERS}, LEFT = ${CTL.LEFT}, SPIN_LIMIT = ${CTL.SPIN_LIMIT};
const TIMEOUT = ${THREAD_TIMEOUT_MS}, SPINS = ${SPINS}, BARRIER_SPINS = ${BARRIER_SPINS}, WAIT_MS = ${WAIT_MS};

// idle: a worker waiting for its next run, which may come in a minute or never: a shorter spin
// and no timeout (a kernel paused by its user must not fail when it resumes).
function waitWhile(ctl, index, value, idle) {
  const limit = idle ? SPINS : Atomics.load(ctl, SPIN_LIMIT) || BARRIER_SPINS;
  let spins = 0;
  let since = 0;
  while (Atomics.load(ctl, index) === value) {
    if (++spins < limit) continue;
    if (Atomics.load(ctl, ERROR) !== 0) throw new Error('spikestream: another kernel thread failed');
    if (since === 0) since = Date.now();
    else if (!idle && Date.now() - since > TIMEOUT) throw new Error('spikestream: a kernel thread did not respond for ' + TIMEOUT + ' ms');
    // Counted before the wait, which rechecks the value: a thread that changes it and then
    // finds no sleeper counted needs to wake nobody.
    Atomics.add(ctl, SLEEPERS, 1);
    Atomics.wait(ctl, index, value, WAIT_MS);
    Atomics.sub(ctl, SLEEPERS, 1);
  }
}

// A thread's parts of the state between the network's arrays and its copy, \`shift\` bytes on:
// in (before a run) or back out (after it). parts: per array, its byte address, bytes per
// neuron and group; the thread's range [lo, hi) of group g is at words 2g, 2g + 1 of its
// driver. (An odd group's padding neuron stays: some arrays end at the group's last neuron.)
function stateMove(memory, parts, shift, driver) {
  return function move(into) {
    const bytes = new Uint8Array(memory.buffer);
    const range = new Int32Array(memory.buffer, driver);
    for (let k = 0; k < parts.length; k += 3) {
      const at = parts[k], per = parts[k + 1], g = parts[k + 2];
      const lo = range[2 * g], hi = range[2 * g + 1];
      if (hi <= lo) continue;
      const a = at + per * lo, b = at + per * hi;
      if (into) bytes.copyWithin(a + shift, a, b);
      else bytes.copyWithin(a, a + shift, b + shift);
    }
  };
}

function threadState(d, t) {
  const ctl = d.ctl;
  const T = d.threads;
  const mine = d.threadBuffers[t];
  return {
    step: 0,
    groups: d.groups.map((g, gi) => ({ V: g.V, held: g.held, rng: g.rng, vars: g.vars, params: g.params, ring: mine[gi].ring, ringN: mine[gi].ringN, spikes: mine[gi].spikes, stepPtr: mine[gi].stepPtr })),
    threads: d.threadBuffers,
    projections: d.projections,
    preCopy: d.preCopy[t],
    cuts: d.cuts,
    inputs: d.inputs,
    timed: d.timed.map((t) => t && { steps: t.steps, values: t.values, now: new Float64Array(2) }),
    poissonIn: d.poissonIn,
    probes: d.probes,
    // This thread's WebAssembly module on the shared memory, when the kernel runs in it, with
    // the Math functions kernelImports names (d.wasm.math).
    // Its copy of the state (threads 1, 2, …: see threadStateStride), moved by stateMove.
    wasm: d.wasm && { exports: new WebAssembly.Instance(d.wasm.module, { env: { memory: d.wasm.memory, ...Object.fromEntries(d.wasm.math.map((name) => [name, Math[name]])) } }).exports, move: d.wasm.shifts[t] === 0 ? null : stateMove(d.wasm.memory, d.wasm.parts, d.wasm.shifts[t], d.drivers[t]) },
    // WebAssembly: the byte address of this thread's driver, where the module's step loop finds
    // its ranges (which threadBalance moves between runs) and buffers (see wasmDriver).
    driver: d.drivers === null ? -1 : d.drivers[t],
    full(k) {
      Atomics.or(ctl, FLAGS + (k & 1), 1);
    },
    fail(g, i, step, v, k) {
      const f = d.failures;
      f[4 * t] = g; f[4 * t + 1] = i; f[4 * t + 2] = step; f[4 * t + 3] = v;
      Atomics.or(ctl, FLAGS + (k & 1), 2);
    },
    barrier(k) {
      const gen = Atomics.load(ctl, GEN);
      if (Atomics.add(ctl, COUNT, 1) === T - 1) {
        // Last to arrive. Everyone has read the flags of step k - 1 by now: clear them for
        // step k + 1. (JavaScript threads keep equal shares; the module's threads count
        // their last arrivals for threadBalance.)
        Atomics.store(ctl, FLAGS + ((k + 1) & 1), 0);
        Atomics.store(ctl, COUNT, 0);
        Atomics.add(ctl, GEN, 1);
        // Waking takes a lock in the engine: skipped when every other thread is spinning.
        if (Atomics.load(ctl, SLEEPERS) !== 0) Atomics.notify(ctl, GEN);
      } else {
        waitWhile(ctl, GEN, gen);
      }
      return Atomics.load(ctl, FLAGS + (k & 1));
    },
  };
}

// A build's rows (see parallelRows): claims ranges of rows (ctl word 0) until none is left, draws
// each with its projection's row drawer into the range's region of the projection's index array,
// writes each row's length into rowPtr[i + 1] and how many of its targets lie below each of the
// task's starts into cuts[i * K + k] (see rowCuts), and counts the range done (word 1). A range is
// five numbers of job.ranges: its projection (task), first row, end row, region start and end.
// A bit-row projection's ranges set their rows' bits in task.words; every range counts its
// synapses in job.synapses[r]. A range that outgrows its region flags its projection (job.overflow) and is still counted, so
// that nobody waits for it; a throw is flagged (word 2) with its text in job.message.
function drawRows(job) {
  const ctl = job.ctl, ranges = job.ranges, made = [];
  try {
    for (;;) {
      const r = Atomics.add(ctl, 0, 1);
      if (r >= ranges.length / 5) return;
      const k = ranges[5 * r], task = job.tasks[k], cols = task.cols, col = task.col, rowPtr = task.rowPtr;
      let m = made[k];
      if (m === undefined) {
        const memory = new WebAssembly.Memory({ initial: task.pages });
        m = made[k] = {
          d: new WebAssembly.Instance(task.module, { env: { memory } }).exports.d,
          list: new Int32Array(memory.buffer, task.list, 4),
          counts: new Int32Array(memory.buffer, task.counts, 4),
          targets: new Uint32Array(memory.buffer, task.out, 4 * cols),
        };
      }
      const d = m.d, list = m.list, counts = m.counts, targets = m.targets;
      const last = ranges[5 * r + 2], end = ranges[5 * r + 4];
      // Bit rows set each row's own words (no two threads write one word); compressed rows
      // store the row in the range's region, with its cuts while its targets are at hand.
      const words = task.words, per = task.per, starts = task.starts, cuts = task.cuts;
      const K = words === undefined ? starts.length : 0;
      let at = ranges[5 * r + 3], nnz = 0;
      rows: for (let i = ranges[5 * r + 1]; i < last; i += 4) {
        for (let L = 0; L < 4; L++) list[L] = i + L;
        d(4);
        for (let L = 0; L < 4 && i + L < last; L++) {
          const n = counts[L], first = L * cols;
          nnz += n;
          if (words !== undefined) {
            const base = (i + L) * per;
            for (let q = first; q < first + n; q++) words[base + (targets[q] >>> 5)] |= 1 << (targets[q] & 31);
            continue;
          }
          if (at + n > end) {
            Atomics.store(job.overflow, k, 1);
            break rows;
          }
          col.set(targets.subarray(first, first + n), at);
          at += n;
          rowPtr[i + L + 1] = n;
          // How many of the row's targets lie below each start.
          for (let q = 0, lo = first; q < K; q++) {
            let hi = first + n;
            while (lo < hi) {
              const mid = (lo + hi) >>> 1;
              if (targets[mid] < starts[q]) lo = mid + 1;
              else hi = mid;
            }
            cuts[(i + L) * K + q] = lo - first;
          }
        }
      }
      job.synapses[r] = nnz;
      Atomics.add(ctl, 1, 1);
      Atomics.notify(ctl, 1);
    }
  } catch (e) {
    const text = new TextEncoder().encode(String(e && e.stack || e));
    job.message.set(text.subarray(0, job.message.length));
    Atomics.store(ctl, 2, 1);
    Atomics.notify(ctl, 1);
  }
}

function workerLoop(d, t, source) {
  const ctl = d.ctl;
  let S = null;
  try {
    S = threadState(d, t);
    const run = new Function('S', 'C', source)(S, d.csr);
    let seen = 0;
    for (;;) {
      waitWhile(ctl, SEQ, seen, true);
      seen = Atomics.load(ctl, SEQ);
      if (Atomics.load(ctl, QUIT) !== 0) {
        Atomics.add(ctl, LEFT, 1);
        Atomics.notify(ctl, LEFT);
        return;
      }
      S.step = Atomics.load(ctl, START);
      run(Atomics.load(ctl, STEPS));
      Atomics.add(ctl, DONE, 1);
      Atomics.notify(ctl, DONE);
    }
  } catch (e) {
    // First line: the thread and the step it was at (see threadedKernel's workerError).
    const text = new TextEncoder().encode(t + ' ' + (S === null ? -1 : S.step) + '\\n' + String(e && e.stack || e));
    d.message.set(text.subarray(0, d.message.length));
    Atomics.store(ctl, ERROR, 1);
    Atomics.notify(ctl, GEN);
    Atomics.notify(ctl, DONE);
  }
}
`;
