/**
 * spikestream/node: the Node-only part, kept out of the main entry so that the library bundles
 * for browsers without Node built-ins. Everything in `spikestream` is re-exported here too.
 *
 * @example
 * ```ts
 * import { fromSpec, runNetwork } from 'spikestream/node';
 * const summary = await runNetwork(fromSpec(json), { outDir: 'out/run', title: 'my network' });
 * ```
 * @packageDocumentation
 */
export * from './index.js';
export { runNetwork, type RunNetworkOptions, type RunSummary } from './cli/runNetwork.js';
export { outputProblem, writeFilesAtomically } from './cli/writeFilesAtomically.js';
export { svgToPng, type SvgToPngOptions } from './cli/svgToPng.js';
export { main, type CliIo } from './cli/main.js';
export { serve, type ServeOptions, type SpikeServer } from './io/serve.js';
