/**
 * Run by warmStart.test.ts in a process of its own, with `--allow-natives-syntax`: builds a
 * network for two threads as a `Simulation` does, then prints how V8 has compiled each function
 * of the threads' module by then: `optimized`, `baseline` or `uncompiled`.
 */
import { clock } from '../../src/index.js';
import { compiledModule } from '../../src/kernel/wasm/wasmState.js';
import { tian2020 } from '../../examples/tian2020/network.js';

const status = new Function('f', 'return %IsTurboFanFunction(f) ? "optimized" : %IsLiftoffFunction(f) ? "baseline" : "uncompiled"') as (f: unknown) => string;
// The seed network, smaller: two groups, four projections.
const sim = tian2020(clock({ dt: 0.1, duration: 100 }), { neurons: 2000, seed: 1 }).build({ threads: 2, backend: 'wasm' });
const module = compiledModule(sim.built, 0.1, true)!;
const { pages, maximum } = sim.built.wasm!.layout;
// Code belongs to the module, not to an instance: a new instance's functions say how the
// kernel's were compiled.
const memory = new WebAssembly.Memory({ initial: pages, maximum: maximum!, shared: true });
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
const report = (): Record<string, string> => Object.fromEntries(Object.entries(exports).map(([name, f]) => [name, status(f)]));
// The optimizing compiler works on a background thread: what it was handed in the build is
// done within moments; five seconds is plenty, even beside other test files.
let seen = report();
for (const until = Date.now() + 5000; Date.now() < until && Object.entries(seen).some(([name, s]) => name !== 'w' && s !== 'optimized'); ) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  seen = report();
}
sim.kernel().close();
process.stdout.write(`${JSON.stringify(seen)}\n`);
