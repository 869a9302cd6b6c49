/**
 * The kernel's front door: everything the layers above it (`stream/`, `cli/`) use of the kernel,
 * and nothing else. They import from here only, so that the kernel's own modules can move
 * between its folders without touching them (test/docs/imports.test.ts checks both rules).
 *
 * @example
 * ```ts
 * import { buildNetwork, createKernel } from '../kernel/index.js';
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1 });
 * ```
 * @module
 */
export { buildNetwork, type BuildOptions, type BuiltNetwork } from './buildNetwork.js';
export { createKernel, type Kernel } from './createKernel.js';
export { prepareKernel } from './prepareKernel.js';
export { warmThreads } from './threadedKernel.js';
export { prestartWorkers, workersReady, workersStartUnaided, workersStarted } from './workerPool.js';
export { waitCell } from './waitCell.js';
export { chooseBackend } from './wasm/wasmIneligibility.js';
export { SimulationError } from './simulationError.js';
export { estimateMemory, formatBytes, memoryIssues } from './estimateMemory.js';
export { synapseBytes, type SynapseStorage } from './bitRows.js';
export { autoThreads } from './autoThreads.js';
export { sheetOf, type Sheet } from './positions.js';
