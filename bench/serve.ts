/**
 * Spikes over WebSocket (`spikestream serve`), measured on this machine in one run:
 *
 *   npm run bench:serve -- [--neurons N=10000] [--duration MS=1000] [--stuck MS=10000]
 *
 * - latency: the seed network in real time, one local client: from the wall-clock time a step is
 *   due (the run's start plus (k + 1)·dt) to the arrival of the chunk holding its spikes, p50 and
 *   p99 over the run's chunks (target: p99 under 5 ms);
 * - throughput: the same network as fast as it goes, to 1 and to 10 clients: spikes delivered
 *   per second of wall-clock time, all clients together, and the run's time against the same run
 *   with no client (the cost of serving);
 * - a stuck client: the seed network in real time for `--stuck` ms (10 s) with one client that
 *   reads nothing and one that reads: the process's memory over the run (bounded: the stuck
 *   client's chunks are dropped once its send buffer holds 4 MB), the reading client's lateness
 *   in the first and the last second (the run keeps time), and whether it got every spike.
 */
import { parseArgs } from 'node:util';
import { lastValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { tian2020 } from '../examples/tian2020/network.js';
import { clock, decodeSpikes, recordSpikes } from '../src/index.js';
import { serve } from '../src/io/serve.js';

const { values } = parseArgs({ options: { neurons: { type: 'string' }, duration: { type: 'string' }, stuck: { type: 'string' } } });
const neurons = Number(values.neurons ?? 10_000);
const duration = Number(values.duration ?? 1000);
const stuckMs = Number(values.stuck ?? 10_000);
const dt = 0.1;

/** Serves one run to `clients` clients; returns per client its chunks' arrival times and steps, and the wall time. */
async function session(clients: number, realtime: boolean, interval?: number) {
  const server = await serve(tian2020(clock({ dt, duration, realtime, ...(interval === undefined ? {} : { pacing: 'timer', interval }) }), { neurons, seed: 1 }), { port: 0 });
  const sockets = Array.from({ length: clients }, () => new WebSocket(`ws://127.0.0.1:${server.port}/`));
  const arrivals = sockets.map(() => [] as { at: number; step: number; steps: number; spikes: number }[]);
  await Promise.all(sockets.map((s) => new Promise((r) => s.once('message', r))));
  let t0 = 0;
  sockets.forEach((s, c) =>
    s.on('message', (data, isBinary) => {
      if (!isBinary) return;
      const at = performance.now();
      const record = decodeSpikes(new Uint8Array(data as Buffer));
      arrivals[c]!.push({ at, step: record.startStep, steps: record.steps, spikes: Object.values(record.groups).reduce((n, g) => n + g.indices.length, 0) });
    }),
  );
  t0 = performance.now();
  for (const s of sockets) s.send(JSON.stringify({ type: 'subscribe' }));
  await server.done;
  await Promise.all(sockets.map((s) => new Promise((r) => (s.readyState === s.CLOSED ? r(null) : s.once('close', r)))));
  return { arrivals, seconds: (performance.now() - t0) / 1000, t0 };
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

// Latency, real time: timer pacing with a 10 ms tick and with the 1 ms tick `serve --realtime`
// uses (a chunk per ten steps; the precise pacer would send one per step, and would also hold
// up this bench's clients, which share the server's thread).
console.log(`spikestream serve, seed network N = ${neurons}, ${duration} ms`);
for (const interval of [10, 1]) {
  const live = await session(1, true, interval);
  const lateness = live.arrivals[0]!.map(({ at, step, steps }) => at - (live.t0 + (step + steps) * dt));
  console.log(
    `  real time, timer tick ${interval} ms, 1 client: a step's spikes arrive ${quantile(lateness, 0.5).toFixed(2)} ms (p50), ` +
      `${quantile(lateness, 0.99).toFixed(2)} ms (p99) after the step is due (target p99 < 5 ms; ${lateness.length} chunks)`,
  );
}

// Throughput, virtual time.
const sim = tian2020(clock({ dt, duration }), { neurons, seed: 1 }).build();
const t0 = performance.now();
const alone = await lastValueFrom(sim.pipe(recordSpikes()));
const aloneSeconds = (performance.now() - t0) / 1000;
const spikes = Object.values(alone.groups).reduce((n, g) => n + g.indices.length, 0);
for (const clients of [1, 10]) {
  const run = await session(clients, false);
  const delivered = run.arrivals.reduce((n, list) => n + list.reduce((m, a) => m + a.spikes, 0), 0);
  if (delivered !== clients * spikes) throw new Error(`${clients} clients got ${delivered} spikes, expected ${clients * spikes}`);
  console.log(`  as fast as it goes, ${String(clients).padStart(2)} client(s): ${(delivered / run.seconds / 1e6).toFixed(2)} million spikes/s delivered; run ${run.seconds.toFixed(3)} s against ${aloneSeconds.toFixed(3)} s with no client (${(run.seconds / aloneSeconds).toFixed(2)}x)`);
}

// A stuck client beside a reading one, in real time (the timer pacing `serve --realtime` uses).
{
  const server = await serve(tian2020(clock({ dt, duration: stuckMs, realtime: true, pacing: 'timer', interval: 1 }), { neurons, seed: 1 }), { port: 0 });
  const stuck = new WebSocket(`ws://127.0.0.1:${server.port}/`);
  const reader = new WebSocket(`ws://127.0.0.1:${server.port}/`);
  await Promise.all([stuck, reader].map((s) => new Promise((r) => s.once('message', r))));
  // The stuck client's socket stops reading: the server's send buffer for it fills.
  (stuck as unknown as { _socket: { pause(): void } })._socket.pause();
  const late: { at: number; lateness: number }[] = [];
  let got = 0;
  reader.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const at = performance.now();
    const record = decodeSpikes(new Uint8Array(data as Buffer));
    got += Object.values(record.groups).reduce((n, g) => n + g.indices.length, 0);
    late.push({ at: at - t0, lateness: at - (t0 + (record.startStep + record.steps) * dt) });
  });
  const memory: { at: number; rss: number; heap: number }[] = [];
  const mb = (bytes: number): number => bytes / 2 ** 20;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    memory.push({ at: performance.now() - t0, rss: mb(m.rss), heap: mb(m.heapUsed + m.external + m.arrayBuffers) });
  }, 500);
  const t0 = performance.now();
  for (const s of [stuck, reader]) s.send(JSON.stringify({ type: 'subscribe' }));
  await new Promise((r) => reader.once('close', r));
  clearInterval(sampler);
  (stuck as unknown as { _socket: { resume(): void } })._socket.resume();
  stuck.terminate();
  await server.done;
  const expected = await lastValueFrom(tian2020(clock({ dt, duration: stuckMs }), { neurons, seed: 1 }).build().pipe(recordSpikes()));
  const total = Object.values(expected.groups).reduce((n, g) => n + g.indices.length, 0);
  const second = (from: number): number[] => late.filter((l) => l.at >= from && l.at < from + 1000).map((l) => l.lateness);
  const first = second(0);
  const last = second(stuckMs - 1000);
  const memAt = (from: number) => memory.filter((m) => m.at >= from).slice(0, 1)[0] ?? memory[memory.length - 1]!;
  const [m1, mEnd] = [memAt(1000), memory[memory.length - 1]!];
  const peak = memory.reduce((p, m) => Math.max(p, m.rss), 0);
  console.log(
    `  a stuck client beside a reader, ${stuckMs / 1000} s in real time: memory at 1 s RSS ${m1.rss.toFixed(0)} MB (heap and buffers ${m1.heap.toFixed(0)} MB), ` +
      `at the end ${mEnd.rss.toFixed(0)} MB (${mEnd.heap.toFixed(0)} MB), peak RSS ${peak.toFixed(0)} MB; ` +
      `the reader's lateness p99 ${quantile(first, 0.99).toFixed(2)} ms in the first second, ${quantile(last, 0.99).toFixed(2)} ms in the last; ` +
      `it got ${got} of ${total} spikes${got === total ? ' (every one)' : ''}`,
  );
  if (got !== total) throw new Error(`the reading client got ${got} spikes, expected ${total}`);
}
