/**
 * The kernel's worker threads, kept in a pool: a worker takes tens of milliseconds to start (a
 * new JavaScript engine instance), longer than a threaded kernel needs for many steps of the
 * seed network, so workers are started ahead of time ({@link prestartWorkers}, which
 * a threaded `Simulation` calls before it draws its synapses, so that they start on the other
 * cores while the build runs) and go back to the pool when their kernel closes.
 *
 * Workers run in Node (`worker_threads`, reached through `process.getBuiltinModule` so that
 * this module imports no Node built-in and bundles for browsers) or in a browser (a Web Worker
 * from a Blob URL). Each evaluates the thread runtime (`threadRuntime`) once, says it has
 * started (`workersStarted`, `workersReady`), and then, for every kernel it serves, calls
 * `workerLoop(d, t, source)` with the message it is sent; the loop returns when the kernel
 * closes, and the worker waits for its next kernel.
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel, prestartWorkers } from 'spikestream/kernel';
 * prestartWorkers(1); // starts while the synapses are drawn
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1, threads: 2 });
 * kernel.run(100);
 * kernel.close(); // the worker goes back to the pool
 * ```
 * @module
 */
import { threadRuntime } from './threadRuntime.js';

/** A worker of the pool, serving one kernel. */
export interface WorkerHandle {
  /** Starts `workerLoop(d, t, source)` on the worker (queued until it is free). */
  start(data: { d: unknown; t: number; source: string }): void;
  /** Gives the worker back to the pool; its loop must have been told to return (`CTL.QUIT`). */
  release(): void;
  /** Stops the worker at once (a worker that may be stuck is not given back). */
  terminate(): void;
  /** Whether the worker has exited (terminated, or crashed outside its loop): it answers no more. */
  readonly exited: boolean;
}

interface PooledWorker {
  post(message: unknown): void;
  terminate(): void;
  /** Set when the worker exits. */
  exited: boolean;
  /** Whether it has started (evaluated the runtime and said so). */
  ready: boolean;
  /** Settles when it has started, or failed to. */
  readonly started: Promise<void>;
}

interface NodeWorkerThreads {
  Worker: new (code: string, options: { eval: true }) => {
    unref(): void;
    postMessage(message: unknown): void;
    terminate(): Promise<number>;
    once(event: 'message' | 'error' | 'exit', listener: (value: unknown) => void): void;
  };
}

/** More idle workers than this are stopped rather than kept. */
const MAX_IDLE = 64;
const idle: PooledWorker[] = [];

/** Node's worker_threads, or undefined outside Node. */
function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc?.getBuiltinModule?.('node:worker_threads') as NodeWorkerThreads | undefined;
}

function startWorker(): PooledWorker {
  const threads = nodeWorkerThreads();
  if (threads !== undefined) {
    const code = `${threadRuntime}\nconst port = require('node:worker_threads').parentPort;\nport.on('message', (m) => (m.rows !== undefined ? drawRows(m.rows) : workerLoop(m.d, m.t, m.source)));\nport.postMessage('ready');\n`;
    const worker = new threads.Worker(code, { eval: true });
    // Idle or serving a kernel that is never closed, a worker must not keep the process alive.
    worker.unref();
    const pooled: PooledWorker = {
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
      exited: false,
      ready: false,
      started: new Promise<void>((resolve, reject) => {
        worker.once('message', () => {
          pooled.ready = true;
          resolve();
        });
        worker.once('error', reject);
      }),
    };
    worker.once('exit', () => {
      pooled.exited = true;
      const at = idle.indexOf(pooled);
      if (at >= 0) idle.splice(at, 1);
    });
    return pooled;
  }
  type WebWorker = { postMessage(data: unknown): void; terminate(): void; onmessage: ((e: unknown) => void) | null; onerror: ((e: unknown) => void) | null };
  const Web = (globalThis as { Worker?: new (url: string) => WebWorker }).Worker;
  if (Web !== undefined) {
    const code = `${threadRuntime}\nself.onmessage = (e) => (e.data.rows !== undefined ? drawRows(e.data.rows) : workerLoop(e.data.d, e.data.t, e.data.source));\nself.postMessage('ready');\n`;
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const worker = new Web(url);
    const pooled: PooledWorker = {
      post: (message) => worker.postMessage(message),
      terminate: () => {
        worker.terminate();
        URL.revokeObjectURL(url);
      },
      // A Web Worker says nothing when it ends; one that fails outside its loop reports an error.
      exited: false,
      ready: false,
      started: new Promise<void>((resolve, reject) => {
        worker.onmessage = () => {
          pooled.ready = true;
          worker.onmessage = null;
          resolve();
        };
        worker.onerror = (e) => {
          if (pooled.ready) pooled.exited = true;
          reject(new Error(`spikestream: a kernel worker thread failed to start: ${String((e as { message?: unknown }).message ?? e)}`));
        };
      }),
    };
    return pooled;
  }
  throw new Error('spikestream: threads need Node worker_threads (Node >= 20.16) or Web Workers; use threads: 1');
}

/**
 * Starts kernel worker threads now, so that a threaded kernel created later finds them running
 * instead of waiting for each to start (a new JavaScript engine instance each). A threaded `Simulation` (`build(net$,
 * { threads })`) calls it itself before drawing its synapses; call it yourself before
 * `buildNetwork` when you create threaded kernels by hand.
 *
 * @param count - how many workers should be idle in the pool (`threads − 1` per kernel)
 * @returns how many were started (0 when enough are idle already)
 * @throws Error when the platform has neither Node worker threads nor Web Workers
 * @example
 * ```ts
 * prestartWorkers(1);
 * const built = buildNetwork(spec); // the worker starts meanwhile
 * const kernel = createKernel(built, { dt: 0.1, threads: 2 });
 * ```
 */
export function prestartWorkers(count: number): number {
  if (!(Number.isInteger(count) && count >= 0 && count <= MAX_IDLE)) throw new RangeError(`prestartWorkers: count must be a whole number in [0, ${MAX_IDLE}], got ${count}`);
  let started = 0;
  while (idle.length < count) {
    idle.push(startWorker());
    started++;
  }
  return started;
}

/**
 * Whether a worker started now would start while the thread that started it is busy: in Node
 * (worker_threads), yes; in a browser, a worker started from a worker needs its parent's event
 * loop, so a threaded kernel made there must not run before its workers have started (see
 * {@link workersStarted}). A threaded `Simulation` makes its first kernel as it builds only
 * when this holds or its workers have already started.
 *
 * @returns true in Node
 * @example
 * ```ts
 * if (workersStartUnaided() || workersStarted(1)) kernel = createKernel(built, { dt: 0.1, threads: 2 });
 * ```
 */
export function workersStartUnaided(): boolean {
  return nodeWorkerThreads() !== undefined;
}

/**
 * Whether `count` workers of the pool have started. A threaded kernel's first step waits at a
 * barrier for its workers; in a browser a worker started from a worker cannot start while its
 * parent waits so, which is why a threaded `Simulation` checks this (and else waits for
 * {@link workersReady}) before it creates its kernel.
 *
 * @param count - workers wanted
 * @returns true when at least `count` idle workers have started
 */
export function workersStarted(count: number): boolean {
  let n = 0;
  for (const w of idle) if (w.ready) n++;
  return n >= count;
}

/**
 * Starts workers as {@link prestartWorkers} does and settles when `count` of them have started:
 * in a browser, await it before creating a threaded kernel by hand (a threaded `Simulation`
 * does it for you), since a worker created from a worker does not start while its parent waits
 * at the kernel's first barrier.
 *
 * @param count - workers wanted (`threads − 1` per kernel)
 * @returns a promise that resolves when they have started, and rejects if one failed to
 * @example
 * ```ts
 * await workersReady(1);
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1, threads: 2 });
 * ```
 */
export async function workersReady(count: number): Promise<void> {
  prestartWorkers(count);
  await Promise.all(idle.map((w) => w.started));
}

/**
 * Hands `message` to `count` idle workers of the pool (started here where there are fewer), which
 * take it up between kernels and stay in the pool: a parallel build's share of work (see
 * `parallelRows`). A worker that is still starting takes it up when it has started.
 *
 * @param count - workers to hand it to
 * @param message - a structured-clonable message the worker's runtime dispatches on
 * @returns how many workers it was handed to
 * @example
 * ```ts
 * lendWorkers(1, { rows: job }); // job: see parallelRows
 * ```
 */
export function lendWorkers(count: number, message: unknown): number {
  prestartWorkers(Math.min(count, MAX_IDLE));
  const lent = idle.slice(0, count);
  for (const w of lent) w.post(message);
  return lent.length;
}

/**
 * A worker for a kernel: an idle one of the pool, else a new one.
 *
 * @returns its handle
 * @throws Error when the platform has neither Node worker threads nor Web Workers
 */
export function takeWorker(): WorkerHandle {
  // A started worker first (see workersStarted).
  const at = idle.findIndex((w) => w.ready);
  const worker = (at >= 0 ? idle.splice(at, 1)[0] : idle.pop()) ?? startWorker();
  let owned = true;
  return {
    get exited() {
      return worker.exited;
    },
    start: (data) => worker.post(data),
    release() {
      if (!owned) return;
      owned = false;
      if (idle.length < MAX_IDLE) idle.push(worker);
      else worker.terminate();
    },
    terminate() {
      if (!owned) return;
      owned = false;
      worker.terminate();
    },
  };
}
