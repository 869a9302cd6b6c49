/**
 * spikestream/kernel: the building blocks under the operators, for advanced use. Build a
 * network from its spec, make kernels of it and step them by hand (no RxJS), read the code a
 * network compiles to, estimate its memory, choose its back end, control the worker threads,
 * and read the synapses as stored. A model builder and a pipeline author need none of it: the
 * main entry (`spikestream`) has the operators, monitors, specs, io and plots.
 *
 * @example
 * ```ts
 * import { decodeNetworkSpec } from 'spikestream';
 * import { buildNetwork, createKernel } from 'spikestream/kernel';
 * const kernel = createKernel(buildNetwork(spec), { dt: 0.1 });
 * kernel.run(100);                                // 10 ms
 * const { stepPtr, indices } = kernel.spikes(0);  // the first group's spikes in those steps
 * ```
 * @packageDocumentation
 */
export { buildNetwork, DEFAULT_MAX_BYTES, type BuildOptions } from './kernel/buildNetwork.js';
export type { BuiltNetwork, BuiltProjection } from './kernel/network/builtNetwork.js';
export { createKernel, type Kernel, type KernelOptions, type KernelGroup, type KernelProjection, type SpikeRows } from './kernel/createKernel.js';
export { kernelSource, type KernelPart } from './kernel/js/kernelSource.js';
export { threadRange } from './kernel/threads/threadBalance.js';
export { prepareKernel, type PrepareOptions } from './kernel/prepareKernel.js';
export { estimateMemory, memoryIssues, storageRule, formatBytes, MAX_ARRAY_LENGTH, type MemoryEstimate, type ProjectionEstimate } from './kernel/network/estimateMemory.js';
export { prestartWorkers, workersReady, workersStartUnaided, workersStarted } from './kernel/threads/workerPool.js';
export { waitCell } from './kernel/threads/waitCell.js';
export { warmThreads } from './kernel/threads/threadedKernel.js';
export { autoThreads, AUTO_MAX_THREADS } from './kernel/autoThreads.js';
export { machineCores } from './kernel/threads/machineCores.js';
export { threadsIneligibility, wasmIneligibility } from './kernel/wasm/wasmIneligibility.js';
export { moduleScatterIneligibility } from './kernel/wasm/moduleScatter.js';
export { randomStream, streamKey, subKey, Xoshiro128 } from './kernel/numeric/random.js';
export { buildSynapses, storesBits, synapsesOf, type Space } from './kernel/synapses/connectivity.js';
export { distanceRow, distanceSynapses, distanceCapacity } from './kernel/synapses/distanceRows.js';
export { fixedProbabilityRow, type ProceduralRows, type RowGenerator } from './kernel/synapses/fixedProbability.js';
export { bitRowsOf, csrOf, isBitRows, rowTargets, synapseBytes, type BitRows, type StorageRule, type Synapses, type SynapseStorage } from './kernel/synapses/bitRows.js';
export type { Csr, CsrAlloc, IndexArray } from './kernel/synapses/csr.js';
export { synapseValues, rowValues, columnsOf, delaySteps, stepWidth, rowOf, type Columns, type DelaySteps, type RowValues } from './kernel/synapses/synapseValues.js';
export type { WasmHome } from './kernel/wasm/wasmState.js';
export type { WasmLayout } from './kernel/wasm/wasmLayout.js';
