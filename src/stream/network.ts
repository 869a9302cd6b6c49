/**
 * A network as an observable: the blueprint that group, projection and input operators extend.
 *
 * `network({ seed })` turns a {@link Clock} into an empty `Network`; each operator after it
 * (`lif`, `expCurrent`, `input`, `sampleState`) returns a new `Network` with one more part,
 * validated on the spot. Nothing is allocated until it is built: `build(net$)` (or
 * `net.build()`) draws the synapses once and returns a {@link Simulation}; subscribing to a
 * `Network` directly builds and runs a fresh simulation per subscription, as a cold observable.
 *
 * @example
 * ```ts
 * import { clock, network, lif, input, build } from 'spikestream';
 * const net$ = clock({ dt: 0.1, duration: 100 }).pipe(
 *   network({ seed: 1 }),
 *   lif('E', { size: 100, tau: 15, threshold: 15, reset: 0, v0: 0 }),
 *   input('E', 20),
 * );
 * const sim = build(net$);
 * sim.subscribe((frame) => console.log(frame.step, frame.spikes.E!.indices.length));
 * ```
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { Observable } from 'rxjs';
import { decodeNetworkSpec, type NetworkSpec } from '../model/networkSpec.js';
import { SpecError } from '../model/specError.js';
import { Clock } from './clock.js';
import type { Frame, Tick } from './frame.js';
import type { InputValue } from './inputValue.js';
import { Simulation, type SimulationOptions } from './simulation.js';

/** Options of {@link network}. */
export interface NetworkOptions {
  /** Seed of every random stream of the network (synapses, initial values). Default 0. */
  readonly seed?: number;
}

/** A network blueprint: its clock, its spec (plain data) and the observables feeding its stream inputs. */
export class Network extends Observable<Frame> {
  /**
   * @param clock - the clock that drives it
   * @param spec - the network as data, already validated
   * @param streams - observables of stream inputs, by index in `spec.inputs`
   */
  constructor(
    readonly clock: Clock,
    readonly spec: NetworkSpec,
    readonly streams: ReadonlyMap<number, Observable<InputValue>> = new Map(),
  ) {
    super((subscriber) => this.build().subscribe(subscriber));
  }

  /**
   * A network with `change` applied to the spec, validated; the operators' common path.
   *
   * @param what - the operator and part being added, for the error message
   * @param change - the new spec
   * @param stream - an observable for the new input, when the change adds a stream input
   * @throws {@link SpecError} with the path of every problem
   */
  extend(what: string, change: (spec: NetworkSpec) => unknown, stream?: Observable<InputValue>): Network {
    const next = change(this.spec);
    const checked = decodeNetworkSpec(next);
    if (E.isLeft(checked)) throw new SpecError(checked.left, what);
    const streams = new Map(this.streams);
    if (stream !== undefined) streams.set(checked.right.inputs.length - 1, stream);
    return new Network(this.clock, checked.right, streams);
  }

  /**
   * Draws the synapses and returns a simulation ready to run (see {@link build}).
   *
   * @param options - memory limit and threads
   */
  build(options: SimulationOptions = {}): Simulation {
    return new Simulation(this, options);
  }
}

/**
 * Starts a network on a clock.
 *
 * @param options - the network's seed
 * @returns an operator from a {@link Clock} to an empty {@link Network}
 */
export function network(options: NetworkOptions = {}): (source: Observable<Tick>) => Network {
  return (source) => {
    if (!(source instanceof Clock)) {
      throw new TypeError('network(): the source must be a clock made by clock() (the kernel needs its dt up front)');
    }
    const spec = { seed: options.seed ?? 0, groups: [], projections: [], inputs: [] };
    const checked = decodeNetworkSpec(spec);
    if (E.isLeft(checked)) throw new SpecError(checked.left, 'network options');
    return new Network(source, checked.right);
  };
}

/**
 * Asserts that an observable is a {@link Network}, for operators that extend one.
 *
 * @param source - what the operator was applied to
 * @param operator - the operator's name and argument, for the message
 */
export function asNetwork(source: Observable<Frame>, operator: string): Network {
  if (source instanceof Network) return source;
  throw new TypeError(`${operator}: the source must be a network (start the pipe with clock(...).pipe(network(...), ...))`);
}

/**
 * Builds a network: draws its synapses once. The result can be subscribed any number of
 * times; each subscription runs from step 0 with fresh state and the same synapses.
 *
 * @param source - a network made with {@link network} and the operators after it
 * @param options - `maxBytes`, the memory limit checked before allocating; `threads`, the
 *   threads each run uses (default 1; identical spikes whatever the number)
 * @returns the simulation
 * @throws {@link SpecError} when the network would need more than `maxBytes`
 */
export function build(source: Observable<Frame>, options: SimulationOptions = {}): Simulation {
  return asNetwork(source, 'build()').build(options);
}
