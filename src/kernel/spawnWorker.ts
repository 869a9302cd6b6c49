/**
 * Starts a worker thread from source text, in Node (`worker_threads`, reached through
 * `process.getBuiltinModule` so that this module imports no Node built-in and bundles for
 * browsers) or in a browser (a Web Worker from a Blob URL).
 *
 * The source defines `workerLoop(d, t, source)`; the worker calls it with the data it is given.
 *
 * @example
 * ```ts
 * const worker = spawnWorker(threadRuntime, { d, t: 1, source });
 * worker.terminate();
 * ```
 * @module
 */

/** A started worker. */
export interface WorkerHandle {
  /** Stops the worker at once. */
  terminate(): void;
}

interface NodeWorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown }) => { unref(): void; terminate(): Promise<number> };
}

/**
 * Starts a worker running `runtime`, then `workerLoop(data.d, data.t, data.source)`.
 *
 * @param runtime - source text defining `workerLoop`
 * @param data - its arguments; typed arrays over SharedArrayBuffers are shared, not copied
 * @returns a handle to terminate it
 * @throws Error when the platform has neither Node worker threads nor Web Workers
 */
export function spawnWorker(runtime: string, data: { d: unknown; t: number; source: string }): WorkerHandle {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as NodeWorkerThreads | undefined;
  if (threads !== undefined) {
    const code = `${runtime}\nconst { workerData } = require('node:worker_threads');\nworkerLoop(workerData.d, workerData.t, workerData.source);\n`;
    const worker = new threads.Worker(code, { eval: true, workerData: data });
    // A kernel that is never closed must not keep the process alive.
    worker.unref();
    return { terminate: () => void worker.terminate() };
  }
  const Web = (globalThis as { Worker?: new (url: string) => { postMessage(data: unknown): void; terminate(): void } }).Worker;
  if (Web !== undefined) {
    const code = `${runtime}\nself.onmessage = (e) => workerLoop(e.data.d, e.data.t, e.data.source);\n`;
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const worker = new Web(url);
    worker.postMessage(data);
    return {
      terminate: () => {
        worker.terminate();
        URL.revokeObjectURL(url);
      },
    };
  }
  throw new Error('spikestream: threads need Node worker_threads (Node >= 20.16) or Web Workers; use threads: 1');
}
