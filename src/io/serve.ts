/**
 * Serves a running simulation over WebSocket: clients subscribe to groups and receive every
 * spike as binary chunks in the `.spikes` format (so one decoder, `decodeSpikes`, reads files and
 * sockets), or population rates as JSON every k steps; they send values back to the network's
 * stream inputs, spikes to inject into its groups (spike inputs) and Poisson rates (rate
 * inputs), told the step at which
 * each takes effect, and pause, resume, speed up or stop
 * the run (Node only; docs/streaming.md has the protocol).
 *
 * A client that sends a malformed or unknown message, an oversized one, or too many, gets an
 * error and its connection is closed; the run and the other clients go on. The server listens
 * on 127.0.0.1 unless told otherwise, and can ask for a token.
 *
 * A slow client never stalls the simulation and never makes the server's memory grow without
 * bound: while more than `maxBuffered` bytes wait to be sent to a client, its spike chunks are
 * dropped, counted, and the client is told what it missed (the steps and the spikes) as soon as
 * it has caught up. A client that keeps up gets every spike of the groups it asked for.
 *
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import { fromSpec, serve, type ClockControl } from 'spikestream/node';
 * const control = new Subject<ClockControl>();
 * const server = await serve(fromSpec(json, { realtime: true, control }), { port: 8080, control });
 * await server.done; // the run's end
 * ```
 * @module
 */
import { Subject, type BehaviorSubject, type Subscription } from 'rxjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeSpikes } from './spikesBinary.js';
import type { ClockControl } from '../stream/clock.js';
import type { Frame } from '../stream/frame.js';
import type { InputValue } from '../stream/inputValue.js';
import { inputValueProblem } from '../stream/inputValueProblem.js';
import { inputGroup, takesValues } from '../model/inputSpec.js';
import { Network } from '../stream/network.js';
import { stepOfEach, type SpikeTrain } from '../stream/recordSpikes.js';
import type { SessionRecording } from '../stream/replayInputs.js';

/** Options of {@link serve}. */
export interface ServeOptions {
  /** The port to listen on (default 8080; 0 picks a free one, see {@link SpikeServer.port}). */
  readonly port?: number;
  /** The address to listen on (default `127.0.0.1`: this machine only). */
  readonly host?: string;
  /** The clock's control, passed to the clock too, for pause, resume and speed (real time only). */
  readonly control?: Subject<ClockControl>;
  /** Bytes that may wait to be sent to one client before its spike chunks are dropped (default 4 MiB). */
  readonly maxBuffered?: number;
  /**
   * A secret the clients must give (`ws://host:port/?token=…`); without it a connection is
   * refused. Default: none asked.
   */
  readonly token?: string;
  /** Most bytes in one client message (default 64 KiB): a longer one closes the connection. */
  readonly maxMessage?: number;
  /** Most messages a client may send per second (default 200): more close the connection. */
  readonly maxRate?: number;
  /**
   * Lockstep, for a closed loop with another program in virtual time: the run goes `every` steps
   * at a time through `gate` (passed to the clock too, as its `gate`). After each stretch every
   * client that subscribed with `lockstep: true` gets `{type: "step", step}` and the run waits
   * until each has sent `{type: "continue"}`; the inputs they send before it act at that step,
   * however long they took, so the session replays exactly. The run starts when the first
   * lockstep client subscribes; when none is left, it runs to the end.
   * A BehaviorSubject, so that the clock, which subscribes when the run starts, gets the first
   * grant whenever that is.
   */
  readonly lockstep?: { readonly every: number; readonly gate: BehaviorSubject<number> };
}

/** A running server. */
export interface SpikeServer {
  /** The port it listens on. */
  readonly port: number;
  /** Settles when the run ends (rejects with the run's error), and the server then closes. */
  readonly done: Promise<void>;
  /** Stops the run, if it started, and closes every connection and the server. */
  close(): Promise<void>;
  /**
   * The inputs the session received so far, each with the step it acted at: `replayInputs(net,
   * recording)` runs the session again offline with the same spikes.
   */
  recording(): SessionRecording;
}

/** What one client asked for, and what it missed. */
interface Client {
  readonly socket: WebSocket;
  groups: readonly string[] | null;
  mode: 'spikes' | 'rates';
  every: number;
  /** Rates: spikes per group since the last report, and steps counted. */
  counts: Map<string, number>;
  counted: number;
  missed: { from: number; to: number; spikes: number } | null;
  /** In lockstep: whether the run waits for this client at each stretch's end. */
  lockstep: boolean;
}

/**
 * Serves `net` over WebSocket; the run starts when the first client subscribes, so that a client
 * that connects first gets every spike. Stream inputs of the network (`{kind: "stream"}` in a
 * file, or `input(group, value$)` in code) take values from the clients.
 *
 * @param net - the network to run (from `fromSpec`, or composed in code)
 * @param options - port, host, clock control, per-client buffer limit
 * @returns the server, listening
 * @throws Error when the port cannot be listened on
 */
export async function serve(net: Network, options: ServeOptions = {}): Promise<SpikeServer> {
  const control = options.control;
  const maxBuffered = options.maxBuffered ?? 4 * 2 ** 20;
  // A slot per input that takes values (stream, spikes, rate, modulator): what the clients send goes there.
  const slots = new Map<number, Subject<InputValue>>();
  const streams = new Map(net.streams);
  net.spec.inputs.forEach((input, k) => {
    if (!takesValues(input)) return;
    const slot = new Subject<InputValue>();
    slots.set(k, slot);
    streams.set(k, slot);
  });
  const served = new Network(net.clock, net.spec, streams);
  const sim = served.build();
  const sizes = new Map(net.spec.groups.map((g) => [g.name as string, g.size as number]));

  const maxRate = options.maxRate ?? 200;
  const lockstep = options.lockstep;
  if (lockstep !== undefined && (!Number.isInteger(lockstep.every) || lockstep.every < 1)) throw new RangeError(`serve: lockstep.every must be a whole number of steps >= 1, got ${lockstep.every}`);
  if (lockstep !== undefined && net.clock.realtime) throw new RangeError('serve: lockstep needs a run in virtual time (not --realtime)');
  // Lockstep: steps granted to the clock, and the clients the run waits for.
  let granted = 0;
  // The step at which the lockstep clients were last asked: a stretch may end in several frames.
  let askedAt = -1;
  const waitingFor = new Set<Client>();
  const grant = (): void => {
    if (lockstep === undefined) return;
    granted = [...clients].some((c) => c.lockstep) ? nextStep + lockstep.every : Infinity;
    lockstep.gate.next(granted);
  };
  const wss = new WebSocketServer({
    port: options.port ?? 8080,
    host: options.host ?? '127.0.0.1',
    maxPayload: options.maxMessage ?? 64 * 1024,
    // A token, when asked for, is checked before the connection opens (401 otherwise).
    verifyClient: (info: { req: { url?: string } }) => options.token === undefined || new URL(info.req.url ?? '/', 'ws://x').searchParams.get('token') === options.token,
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const clients = new Set<Client>();
  const recorded: SessionRecording['inputs'][number][] = [];
  let run: Subscription | null = null;
  let nextStep = 0;
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Handled here too, so that a run's error is not an unhandled rejection when nobody awaits it.
  done.catch(() => undefined);
  const sendJson = (c: Client, message: unknown): void => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(message));
  };
  const broadcast = (message: unknown): void => {
    for (const c of clients) sendJson(c, message);
  };

  const onFrame = (frame: Frame): void => {
    nextStep = frame.step + frame.steps;
    // The frame is sent below; then, at the end of a stretch, the lockstep clients are asked.
    if (lockstep !== undefined) queueMicrotask(atStretchEnd);
    // One chunk per choice of groups, however many clients made it.
    const chunks = new Map<string, Uint8Array>();
    for (const c of clients) {
      if (c.groups === null) continue;
      if (c.mode === 'rates') {
        reportRates(c, frame);
        continue;
      }
      const spikes = c.groups.reduce((n, g) => n + (frame.spikes[g]?.indices.length ?? 0), 0);
      if (c.socket.bufferedAmount > maxBuffered) {
        // Behind: this chunk is dropped and counted, never queued.
        c.missed ??= { from: frame.step, to: frame.step, spikes: 0 };
        c.missed.to = frame.step + frame.steps;
        c.missed.spikes += spikes;
        continue;
      }
      if (c.missed !== null) {
        sendJson(c, { type: 'missed', fromStep: c.missed.from, toStep: c.missed.to, spikes: c.missed.spikes });
        c.missed = null;
      }
      const key = c.groups.join('\n');
      let bytes = chunks.get(key);
      if (bytes === undefined) chunks.set(key, (bytes = chunk(frame, c.groups)));
      c.socket.send(bytes);
    }
  };
  /** At the end of a lockstep stretch (not of the run): ask each lockstep client, or go on. */
  const atStretchEnd = (): void => {
    if (lockstep === undefined || nextStep < granted || nextStep >= net.clock.totalSteps || closing !== null || askedAt === nextStep) return;
    askedAt = nextStep;
    for (const c of clients) if (c.lockstep) waitingFor.add(c);
    if (waitingFor.size === 0) grant();
    else for (const c of waitingFor) sendJson(c, { type: 'step', step: nextStep });
  };
  /** A lockstep client answered (or left): the next stretch starts when nobody is awaited. */
  const answered = (c: Client): void => {
    if (!waitingFor.delete(c) || waitingFor.size > 0) return;
    grant();
  };
  /** Counts the frame's spikes step by step, and reports every `every` steps exactly. */
  const reportRates = (c: Client, frame: Frame): void => {
    for (let j = 0; j < frame.steps; j++) {
      for (const g of c.groups!) {
        const ptr = frame.spikes[g]!.stepPtr;
        c.counts.set(g, (c.counts.get(g) ?? 0) + ptr[j + 1]! - ptr[j]!);
      }
      if (++c.counted < c.every) continue;
      const seconds = (c.counted * frame.dt) / 1000;
      const rates = Object.fromEntries(c.groups!.map((g) => [g, (c.counts.get(g) ?? 0) / sizes.get(g)! / seconds]));
      sendJson(c, { type: 'rates', step: frame.step + j + 1, steps: c.counted, rates });
      c.counts.clear();
      c.counted = 0;
    }
  };
  const start = (): void => {
    if (run !== null) return;
    grant();
    run = sim.subscribe({
      next: onFrame,
      error: (e: unknown) => {
        broadcast({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        void shutdown().then(() => settle.reject(e));
      },
      complete: () => {
        // What a client behind at the end missed, before the end.
        for (const c of clients) {
          if (c.missed !== null) sendJson(c, { type: 'missed', fromStep: c.missed.from, toStep: c.missed.to, spikes: c.missed.spikes });
          c.missed = null;
        }
        broadcast({ type: 'end', steps: nextStep });
        void shutdown().then(() => settle.resolve());
      },
    });
  };

  wss.on('connection', (socket) => {
    const c: Client = { socket, groups: null, mode: 'spikes', every: 100, counts: new Map(), counted: 0, missed: null, lockstep: false };
    clients.add(c);
    const leave = (): void => {
      clients.delete(c);
      c.lockstep = false;
      answered(c);
    };
    socket.on('close', leave);
    sendJson(c, {
      type: 'hello',
      dt: net.clock.dt,
      totalSteps: net.clock.totalSteps,
      realtime: net.clock.realtime,
      groups: net.spec.groups.map((g) => ({ name: g.name, size: g.size })),
      inputs: [...slots.keys()].map((k) => ({ input: k, kind: net.spec.inputs[k]!.kind, group: inputGroup(net.spec.inputs[k]!) })),
      step: nextStep,
      // In lockstep, the steps of a stretch (subscribe with every = this to get one rate per stretch).
      ...(lockstep === undefined ? {} : { lockstep: lockstep.every }),
    });
    // A client's messages in the current second, against maxRate.
    let second = Date.now();
    let sent = 0;
    socket.on('message', (data, isBinary) => {
      const now = Date.now();
      if (now - second >= 1000) [second, sent] = [now, 0];
      const reply = ++sent > maxRate ? `more than ${maxRate} messages in a second` : isBinary ? 'expected a JSON text message' : handle(c, String(data));
      if (reply === null) return;
      // A bad message closes that connection (policy violation); the run and the others go on.
      sendJson(c, { type: 'error', message: reply });
      socket.close(1008, reply.slice(0, 120));
    });
    socket.on('error', leave);
  });

  /** Carries out one client message; returns what is wrong with it, or null. */
  const handle = (c: Client, text: string): string | null => {
    let m: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'expected a JSON object with a "type"';
      m = parsed as Record<string, unknown>;
    } catch {
      return 'not JSON';
    }
    switch (m.type) {
      case 'subscribe': {
        const groups = m.groups ?? [...sizes.keys()];
        if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string' && sizes.has(g))) {
          return `subscribe.groups: expected names of groups (${[...sizes.keys()].join(', ')})`;
        }
        const mode = m.mode ?? 'spikes';
        if (mode !== 'spikes' && mode !== 'rates') return 'subscribe.mode: expected "spikes" or "rates"';
        const every = m.every ?? 100;
        if (typeof every !== 'number' || !Number.isInteger(every) || every < 1) return 'subscribe.every: expected a whole number of steps >= 1';
        if (m.lockstep !== undefined && typeof m.lockstep !== 'boolean') return 'subscribe.lockstep: expected true or false';
        if (m.lockstep === true && lockstep === undefined) return 'subscribe.lockstep: the server does not run in lockstep (serve --lockstep K)';
        if (m.lockstep === true && run !== null) return 'subscribe.lockstep: the run has started; a lockstep client subscribes before it starts';
        Object.assign(c, { groups: groups as string[], mode, every, counted: 0, lockstep: m.lockstep === true });
        c.counts.clear();
        sendJson(c, { type: 'subscribed', groups, mode, every, step: nextStep, ...(c.lockstep ? { lockstep: lockstep!.every } : {}) });
        // In lockstep the run waits for its first lockstep client; others may watch from the start.
        if (lockstep === undefined || c.lockstep) start();
        return null;
      }
      case 'input': {
        const slot = typeof m.input === 'number' ? slots.get(m.input) : undefined;
        if (slot === undefined) return `input.input: expected the index of a stream, spike, rate or modulator input (${[...slots.keys()].join(', ') || 'the network has none'})`;
        const value = m.value;
        if (!(typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'number')))) return 'input.value: expected a number or an array of numbers';
        // Checked as the simulation checks it, so that no value a client sends ends the run.
        const input = net.spec.inputs[m.input as number]!;
        const group = inputGroup(input);
        const problem = inputValueProblem(input, value as InputValue, group === null ? 1 : sizes.get(group)!, net.clock.dt);
        if (problem !== null) return `input.value: ${problem}`;
        // Takes effect at the first step not yet run (the kernel is between blocks now).
        slot.next(value as InputValue);
        recorded.push({ step: nextStep, input: m.input as number, value: value as InputValue });
        sendJson(c, { type: 'ack', of: 'input', input: m.input, step: nextStep });
        return null;
      }
      case 'control': {
        if (control === undefined || !net.clock.realtime) return 'control: the run is not in real time (serve --realtime), so it cannot be paused or paced';
        const change: { paused?: boolean; speed?: number } = {};
        if (m.paused !== undefined) {
          if (typeof m.paused !== 'boolean') return 'control.paused: expected true or false';
          change.paused = m.paused;
        }
        if (m.speed !== undefined) {
          if (typeof m.speed !== 'number' || !(m.speed > 0) || !Number.isFinite(m.speed)) return 'control.speed: expected a finite number > 0';
          change.speed = m.speed;
        }
        control.next(change);
        broadcast({ type: 'ack', of: 'control', ...change, step: nextStep });
        return null;
      }
      case 'continue':
        if (!waitingFor.has(c)) return 'continue: the run is not waiting for this client (lockstep clients answer {"type": "step"})';
        answered(c);
        return null;
      case 'stop':
        broadcast({ type: 'end', steps: nextStep, stopped: true });
        void shutdown().then(() => settle.resolve());
        return null;
      default:
        return `unknown type ${JSON.stringify(m.type)} (expected subscribe, input, continue, control or stop)`;
    }
  };

  let closing: Promise<void> | null = null;
  const shutdown = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      run?.unsubscribe();
      for (const slot of slots.values()) slot.complete();
      // Each client is closed once what was sent to it has gone; one that does not read is cut
      // off after a second rather than held open (the close handshake needs it to read).
      for (const c of clients) {
        c.socket.close(1000, 'end of the run');
        setTimeout(() => c.socket.terminate(), 1000).unref();
      }
      wss.close(() => resolve());
    });
    return closing;
  };
  const address = wss.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : (options.port ?? 8080),
    done,
    close: async () => {
      await shutdown();
      settle.resolve();
    },
    recording: () => ({ inputs: recorded.slice() }),
  };
}

/** A frame's spikes of `groups` as a `.spikes` document: step-stamped, the file format's framing. */
function chunk(frame: Frame, groups: readonly string[]): Uint8Array {
  const trains: Record<string, SpikeTrain> = Object.create(null) as Record<string, SpikeTrain>;
  for (const g of groups) {
    const block = frame.spikes[g]!;
    const steps = new Float64Array(block.indices.length);
    stepOfEach(steps, 0, block.stepPtr, frame.step, frame.steps);
    trains[g] = { group: g, size: block.size, steps, indices: block.indices.slice() };
  }
  return encodeSpikes({ dt: frame.dt, startStep: frame.step, steps: frame.steps, groups: trains });
}
