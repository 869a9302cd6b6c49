/**
 * Adds an input current to a group: a constant, or the latest value of an Observable.
 *
 * A constant is compiled into the kernel. An Observable is subscribed when the run starts
 * and unsubscribed when it ends; each value (one number for the whole group, or an array with
 * one number per neuron) applies from the next step on, and holds until the next value. This is
 * how a run is closed into a loop: a subscriber computes a value from the frame of step k and
 * pushes it into a Subject given here, and it acts at step k + 1.
 *
 * @example
 * ```ts
 * import { BehaviorSubject } from 'rxjs';
 * import { input } from 'spikestream';
 * const drive = new BehaviorSubject(30);
 * // in the pipe, after lif('E', ...):
 * input('E', drive);        // later: drive.next(35) raises the drive from the next step
 * input('I', 20);           // constant
 * ```
 * @module
 */
import { isObservable, type Observable } from 'rxjs';
import type { Frame } from './frame.js';
import type { InputValue } from './inputValue.js';
import { asNetwork, type Network } from './network.js';

/** Options of a stream input. */
export interface InputOptions {
  /** Value before the observable's first emission. Default 0. */
  readonly initial?: number;
}

/**
 * @param group - the group that receives the current
 * @param value - a constant, or an observable of values
 * @param options - the value before the first emission (stream inputs)
 * @returns an operator that adds the input to a {@link Network}
 */
export function input(group: string, value: number | Observable<InputValue>, options: InputOptions = {}): (source: Observable<Frame>) => Network {
  return (source) => {
    const net = asNetwork(source, `input("${group}")`);
    if (isObservable(value)) {
      const spec = { kind: 'stream', group, initial: options.initial ?? 0 };
      return net.extend(`input into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, spec] }), value);
    }
    const spec = { kind: 'constant', group, value };
    return net.extend(`input into "${group}"`, (s) => ({ ...s, inputs: [...s.inputs, spec] }));
  };
}
