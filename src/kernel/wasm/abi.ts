/**
 * The contract between the kernel's WebAssembly module and the JavaScript around it, written
 * once: what the module imports, what its exports are called and take, and what they return.
 * The other half of the contract is the memory's layout (`wasmLayout`). Both sides read these
 * definitions, so that a change of one cannot leave the other behind.
 *
 * - Imports: `env.memory` and the engine's own `Math` functions {@link KERNEL_MATH}, for
 *   procedural rows drawn again at each spike: the gaps between the synapses of rows with p
 *   below 1/16 (`wasmGeometricRows`) and the weights drawn with them (normal and lognormal,
 *   `wasmRowLists`). Called through the imports, they give the bits that
 *   `fixedProbabilityRow` and `drawValues` draw in JavaScript, on any engine. Every place
 *   that instantiates the module passes {@link kernelImports}; a worker thread, whose code is
 *   a string, is sent the names.
 * - `g<gi>(…)` ({@link neuronFunction}): group gi's update, with the step as its last argument
 *   where its model reads `t` ({@link neuronTakesStep}). It returns its spike count (0 or
 *   more) or, when state variable k of neuron i is not finite, −(k·size + i + 1), with the
 *   value left in V[i] ({@link failureBase}). The caller turns it back into the neuron i and
 *   the failure's code gi + groups·k (see `failureOf`): the step's JavaScript on one thread
 *   ({@link failureDecodeSource}), the threads' step loop in WebAssembly
 *   ({@link wasmFailureDecode}).
 * - `x<gi>`, `x<gi>d<D>` ({@link scatterName}): the scatter of group gi's spikes through its
 *   projections of no delay, or of D steps.
 * - `a(step)` ({@link ARRIVALS_FUNCTION}), on one thread where synapses have delays of their
 *   own: the step's delayed sums into the traces.
 * - `r(driver, n, step)` ({@link DRIVER_FUNCTION}): a thread's loop of n steps, returning the
 *   steps done, {@link DRIVER_PEER_FAILED} or {@link DRIVER_TIMED_OUT} (see `wasmDriver`).
 *
 * @example
 * ```ts
 * const W = new WebAssembly.Instance(module, kernelImports(memory)).exports;
 * emit(op.i32Const(failureBase(k, g.size)), op.get(lane), op.i32Sub, op.return); // in g<gi>
 * ```
 * @module
 */
import type { GroupSpec } from '../../model/groupSpec.js';
import { modelReads } from '../../model/expr/neuronModel.js';
import { modelGroupOf } from '../../model/library/modelGroupOf.js';
import { modelOf } from '../../model/modelOf.js';
import { op, type WasmImport } from './wasmModule.js';

/**
 * The return value for state variable k of neuron 0; neuron i's is this minus i.
 *
 * @param k - the state variable's index in the model
 * @param size - the group's size
 * @returns −(k·size + 1)
 */
export function failureBase(k: number, size: number): number {
  return -1 - k * size;
}

/**
 * JavaScript that reads a negative return value `c` back: it declares `i`, the neuron, and
 * gives the failure's code as an expression.
 *
 * @param c - the name of the variable holding the return value (below 0)
 * @param gi - the group's index
 * @param size - the group's size
 * @param groups - the number of groups
 * @returns the declarations (`const q = …, i = …`) and the code's expression
 */
export function failureDecodeSource(c: string, gi: number, size: number, groups: number): { declare: string; code: string } {
  return { declare: `const q = -${c} - 1, i = q % ${size}`, code: `${gi} + ${groups} * Math.floor(q / ${size})` };
}

/**
 * WebAssembly that reads a negative return value back: from the i32 local `c`, it sets the i32
 * local `i` to the neuron and leaves the failure's code (an i32) on the stack.
 *
 * @param c - the local holding the return value (below 0)
 * @param i - the local to set to the neuron
 * @param gi - the group's index
 * @param size - the group's size
 * @param groups - the number of groups
 * @returns the instructions
 */
export function wasmFailureDecode(c: number, i: number, gi: number, size: number, groups: number): number[] {
  return [
    ...op.i32Const(-1), ...op.get(c), ...op.i32Sub, ...op.set(i),
    ...op.i32Const(gi), ...op.get(i), ...op.i32Const(size), ...op.i32DivU, ...op.i32Const(groups), ...op.i32Mul, ...op.i32Add,
    ...op.get(i), ...op.i32Const(size), ...op.i32RemU, ...op.set(i),
  ];
}

/** The `Math` functions the kernel's module imports, in their order (function indices 0 on). */
export const KERNEL_MATH = ['log', 'exp', 'cos', 'sin'] as const;

/** The functions the kernel's module imports from `env`, each (f64) → f64. */
export const KERNEL_IMPORTS: readonly WasmImport[] = KERNEL_MATH.map((name) => ({ name, params: ['f64'], result: 'f64' }));

/**
 * @param name - one of {@link KERNEL_MATH}
 * @returns the function index of that imported `Math` function
 */
export function mathImport(name: (typeof KERNEL_MATH)[number]): number {
  return KERNEL_MATH.indexOf(name);
}

/**
 * The import object of the kernel's module on `memory`.
 *
 * @param memory - the memory it runs on
 * @returns `{ env: { memory, log, exp, cos, sin } }`
 */
export function kernelImports(memory: WebAssembly.Memory): WebAssembly.Imports {
  return { env: { memory, ...Object.fromEntries(KERNEL_MATH.map((name) => [name, Math[name]])) } };
}

/**
 * @param gi - the group's index
 * @returns the name of group gi's update, `g<gi>`
 */
export function neuronFunction(gi: number): string {
  return `g${gi}`;
}

/**
 * Whether a group's model reads the time `t`: its update then takes the step as its last
 * argument.
 *
 * @param group - a group
 * @returns true for a model that mentions `t`
 */
export function neuronTakesStep(group: GroupSpec): boolean {
  return modelReads(modelOf(modelGroupOf(group)), 't');
}

/**
 * The name of group `gi`'s scatter function for the projections of `delay` steps.
 *
 * @param gi - the group
 * @param delay - steps
 * @returns `x<gi>`, or `x<gi>d<delay>`
 */
export function scatterName(gi: number, delay: number): string {
  return delay === 0 ? `x${gi}` : `x${gi}d${delay}`;
}

/**
 * The name of the function that adds, on one thread, the step's slot of every projection's
 * delayed sums into its traces (`a(step)`, see `wasmArrivals`); the step's JavaScript calls it
 * after the scatter, where a network has per-synapse delays.
 */
export const ARRIVALS_FUNCTION = 'a';

/** The name of a thread's step loop (see `wasmDriver`). */
export const DRIVER_FUNCTION = 'r';

/** What the step loop returns when another thread failed (its `ERROR` control word is set). */
export const DRIVER_PEER_FAILED = -1;
/** What the step loop returns when it waited for another thread's step for longer than `THREAD_TIMEOUT_MS`. */
export const DRIVER_TIMED_OUT = -2;
