/**
 * How a group's WebAssembly function reports a blow-up, and how its callers read the report: a
 * part of the contract between the module and the JavaScript around it, written once here.
 *
 * The function `g<gi>` returns its spike count (0 or more) or, when state variable k of neuron i
 * is not finite, −(k·size + i + 1), with the value left in V[i]. The caller turns it back into
 * the neuron i and the failure's code gi + groups·k (see `failureOf`): the step's JavaScript on
 * one thread ({@link failureDecodeSource}), the threads' step loop in WebAssembly
 * ({@link wasmFailureDecode}).
 *
 * @example
 * ```ts
 * emit(op.i32Const(failureBase(k, g.size)), op.get(lane), op.i32Sub, op.return); // in g<gi>
 * ```
 * @module
 */
import { op } from './wasmModule.js';

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
