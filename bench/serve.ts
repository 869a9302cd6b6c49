/**
 * Spikes over WebSocket (`spikestream serve`), measured on this machine in one run:
 *
 *   npm run bench:serve -- [--neurons N=10000] [--duration MS=1000]
 *
 * - latency: the seed network in real time, one local client: from the wall-clock time a step is
 *   due (the run's start plus (k + 1)·dt) to the arrival of the chunk holding its spikes, p50 and
 *   p99 over the run's chunks (target: p99 under 5 ms);
 * - throughput: the same network as fast as it goes, to 1 and to 10 clients: spikes delivered
 *   per second of wall-clock time, all clients together, and the run's time against the same run
 *   with no client (the cost of serving).
 */
import { parseArgs } from 'node:util';
import { lastValueFrom } from 'rxjs';
import WebSocket from 'ws';
import { tian2020 } from '../examples/tian2020/network.js';
import { clock, decodeSpikes, recordSpikes } from '../src/index.js';
import { serve } from '../src/io/serve.js';

const { values } = parseArgs({ options: { neurons: { type: 'string' }, duration: { type: 'string' } } });
const neurons = Number(values.neurons ?? 10_000);
const duration = Number(values.duration ?? 1000);
const dt = 0.1;

/** Serves one run to `clients` clients; returns per client its chunks' arrival times and steps, and the wall time. */
async function session(clients: number, realtime: boolean, interval?: number) {
  const server = await serve(tian2020(clock({ dt, duration, realtime, ...(interval === undefined ? {} : { interval }) }), { neurons, seed: 1 }), { port: 0 });
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

// Latency, real time: the clock's default tick (10 ms) and a 1 ms tick.
console.log(`spikestream serve, seed network N = ${neurons}, ${duration} ms`);
for (const interval of [undefined, 1]) {
  const live = await session(1, true, interval);
  const lateness = live.arrivals[0]!.map(({ at, step, steps }) => at - (live.t0 + (step + steps) * dt));
  console.log(
    `  real time, clock interval ${interval ?? 'default (10)'} ms, 1 client: a step's spikes arrive ${quantile(lateness, 0.5).toFixed(2)} ms (p50), ` +
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
