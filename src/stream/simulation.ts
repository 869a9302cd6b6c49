/**
 * A built network: its synapses drawn, ready to run any number of times.
 *
 * Subscribing runs the network from step 0 with fresh state: the kernel advances as the clock
 * ticks, and every block of steps comes out as one {@link Frame}. When the network has stream
 * inputs, blocks are one step long, so a value computed by a subscriber from the frame of step
 * k is in the kernel before step k + 1 runs (closed loop, one step of latency). Unsubscribing
 * stops the clock and the input subscriptions; nothing keeps running.
 *
 * @example
 * ```ts
 * import { build } from 'spikestream';
 * const sim = build(net$);              // net$ from clock(...).pipe(network(...), ...)
 * console.log(sim.synapseCount);
 * sim.subscribe((frame) => { ... });    // a run; subscribe again for another, same spikes
 * ```
 * @module
 */
import { Observable, type Subscriber } from 'rxjs';
import { autoThreads, buildNetwork, chooseBackend, createKernel, prepareKernel, prestartWorkers, SimulationError, warmThreads, workersReady, workersStartUnaided, workersStarted, type BuildOptions, type BuiltNetwork, type Kernel } from '../kernel/index.js';
import type { Clock } from './clock.js';
import type { Frame, SampleBlock, SpikeBlock, Tick, WeightBlock } from './frame.js';
import type { InputValue } from './inputValue.js';
import { inputValueProblem } from './inputValueProblem.js';
import { inputGroup } from '../model/inputSpec.js';
import { SpecError } from '../model/specError.js';
import type { SpecIssue } from '../model/specIssue.js';
import type { Network } from './network.js';

/** Options of a {@link Simulation}: the build's memory limit and the threads of each run. */
export interface SimulationOptions extends Omit<BuildOptions, 'threads'> {
  /**
   * Threads each run's kernel uses (default 1): the calling thread and `threads − 1` workers
   * over shared memory; the build draws the synapses on as many. The spikes are identical
   * whatever the number. `'auto'` picks from the
   * network's size and the machine's cores (see `autoThreads`): one thread where more would
   * not pay.
   */
  readonly threads?: number | 'auto';
}

/**
 * Closes the kernel a `Simulation` made as it built when the simulation is collected without
 * having used it, so that its workers go back to the pool.
 */
const spares = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Kernel>((kernel) => kernel.close()) : null;

/** A network whose synapses are drawn; each subscription is one run. */
export class Simulation extends Observable<Frame> {
  /**
   * The drawn network (spec and synapses), shared read-only by every run. Its WebAssembly
   * memory is the first run's kernel's until that run (or {@link Simulation.kernel}) takes it,
   * so a kernel made from it by hand with `createKernel` copies the synapses: make those from
   * `buildNetwork(spec)`.
   */
  readonly built: BuiltNetwork;
  /** The clock that drives each run. */
  readonly clock: Clock;
  /** Steps per frame: 1 with stream inputs (closed loop), else the clock's block. */
  readonly block: number;
  /** Threads of each run's kernel. */
  readonly threads: number;
  /** What each run's kernel runs on: WebAssembly or JavaScript. */
  readonly backend: 'js' | 'wasm';
  private readonly streams: ReadonlyMap<number, Observable<InputValue>>;
  /** The kernel the build made for the first run, until {@link Simulation.kernel} takes it. */
  private spare: Kernel | null = null;
  /**
   * Whether a threaded kernel of this simulation has been through `warmThreads`: the one the
   * build made, or else the first run's, at its first tick.
   */
  private warmed = false;

  /**
   * @param network - the blueprint to build
   * @param options - memory limit and threads
   */
  constructor(network: Network, options: SimulationOptions = {}) {
    super((subscriber) => this.run(subscriber));
    const threads = options.threads === 'auto' ? autoThreads(network.spec) : (options.threads ?? 1);
    if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new RangeError(`Simulation: threads must be a whole number in [1, 64] or "auto", got ${threads}`);
    this.threads = threads;
    // The workers start on the other cores while this thread draws the synapses. Where there
    // are none, nothing starts here: the run's createKernel says why.
    if (threads > 1 && typeof SharedArrayBuffer === 'function') {
      try {
        prestartWorkers(threads - 1);
      } catch {
        // createKernel reports it
      }
    }
    this.built = buildNetwork(network.spec, { ...options, dt: network.clock.dt, threads });
    weightProbeIssues(this.built);
    this.clock = network.clock;
    this.streams = network.streams;
    this.block = network.streams.size > 0 ? 1 : network.clock.block;
    this.backend = chooseBackend(this.built, threads, options.backend);
    // Compiling, and the threads' cuts of every row, are part of the build.
    prepareKernel(this.built, { dt: this.clock.dt, threads, backend: this.backend });
    // So is the first run's kernel, as Brian2 allocates its state before it runs: its state
    // copied, its module instantiated, its workers handed their part of the step, which they
    // set up on the other cores while this thread goes on (a browser's nested workers only
    // once started: see workersStartUnaided). A kernel that cannot be made is reported by the
    // run that needs it, as before.
    if (threads === 1 || workersStartUnaided() || workersStarted(threads - 1)) {
      let spare: Kernel | null = null;
      try {
        spare = this.newKernel();
        // Its threads' JavaScript optimized now, not during the run (see warmThreads).
        if (threads > 1) warmThreads(spare);
        this.warmed = true;
        this.spare = spare;
        spares?.register(this, spare, this);
      } catch {
        // this.spare stays null: the run makes its kernel, and reports why it cannot
        spare?.close();
      }
    }
  }

  private newKernel(): Kernel {
    return createKernel(this.built, { dt: this.clock.dt, maxBlock: this.block, threads: this.threads, backend: this.backend });
  }

  /** Total number of synapses. */
  get synapseCount(): number {
    return this.built.synapseCount;
  }

  /**
   * A fresh kernel for this network at step 0, to drive by hand (`kernel.run(n)`), without
   * RxJS: the same code and state a subscription runs. The first one (a subscription's or
   * this method's) is the one the build made; the others are made when asked for. Close it
   * (`kernel.close()`) when done if it has threads.
   *
   * @example
   * ```ts
   * const kernel = sim.kernel();
   * kernel.run(100);
   * kernel.spikes(0); // the first group's spikes of those 100 steps
   * kernel.close();
   * ```
   */
  kernel(): Kernel {
    const spare = this.spare;
    if (spare === null) return this.newKernel();
    this.spare = null;
    spares?.unregister(this);
    return spare;
  }

  private run(subscriber: Subscriber<Frame>): () => void {
    // A threaded kernel's first step waits for its workers: in a browser a worker started from
    // a worker cannot start while its parent waits, so the run starts once they have started
    // (in Node, typically long before: they start while the synapses are drawn).
    if (this.spare === null && this.threads > 1 && typeof SharedArrayBuffer === 'function' && !workersStarted(this.threads - 1)) {
      let stop: (() => void) | null = null;
      let cancelled = false;
      workersReady(this.threads - 1).then(
        () => {
          if (cancelled) return;
          try {
            stop = this.start(subscriber);
          } catch (e) {
            subscriber.error(e);
          }
        },
        (e: unknown) => subscriber.error(e),
      );
      return () => {
        cancelled = true;
        stop?.();
      };
    }
    return this.start(subscriber);
  }

  private start(subscriber: Subscriber<Frame>): () => void {
    const kernel = this.kernel();
    // A kernel made here because the workers started only after the build (a browser's nested
    // workers) is warmed as its first tick comes, as the build's would have been: not before,
    // since a browser hands a worker started from a worker the kernel's message only once this
    // thread has yielded.
    let cold = !this.warmed && this.threads > 1;
    this.warmed = true;
    const { dt, totalSteps } = this.clock;
    const spec = this.built.spec;
    const groups = this.built.groups;
    const probes = spec.probes ?? [];
    // Weight probes: their projections, and the samples taken since the last frame.
    const weightProbes = spec.weightProbes ?? [];
    const sampled = weightProbes.map((wp) => ({ projection: this.built.projections.findIndex((p) => p.spec.name === wp.projection), steps: [] as number[], rows: [] as Float64Array[] }));
    const sampleWeights = (): void => {
      const step = kernel.step;
      weightProbes.forEach((wp, r) => {
        if (step % wp.every !== 0) return;
        const w = kernel.weights(sampled[r]!.projection)!;
        sampled[r]!.steps.push(step);
        sampled[r]!.rows.push(wp.synapses === undefined ? Float64Array.from(w) : Float64Array.from(wp.synapses, (j) => w[j]!));
      });
    };
    // Steps to the next weight sample: runs end there.
    const untilSample = (): number => weightProbes.reduce((n, wp) => Math.min(n, wp.every - (kernel.step % wp.every)), Infinity);
    if (kernel.step === 0) sampleWeights();

    const emit = (first: number, steps: number, lagMs: number): void => {
      const spikes: Record<string, SpikeBlock> = Object.create(null) as Record<string, SpikeBlock>;
      groups.forEach((g, i) => {
        const rows = kernel.spikes(i);
        spikes[g.name] = { group: g.name, size: g.size, stepPtr: rows.stepPtr, indices: rows.indices };
      });
      const samples: Record<string, SampleBlock> = Object.create(null) as Record<string, SampleBlock>;
      probes.forEach((p, r) => {
        samples[p.name] = { name: p.name, target: p.target, variable: p.variable, indices: p.indices, values: kernel.samples(r) };
      });
      const weights: Record<string, WeightBlock> = Object.create(null) as Record<string, WeightBlock>;
      weightProbes.forEach((wp, r) => {
        const { steps: at, rows } = sampled[r]!;
        const values = new Float64Array(rows.reduce((n, row) => n + row.length, 0));
        rows.reduce((offset, row) => (values.set(row, offset), offset + row.length), 0);
        weights[wp.name] = { name: wp.name, projection: wp.projection, synapses: wp.synapses ?? null, steps: at.slice(), values };
        at.length = 0;
        rows.length = 0;
      });
      subscriber.next({ step: first, steps, dt, totalSteps, lagMs, spikes, samples, weights });
    };

    const subscriptions = [...this.streams].map(([k, source]) => {
      const input = spec.inputs[k]!;
      // A modulator is one value; the other inputs one per neuron of their group.
      const group = inputGroup(input);
      const size = group === null ? 1 : groups[this.built.groupIndex.get(group)!]!.size;
      const label = input.kind === 'modulator' ? `${input.projection}.${input.modulator}` : input.kind === 'parameter' ? `${input.group}.${input.parameter}` : input.group;
      return source.subscribe({
        next: (value) => {
          const problem = inputValueProblem(input, value, size, dt);
          if (problem !== null) {
            subscriber.error(
              new SimulationError(`input "${label}" (inputs[${k}]): ${problem}, before step ${kernel.step}`, label, 'input', kernel.step),
            );
            return;
          }
          kernel.setInput(k, value);
        },
        error: (e: unknown) => subscriber.error(e),
      });
    });

    // One tick per frame: in real time each frame's lagMs is then its own first step's.
    const ticks = this.clock.withBlock(Math.min(this.block, this.clock.block)).subscribe({
      next: (tick: Tick) => {
        if (cold) {
          cold = false;
          try {
            warmThreads(kernel);
          } catch (e) {
            subscriber.error(e);
            return;
          }
        }
        if (tick.step !== kernel.step) {
          subscriber.error(new Error(`Simulation: clock tick starts at step ${tick.step}, kernel is at step ${kernel.step}`));
          return;
        }
        for (let done = 0; done < tick.steps && !subscriber.closed; ) {
          const first = kernel.step;
          let ran: number;
          try {
            ran = kernel.run(Math.min(this.block, tick.steps - done, untilSample()));
          } catch (e) {
            // A kernel thread that failed: to the subscribers, not into the clock's handler.
            subscriber.error(e instanceof SimulationError ? e : new SimulationError(`the kernel failed at step ${first}: ${e instanceof Error ? e.message : String(e)}`, 'kernel', 'run', first));
            return;
          }
          if (ran > 0) sampleWeights();
          emit(first, ran, tick.lagMs);
          if (kernel.failure !== null) {
            subscriber.error(kernel.failure);
            return;
          }
          done += ran;
        }
      },
      error: (e: unknown) => subscriber.error(e),
      complete: () => subscriber.complete(),
    });

    return () => {
      ticks.unsubscribe();
      for (const s of subscriptions) s.unsubscribe();
      kernel.close();
    };
  }
}

/**
 * Refuses weight probes whose synapses the built projection does not have.
 *
 * @throws {@link SpecError} naming the probe and the index
 */
function weightProbeIssues(built: BuiltNetwork): void {
  const issues: SpecIssue[] = [];
  (built.spec.weightProbes ?? []).forEach((wp, i) => {
    const p = built.projections.find((q) => q.spec.name === wp.projection)!;
    (wp.synapses ?? []).forEach((j, k) => {
      if (j >= p.synapseCount) issues.push({ path: `weightProbes[${i}].synapses[${k}]`, message: `synapse ${j} is out of range: projection "${p.spec.name}" has ${p.synapseCount}` });
    });
  });
  if (issues.length > 0) throw new SpecError(issues);
}
