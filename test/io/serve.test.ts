import { forkJoin, lastValueFrom, share, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeSpikes, fromSpec, modulatedStdp, recordSpikes, recordWeights, replayInputs, type ClockControl } from '../../src/index.js';
import { serve } from '../../src/io/serve.js';

const seedFile = (extra: Record<string, unknown> = {}) => ({
  seed: 3,
  run: { dt: 0.1, duration: 100 },
  groups: [
    { kind: 'lif', name: 'E', size: 400, tau: 15, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } },
    { kind: 'lif', name: 'I', size: 100, tau: 10, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } },
  ],
  projections: [{ name: 'EI', pre: 'E', post: 'I', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 5, g: 0.5 } }],
  inputs: [
    { kind: 'constant', group: 'E', value: 18 },
    { kind: 'constant', group: 'I', value: 16 },
  ],
  ...extra,
});

type Message = { type: string; [key: string]: unknown };

/** A client: its text messages and binary chunks in order, until the server closes. */
function connect(port: number, token?: string): { socket: WebSocket; texts: Message[]; chunks: Uint8Array[]; closed: Promise<void>; next: (type: string) => Promise<Message> } {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/${token === undefined ? '' : `?token=${token}`}`);
  const texts: Message[] = [];
  const chunks: Uint8Array[] = [];
  const waiting: { type: string; resolve: (m: Message) => void }[] = [];
  socket.on('message', (data, isBinary) => {
    if (isBinary) chunks.push(new Uint8Array(data as Buffer));
    else {
      const m = JSON.parse(String(data)) as Message;
      texts.push(m);
      for (const w of waiting.filter((w) => w.type === m.type)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const next = (type: string) => new Promise<Message>((resolve) => waiting.push({ type, resolve }));
  return { socket, texts, chunks, closed, next };
}

/** All spikes of the decoded chunks, per group, as [step, index] pairs. */
function joined(chunks: Uint8Array[]): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = {};
  for (const c of chunks) {
    const record = decodeSpikes(c);
    for (const [g, t] of Object.entries(record.groups)) (out[g] ??= []).push(...Array.from(t.indices, (i, k) => [t.steps[k]!, i] as [number, number]));
  }
  return out;
}

describe('serve', () => {
  it('streams every spike of the groups a client asks for, in .spikes chunks, the spikes of a recorded run', async () => {
    const server = await serve(fromSpec(seedFile()), { port: 0 });
    const client = connect(server.port);
    const hello = await client.next('hello');
    expect(hello).toMatchObject({ dt: 0.1, totalSteps: 1000, groups: [{ name: 'E', size: 400 }, { name: 'I', size: 100 }] });
    client.socket.send(JSON.stringify({ type: 'subscribe', groups: ['E', 'I'] }));
    await client.next('end');
    await server.done;
    await client.closed;
    const expected = await lastValueFrom(fromSpec(seedFile()).build().pipe(recordSpikes()));
    const got = joined(client.chunks);
    for (const g of ['E', 'I']) {
      const want = Array.from(expected.groups[g]!.indices, (i, k) => [expected.groups[g]!.steps[k]!, i]);
      expect(want.length).toBeGreaterThan(100);
      expect(got[g]).toEqual(want);
    }
    expect(client.texts.some((m) => m.type === 'missed')).toBe(false);
  });

  it('sends rates every k steps to a client that asks for them', async () => {
    const server = await serve(fromSpec(seedFile()), { port: 0 });
    const client = connect(server.port);
    await client.next('hello');
    client.socket.send(JSON.stringify({ type: 'subscribe', groups: ['E'], mode: 'rates', every: 250 }));
    await client.next('end');
    const rates = client.texts.filter((m) => m.type === 'rates');
    expect(rates.map((m) => m.step)).toEqual([250, 500, 750, 1000]);
    const expected = await lastValueFrom(fromSpec(seedFile()).build().pipe(recordSpikes()));
    const count = (from: number, to: number) => Array.from(expected.groups.E!.steps).filter((s) => s >= from && s < to).length;
    rates.forEach((m, k) => expect((m.rates as Record<string, number>).E).toBeCloseTo(count(250 * k, 250 * (k + 1)) / 400 / 0.025, 9));
    expect(client.chunks).toEqual([]);
  });

  it('takes a value for a stream input, and says the step at which it takes effect', async () => {
    // One neuron integrating its input: with I = 10 it reaches 1 in one step of 0.1 ms, so its
    // first spike is at the very step the value takes effect.
    const file = seedFile({
      run: { dt: 0.1, duration: 300 },
      groups: [{ kind: 'neuron', name: 'G', size: 1, equations: 'dv/dt = I', threshold: 'v >= 1', reset: 'v = -1e9' }],
      projections: [],
      inputs: [{ kind: 'stream', group: 'G', initial: 0 }],
    });
    const server = await serve(fromSpec(file, { realtime: true }), { port: 0 });
    const client = connect(server.port);
    const hello = await client.next('hello');
    expect(hello.inputs).toEqual([{ input: 0, kind: 'stream', group: 'G' }]);
    client.socket.send(JSON.stringify({ type: 'subscribe', groups: ['G'] }));
    await client.next('subscribed');
    await new Promise((r) => setTimeout(r, 50));
    // A value the simulation would refuse (one per neuron, of the wrong length), from another
    // client: refused there, and the run goes on.
    const other = connect(server.port);
    await other.next('hello');
    other.socket.send(JSON.stringify({ type: 'input', input: 0, value: [1, 2] }));
    expect((await other.next('error')).message).toBe('input.value: array of length 2 does not match the group size 1');
    client.socket.send(JSON.stringify({ type: 'input', input: 0, value: 10 }));
    const ack = await client.next('ack');
    await client.next('end');
    const spikes = joined(client.chunks).G!;
    expect(spikes.length).toBe(1);
    expect(ack.step).toBeGreaterThan(0);
    expect(spikes[0]![0]).toBe(ack.step);
  });

  it('pauses and resumes a real-time run on request', async () => {
    const control = new Subject<ClockControl>();
    const server = await serve(fromSpec(seedFile({ run: { dt: 0.1, duration: 400 } }), { realtime: true, control }), { port: 0, control });
    const client = connect(server.port);
    await client.next('hello');
    client.socket.send(JSON.stringify({ type: 'subscribe' }));
    await new Promise((r) => setTimeout(r, 100));
    client.socket.send(JSON.stringify({ type: 'control', paused: true }));
    const paused = await client.next('ack');
    await new Promise((r) => setTimeout(r, 150));
    const during = client.chunks.length;
    await new Promise((r) => setTimeout(r, 150));
    // Nothing more while paused.
    expect(client.chunks.length).toBe(during);
    client.socket.send(JSON.stringify({ type: 'control', paused: false, speed: 4 }));
    await client.next('end');
    expect(paused.step).toBeGreaterThan(0);
    expect(paused.step).toBeLessThan(4000);
    expect(joined(client.chunks).E!.length).toBeGreaterThan(100);
  });

  it('never queues for a client that is behind: it drops and counts, and says what was missed', async () => {
    // A limit below zero: every chunk finds the client behind.
    const server = await serve(fromSpec(seedFile()), { port: 0, maxBuffered: -1 });
    const client = connect(server.port);
    await client.next('hello');
    client.socket.send(JSON.stringify({ type: 'subscribe', groups: ['E'] }));
    await client.next('end');
    const expected = await lastValueFrom(fromSpec(seedFile()).build().pipe(recordSpikes()));
    const missed = client.texts.filter((m) => m.type === 'missed');
    expect(client.chunks).toEqual([]);
    expect(missed).toEqual([{ type: 'missed', fromStep: 0, toStep: 1000, spikes: expected.groups.E!.indices.length }]);
  });

  it('answers a bad message with an error naming it and closes that connection; the run goes on', async () => {
    const server = await serve(fromSpec(seedFile({ run: { dt: 0.1, duration: 100000 } }), { realtime: true }), { port: 0, maxMessage: 1000 });
    const watcher = connect(server.port);
    await watcher.next('hello');
    watcher.socket.send(JSON.stringify({ type: 'subscribe', groups: ['E'] }));
    await watcher.next('subscribed');
    for (const [message, error] of [
      ['{', 'not JSON'],
      [JSON.stringify({ type: 'subscribe', groups: ['X'] }), 'subscribe.groups: expected names of groups (E, I)'],
      [JSON.stringify({ type: 'input', input: 0, value: 1 }), 'input.input: expected the index of a stream, spike, rate or modulator input (the network has none)'],
      [JSON.stringify({ type: 'jump' }), 'unknown type "jump" (expected subscribe, input, continue, control or stop)'],
    ] as const) {
      const bad = connect(server.port);
      await bad.next('hello');
      bad.socket.send(message);
      expect((await bad.next('error')).message).toBe(error);
      await bad.closed;
    }
    // Oversized: closed by the server (1009), no reply.
    const big = connect(server.port);
    await big.next('hello');
    big.socket.send(JSON.stringify({ type: 'subscribe', pad: 'x'.repeat(2000) }));
    await big.closed;
    // A flood: past the rate limit, closed.
    const flood = connect(server.port);
    await flood.next('hello');
    for (let k = 0; k < 250; k++) flood.socket.send(JSON.stringify({ type: 'subscribe', groups: ['I'] }));
    expect((await flood.next('error')).message).toBe('more than 200 messages in a second');
    await flood.closed;
    // The first client still gets its spikes, and stops the run.
    const before = watcher.chunks.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(watcher.chunks.length).toBeGreaterThan(before);
    watcher.socket.send(JSON.stringify({ type: 'stop' }));
    expect((await watcher.next('end')).stopped).toBe(true);
    await server.done;
    await watcher.closed;
  });

  it('refuses a client without the token it asks for', async () => {
    const server = await serve(fromSpec(seedFile()), { port: 0, token: 's3cret' });
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/?token=wrong`);
    const status = await new Promise((resolve) => refused.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(401);
    const client = connect(server.port, 's3cret');
    expect((await client.next('hello')).type).toBe('hello');
    await server.close();
  });
});

describe('spikestream serve', () => {
  it('serves a network file until its run ends, then exits 0', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { main } = await import('../../src/cli/main.js');
    const path = join(mkdtempSync(join(tmpdir(), 'spikestream-serve-')), 'net.json');
    writeFileSync(path, JSON.stringify(seedFile()));
    let stderr = '';
    let announced!: (port: number) => void;
    const port = new Promise<number>((resolve) => (announced = resolve));
    const exit = main(['serve', path, '--port', '0'], {
      stdout: { write: () => undefined },
      stderr: {
        write: (text: string) => {
          stderr += text;
          const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(text);
          if (m !== null) announced(Number(m[1]));
        },
      },
    });
    const client = connect(await port);
    await client.next('hello');
    client.socket.send(JSON.stringify({ type: 'subscribe', groups: ['I'] }));
    await client.next('end');
    expect(await exit).toBe(0);
    expect(stderr).toContain('the run ended; the server closed');
    expect(joined(client.chunks).I!.length).toBeGreaterThan(10);
    const usage = await main(['serve', path, '--speed', '2'], { stdout: { write: () => undefined }, stderr: { write: (t: string) => (stderr = t) } });
    expect([usage, stderr]).toEqual([2, 'spikestream: --speed needs --realtime\n']);
  });
});

describe('serve: spikes from a client', () => {
  it('injects the neurons a client sends into a group, at the step it acknowledges', async () => {
    const file = seedFile({
      run: { dt: 0.1, duration: 300 },
      groups: [{ kind: 'lif', name: 'A', size: 8, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } }],
      projections: [],
      inputs: [{ kind: 'spikes', group: 'A' }],
    });
    const server = await serve(fromSpec(file, { realtime: true }), { port: 0 });
    const client = connect(server.port);
    expect((await client.next('hello')).inputs).toEqual([{ input: 0, kind: 'spikes', group: 'A' }]);
    client.socket.send(JSON.stringify({ type: 'subscribe' }));
    await client.next('subscribed');
    await new Promise((r) => setTimeout(r, 50));
    client.socket.send(JSON.stringify({ type: 'input', input: 0, value: [5, 3] }));
    const ack = await client.next('ack');
    // A bad value, from another client: refused, and that connection closed.
    const other = connect(server.port);
    await other.next('hello');
    other.socket.send(JSON.stringify({ type: 'input', input: 0, value: [8] }));
    expect((await other.next('error')).message).toBe('input.value: neuron 8 at index 0 is not a whole number in [0, 8)');
    await client.next('end');
    expect(joined(client.chunks).A).toEqual([
      [ack.step, 3],
      [ack.step, 5],
    ]);
  });
});

describe('serve: a Poisson rate from a client', () => {
  it('sets the rate from the step it acknowledges', async () => {
    const file = seedFile({
      run: { dt: 0.1, duration: 300 },
      groups: [{ kind: 'poisson', name: 'P', size: 20, rate: 0 }],
      projections: [],
      inputs: [{ kind: 'rate', group: 'P' }],
    });
    const server = await serve(fromSpec(file, { realtime: true }), { port: 0 });
    const client = connect(server.port);
    expect((await client.next('hello')).inputs).toEqual([{ input: 0, kind: 'rate', group: 'P' }]);
    client.socket.send(JSON.stringify({ type: 'subscribe' }));
    await client.next('subscribed');
    await new Promise((r) => setTimeout(r, 50));
    client.socket.send(JSON.stringify({ type: 'input', input: 0, value: 10000 }));
    const ack = await client.next('ack');
    const other = connect(server.port);
    await other.next('hello');
    other.socket.send(JSON.stringify({ type: 'input', input: 0, value: 20000 }));
    expect((await other.next('error')).message).toBe('input.value: rate 20000 is not a number of Hz from 0 to 10000 (one spike per step)');
    await client.next('end');
    const steps = joined(client.chunks).P!.map(([s]) => s);
    // Every neuron at every step from the acknowledged one (p = 1 at 10,000 Hz and dt = 0.1 ms).
    expect(Math.min(...steps)).toBe(ack.step);
    expect(steps.length).toBe(20 * (3000 - (ack.step as number)));
  });
});

describe('serve: record and replay', () => {
  it('records a closed-loop session\'s inputs with their steps; replaying them offline gives its spikes', async () => {
    // 6 s of network at 4 times real time: 1.5 s for the five inputs, 25 ms apart, to arrive in,
    // with room for a loaded machine's late timers.
    const file = seedFile({
      run: { dt: 0.1, duration: 6000 },
      groups: [
        { kind: 'lif', name: 'E', size: 300, tau: 15, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } },
        { kind: 'lif', name: 'R', size: 20, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [{ name: 'RE', pre: 'R', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.5 }, synapse: { kind: 'expCurrent', tau: 5, g: 3 } }],
      inputs: [
        { kind: 'stream', group: 'E', initial: 14 },
        { kind: 'spikes', group: 'R' },
      ],
    });
    const server = await serve(fromSpec(file, { realtime: true, speed: 4 }), { port: 0 });
    const client = connect(server.port);
    await client.next('hello');
    client.socket.send(JSON.stringify({ type: 'subscribe' }));
    await client.next('subscribed');
    const ended = client.next('end');
    // A controller, as the wall clock goes: a rising drive for E, and a volley of R.
    for (let k = 0; k < 5; k++) {
      await new Promise((r) => setTimeout(r, 25));
      client.socket.send(JSON.stringify({ type: 'input', input: 0, value: 15 + k }));
      client.socket.send(JSON.stringify({ type: 'input', input: 1, value: [k, 10 + k] }));
    }
    await ended;
    const recording = server.recording();
    const acks = client.texts.filter((m) => m.type === 'ack');
    expect(acks.length).toBeGreaterThan(4);
    expect(recording.inputs.map((r) => r.step)).toEqual(acks.map((m) => m.step));
    const replayed = await lastValueFrom(replayInputs(fromSpec(file), recording).pipe(recordSpikes()));
    const live = joined(client.chunks);
    for (const g of ['E', 'R']) {
      expect(live[g]!.length).toBeGreaterThanOrEqual(10);
      expect(Array.from(replayed.groups[g]!.indices, (i, k) => [replayed.groups[g]!.steps[k]!, i])).toEqual(live[g]);
    }
  });

  it('takes a learning rule\'s modulator from a client: learning from the acknowledged step, the same weights replayed', async () => {
    const file = seedFile({
      run: { dt: 0.1, duration: 2000 },
      groups: [
        { kind: 'poisson', name: 'P', size: 50, rate: 40 },
        { kind: 'lif', name: 'N', size: 2, tau: 10, threshold: 1, reset: 0, v0: { kind: 'constant', value: 0 } },
      ],
      projections: [{ name: 'PN', pre: 'P', post: 'N', connectivity: { kind: 'allToAll' }, synapse: { kind: 'expCurrent', tau: 5, g: 1 }, weight: { kind: 'constant', value: 0.1 }, plasticity: modulatedStdp({ Apre: 0.004, Apost: -0.003, wmax: 0.2 }) }],
      inputs: [{ kind: 'modulator', projection: 'PN', modulator: 'M', initial: 0 }],
      weightProbes: [{ name: 'w', projection: 'PN', every: 20000 }],
    });
    const server = await serve(fromSpec(file, { realtime: true, speed: 4 }), { port: 0 });
    const client = connect(server.port);
    expect((await client.next('hello')).inputs).toEqual([{ input: 0, kind: 'modulator', group: null }]);
    client.socket.send(JSON.stringify({ type: 'subscribe' }));
    await client.next('subscribed');
    const ended = client.next('end');
    await new Promise((r) => setTimeout(r, 100));
    client.socket.send(JSON.stringify({ type: 'input', input: 0, value: 1 }));
    const ack = await client.next('ack');
    await ended;
    const recording = server.recording();
    expect(recording.inputs).toEqual([{ input: 0, step: ack.step, value: 1 }]);
    // Replayed offline: the live spikes, and weights that moved only because of the client's M.
    const frames$ = replayInputs(fromSpec(file), recording).pipe(share());
    const [weights, spikes] = await lastValueFrom(forkJoin([frames$.pipe(recordWeights('w')), frames$.pipe(recordSpikes())]));
    expect(Array.from(spikes.groups.N!.indices, (i, k) => [spikes.groups.N!.steps[k]!, i])).toEqual(joined(client.chunks).N);
    const last = weights.values.subarray(100);
    expect(last.some((w) => Math.abs(w - Math.fround(0.1)) > 1e-3)).toBe(true);
    const unmodulated = await lastValueFrom(fromSpec(file).build().pipe(recordWeights('w')));
    expect(Array.from(unmodulated.values.subarray(100))).toEqual(new Array(100).fill(Math.fround(0.1)));
  });
});

const python = '/usr/bin/python3';
const hasWebsockets = (await import('node:child_process')).spawnSync(python, ['-c', 'import websockets'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasWebsockets)('serve: the Python client (examples/python-client, needs python3-websockets)', () => {
  it('receives every spike and sends a stimulus that acts at the step the server names', async () => {
    const { execFile } = await import('node:child_process');
    const file = seedFile({ run: { dt: 0.1, duration: 300 }, inputs: [{ kind: 'stream', group: 'E', initial: 18 }, { kind: 'constant', group: 'I', value: 16 }] });
    // In real time, so that the client's stimulus arrives while the run goes on.
    const server = await serve(fromSpec(file, { realtime: true }), { port: 0 });
    const out = await new Promise<string>((resolve, reject) =>
      execFile(python, ['examples/python-client/client.py', `ws://127.0.0.1:${server.port}`, '--after', '500', '--input', '0', '--value', '25'], (e, stdout) => (e ? reject(e) : resolve(stdout))),
    );
    await server.done;
    const summary = JSON.parse(out) as { spikes: Record<string, number>; lastStep: number; stimulusStep: number };
    const recording = server.recording();
    expect(recording.inputs).toEqual([{ step: summary.stimulusStep, input: 0, value: 25 }]);
    expect(summary.stimulusStep).toBeGreaterThanOrEqual(500);
    // The spikes the client counted are those of the session, replayed offline.
    const replayed = await lastValueFrom(replayInputs(fromSpec(file), recording).pipe(recordSpikes()));
    expect(summary.lastStep).toBe(3000);
    expect(summary.spikes).toEqual({ E: replayed.groups.E!.indices.length, I: replayed.groups.I!.indices.length });
  });
});

describe('serve: a client that reads nothing', () => {
  it('costs the others nothing: every spike for them, the run on time; it gets or is told of every spike', async () => {
    // The seed recipe at N = 2,000 in real time for 1 s; one client stops reading at once.
    const file = seedFile({
      run: { dt: 0.1, duration: 1000 },
      groups: [
        { kind: 'lif', name: 'E', size: 1600, tau: 15, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } },
        { kind: 'lif', name: 'I', size: 400, tau: 10, threshold: 15, reset: 0, v0: { kind: 'uniform', low: 0, high: 15 } },
      ],
      projections: [
        { name: 'EE', pre: 'E', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 6, g: 0.2 } },
        { name: 'IE', pre: 'I', post: 'E', connectivity: { kind: 'fixedProbability', p: 0.1 }, synapse: { kind: 'expCurrent', tau: 5, g: -0.8 } },
      ],
      inputs: [
        { kind: 'constant', group: 'E', value: 20 },
        { kind: 'constant', group: 'I', value: 17 },
      ],
    });
    const maxBuffered = 64 * 1024;
    const server = await serve(fromSpec(file, { realtime: true }), { port: 0, maxBuffered });
    const stuck = connect(server.port);
    const reader = connect(server.port);
    await Promise.all([stuck.next('hello'), reader.next('hello')]);
    // The stuck client's socket stops reading: the server's send buffer for it fills.
    (stuck.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    stuck.socket.send(JSON.stringify({ type: 'subscribe' }));
    reader.socket.send(JSON.stringify({ type: 'subscribe' }));
    const t0 = performance.now();
    const stuckEnd = stuck.next('end');
    await reader.next('end');
    const wall = performance.now() - t0;
    // It reads again: what it got and what it was told it missed are every spike (how much the
    // operating system's socket buffers held for it before the server dropped chunks depends
    // on the machine; the test with maxBuffered below zero makes every chunk drop).
    (stuck.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await stuckEnd;
    await server.done;
    const expected = await lastValueFrom(fromSpec(file).build().pipe(recordSpikes()));
    const total = expected.groups.E!.indices.length + expected.groups.I!.indices.length;
    const got = joined(reader.chunks);
    for (const g of ['E', 'I']) expect(got[g]!.length).toBe(expected.groups[g]!.indices.length);
    expect(expected.groups.E!.indices.length).toBeGreaterThan(5000);
    const missed = stuck.texts.filter((m) => m.type === 'missed').reduce((n, m) => n + (m.spikes as number), 0);
    const received = Object.values(joined(stuck.chunks)).reduce((n, list) => n + list.length, 0);
    expect(received + missed).toBe(total);
    // The run kept to the wall clock: 1 s of biological time in about 1 s, not stalled by the
    // stuck client.
    expect(wall).toBeLessThan(3000);
  });
});

describe('serve: lockstep with a controller in another process', () => {
  it('clamps the E rate from another process in virtual time, the answers acting at each stretch end, and replays bit for bit', async () => {
    const { spawn } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const { BehaviorSubject } = await import('rxjs');
    const file = JSON.parse(readFileSync('examples/closed-loop/network.json', 'utf8')) as Record<string, unknown>;
    const gate = new BehaviorSubject(0);
    const server = await serve(fromSpec(file, { gate }), { port: 0, lockstep: { every: 100, gate } });
    // A watcher that takes every spike, subscribed before the run (which waits for its lockstep client).
    const watcher = connect(server.port);
    const hello = await watcher.next('hello');
    expect(hello.lockstep).toBe(100);
    watcher.socket.send(JSON.stringify({ type: 'subscribe' }));
    await watcher.next('subscribed');
    const controller = spawn(process.execPath, ['--import', 'tsx', 'examples/closed-loop/remoteController.ts', `ws://127.0.0.1:${server.port}`, '--target', '10,15', '--switch', '300'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    controller.stdout.on('data', (d: Buffer) => (out += String(d)));
    controller.stderr.on('data', (d: Buffer) => (err += String(d)));
    const exited = new Promise<number | null>((resolve) => controller.on('exit', resolve));
    await server.done;
    expect(await exited, err).toBe(0);
    const windows = out.trim().split('\n').map((l) => JSON.parse(l) as { step: number; rate: number });
    expect(windows.map((w) => w.step)).toEqual(Array.from({ length: 60 }, (_, k) => 100 * (k + 1)));
    // The clamp holds: the mean rate of the windows in 150-300 ms near 10 Hz, in 450-600 ms near 15.
    const mean = (from: number, to: number): number => {
      const w = windows.filter((x) => x.step > from * 10 && x.step <= to * 10);
      return w.reduce((a, x) => a + x.rate, 0) / w.length;
    };
    expect(Math.abs(mean(150, 300) - 10)).toBeLessThan(2);
    expect(Math.abs(mean(450, 600) - 15)).toBeLessThan(2.5);
    // Every answer acts at the end of its stretch: steps 100, 200, ..., two inputs each.
    const recording = server.recording();
    expect(recording.inputs.map((r) => r.step)).toEqual(Array.from({ length: 120 }, (_, k) => 100 * (Math.floor(k / 2) + 1)));
    const replayed = await lastValueFrom(replayInputs(fromSpec(file), recording).pipe(recordSpikes()));
    const live = joined(watcher.chunks);
    for (const g of ['E', 'I']) {
      expect(live[g]!.length).toBeGreaterThan(1000);
      expect(Array.from(replayed.groups[g]!.indices, (i, k) => [replayed.groups[g]!.steps[k]!, i])).toEqual(live[g]);
    }
  }, 120_000);

  it('refuses lockstep where it cannot be: a client asking for it without it, a real-time run, a late lockstep client', async () => {
    const plain = await serve(fromSpec(seedFile()), { port: 0 });
    const c = connect(plain.port);
    await c.next('hello');
    c.socket.send(JSON.stringify({ type: 'subscribe', lockstep: true }));
    expect((await c.next('error')).message).toMatch(/does not run in lockstep/);
    await plain.close();
    const { BehaviorSubject } = await import('rxjs');
    const gate = new BehaviorSubject(0);
    await expect(serve(fromSpec(seedFile(), { realtime: true }), { port: 0, lockstep: { every: 10, gate } })).rejects.toThrow(/virtual time/);
    const server = await serve(fromSpec(seedFile({ run: { dt: 0.1, duration: 50 } }), { gate }), { port: 0, lockstep: { every: 10, gate } });
    const first = connect(server.port);
    await first.next('hello');
    first.socket.send(JSON.stringify({ type: 'subscribe', mode: 'rates', every: 10, lockstep: true }));
    await first.next('step');
    const late = connect(server.port);
    await late.next('hello');
    late.socket.send(JSON.stringify({ type: 'subscribe', lockstep: true }));
    expect((await late.next('error')).message).toMatch(/the run has started/);
    // The first client leaves instead of answering: the run goes on to the end without it.
    first.socket.close();
    await server.done;
  }, 60_000);
});
