/**
 * The rate clamp of clampRate.ts, in a process of its own, over the wire: a client of
 * `spikestream serve --lockstep K` that subscribes in lockstep to the E rate every K steps, and
 * after each stretch sets the drives (the file's stream inputs into E and I, as f_E·√N·mu_f and
 * f_I·√N·mu_f) for the next, then lets the run go on. In lockstep each answer acts at the step the
 * stretch ended, however long this process takes, so the session replays exactly.
 *
 *   npx spikestream serve examples/closed-loop/network.json --lockstep 100 &
 *   npx tsx examples/closed-loop/remoteController.ts ws://127.0.0.1:8080 [--target 10,15] [--switch MS=300]
 *
 * Prints one JSON line per window: { step, rate, target, muF }.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { nextDrive } from './clampRate.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { target: { type: 'string' }, switch: { type: 'string' }, gain: { type: 'string' }, mu: { type: 'string' } } });
const url = positionals[0] ?? 'ws://127.0.0.1:8080';
const [before, after] = (values.target ?? '10,15').split(',').map(Number) as [number, number];
const switchAt = Number(values.switch ?? 300);
const gain = Number(values.gain ?? 0.005);
// mu_f; by default the one that gives the N = 10,000 drive (30 into E), whatever N.
let mu = values.mu === undefined ? NaN : Number(values.mu);

const socket = new WebSocket(url);
let inputs: { E: number; I: number } | null = null;
let scale = 0;
let dt = 0.1;
socket.on('message', (data) => {
  const m = JSON.parse(String(data)) as Record<string, any>;
  switch (m.type) {
    case 'hello': {
      dt = m.dt;
      // The stream inputs into E and I, and √N for the drives.
      const find = (g: string): number => m.inputs.find((x: { kind: string; group: string }) => x.kind === 'stream' && x.group === g).input;
      inputs = { E: find('E'), I: find('I') };
      scale = Math.sqrt(m.groups.reduce((n: number, g: { size: number }) => n + g.size, 0));
      if (Number.isNaN(mu)) mu = 10 / scale;
      if (typeof m.lockstep !== 'number') throw new Error('the server does not run in lockstep: serve --lockstep K');
      socket.send(JSON.stringify({ type: 'subscribe', groups: ['E'], mode: 'rates', every: m.lockstep, lockstep: true }));
      break;
    }
    case 'rates': {
      const t = m.step * dt;
      const target = t < switchAt ? before : after;
      mu = nextDrive(mu, m.rates.E, target, gain);
      process.stdout.write(`${JSON.stringify({ step: m.step, rate: m.rates.E, target, muF: mu })}\n`);
      socket.send(JSON.stringify({ type: 'input', input: inputs!.E, value: 3 * scale * mu }));
      socket.send(JSON.stringify({ type: 'input', input: inputs!.I, value: 2 * scale * mu }));
      break;
    }
    case 'step':
      socket.send(JSON.stringify({ type: 'continue' }));
      break;
    case 'error':
      process.stderr.write(`server: ${m.message}\n`);
      process.exitCode = 1;
      break;
    case 'end':
      socket.close();
      break;
  }
});
socket.on('error', (e) => {
  process.stderr.write(`remoteController: ${e.message}\n`);
  process.exit(1);
});
