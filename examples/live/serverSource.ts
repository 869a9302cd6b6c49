/**
 * The live page's other source: a `spikestream serve` server (`?server=ws://host:port`) instead
 * of its own worker. It subscribes to the E and I spikes, turns the `.spikes` chunks into the
 * batches the page draws (rates counted in 10 ms windows here), and sends the page's pause and
 * speed as control messages (they act on a run served with `--realtime`).
 */
import { decodeSpikes } from '../../src/index.js';
import type { Batch, Command, Failure } from './protocol.js';

/**
 * @param url - the server's address
 * @param deliver - the page's handler of batches and failures
 * @returns the function the page sends its commands through
 */
export function serverSource(url: string, deliver: (m: Batch | Failure) => void): (c: Command) => void {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  let sizes = { E: 1, I: 1 };
  let dt = 0.1;
  // Spike counts of the current 10 ms window, per group.
  let window = { start: 0, E: 0, I: 0 };
  socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
    if (typeof event.data === 'string') {
      const m = JSON.parse(event.data) as { type: string; dt?: number; groups?: { name: string; size: number }[]; message?: string };
      if (m.type === 'hello') {
        dt = m.dt!;
        const size = (name: string): number => m.groups!.find((g) => g.name === name)?.size ?? 1;
        sizes = { E: size('E'), I: size('I') };
        socket.send(JSON.stringify({ type: 'subscribe', groups: m.groups!.filter((g) => g.name === 'E' || g.name === 'I').map((g) => g.name) }));
      } else if (m.type === 'error') deliver({ type: 'error', message: m.message ?? 'the server refused' });
      else if (m.type === 'end') deliver({ type: 'error', message: 'the served run ended' });
      return;
    }
    const record = decodeSpikes(new Uint8Array(event.data));
    const pairs = (g: 'E' | 'I'): Int32Array => {
      const train = record.groups[g];
      const out = new Int32Array(2 * (train?.indices.length ?? 0));
      train?.indices.forEach((i, k) => {
        out[2 * k] = train.steps[k]!;
        out[2 * k + 1] = i;
      });
      return out;
    };
    const rates: { t: number; E: number; I: number }[] = [];
    const perWindow = Math.round(10 / dt);
    // Each group's spikes are in step order: one pointer each walks them as the steps go.
    const at = { E: 0, I: 0 };
    for (let step = record.startStep; step < record.startStep + record.steps; step++) {
      for (const g of ['E', 'I'] as const) {
        const steps = record.groups[g]?.steps;
        while (steps !== undefined && at[g] < steps.length && steps[at[g]]! === step) {
          window[g]++;
          at[g]++;
        }
      }
      if (step + 1 - window.start >= perWindow) {
        rates.push({ t: window.start * dt, E: window.E / sizes.E / 0.01, I: window.I / sizes.I / 0.01 });
        window = { start: step + 1, E: 0, I: 0 };
      }
    }
    deliver({ type: 'batch', dt, sizes, E: pairs('E'), I: pairs('I'), rates, step: record.startStep + record.steps, lagMs: 0, threads: 1 });
  };
  socket.onerror = () => deliver({ type: 'error', message: `cannot reach ${url}` });
  return (c) => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (c.type === 'pause') socket.send(JSON.stringify({ type: 'control', paused: c.paused }));
    else if (c.type === 'speed') socket.send(JSON.stringify({ type: 'control', speed: c.speed }));
    // Drives and sizes are the served network's own: the page cannot change them.
  };
}
