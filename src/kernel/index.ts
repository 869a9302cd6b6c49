/**
 * The kernel's front door: everything the layers above it (`stream/`, `cli/`) use of the kernel,
 * and nothing else. They import from here only, so that the kernel's own modules can move
 * between its folders without touching them (test/docs/imports.test.ts checks both rules).
 *
 * Inside, from the bottom up:
 * - `numeric/`: seeded random streams, exp, the Poisson CDF, shared memory;
 * - `synapses/`: connectivity rules and how synapses are stored (compressed rows, bit rows),
 *   drawn (on one thread or several), cut between threads, and their per-synapse values;
 * - `network/`: the built network's type, its initial state, its arrays, its memory estimate
 *   and its delay buckets;
 * - `program/`: what both lowerings write alike (a group's inputs in the step, conductances in
 *   a membrane's linear part);
 * - `js/`: the step as JavaScript source, from the network (neurons, synapses, inputs);
 * - `wasm/`: the step as a WebAssembly module, its memory layout, its threads' driver, and the
 *   contract between the module and the JavaScript around it (`abi`);
 * - `threads/`: worker threads, their shared runtime, barrier and balance;
 * - here: building a network, preparing and creating kernels.
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel } from './index.js';
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1 });
 * ```
 * @module
 */
export { buildNetwork, type BuildOptions } from './buildNetwork.js';
export type { BuiltNetwork } from './network/builtNetwork.js';
export { createKernel, type Kernel } from './createKernel.js';
export { prepareKernel } from './prepareKernel.js';
export { warmThreads } from './threads/threadedKernel.js';
export { prestartWorkers, workersReady, workersStartUnaided, workersStarted } from './threads/workerPool.js';
export { waitCell } from './threads/waitCell.js';
export { chooseBackend } from './wasm/wasmIneligibility.js';
export { SimulationError } from './simulationError.js';
export { estimateMemory, formatBytes, memoryIssues } from './network/estimateMemory.js';
export { synapseBytes, type SynapseStorage } from './synapses/bitRows.js';
export { autoThreads } from './autoThreads.js';
export { sheetOf, type Sheet } from './synapses/positions.js';
