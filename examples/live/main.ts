/**
 * The live page: a scrolling canvas raster and a d3 population-rate plot of the seed network
 * running in a Web Worker, with its drives, pause, speed and size under the user's hands; or,
 * with `?server=ws://host:port`, of a network served by `spikestream serve` (serverSource).
 */
import { axisBottom, axisLeft, line, scaleLinear, select } from 'd3';
import type { Batch, Command, Failure } from './protocol.js';
import { serverSource } from './serverSource.js';

const WINDOW_MS = 1000;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const canvas = $<HTMLCanvasElement>('raster');
const ctx = canvas.getContext('2d')!;
const params = new URLSearchParams(location.search);
const served = params.get('server');
if (params.has('neurons')) $<HTMLSelectElement>('neurons').value = params.get('neurons')!;
// `?threads=2`: the kernel on two threads (workers started from the simulation's worker).
const threads = Math.max(1, Math.floor(Number(params.get('threads') ?? 1)) || 1);

// The raster scrolls: the canvas covers the last WINDOW_MS of simulated time; x is time.
const pxPerMs = canvas.width / WINDOW_MS;
let shownStep = 0;
let dt = 0.1;

function drawSpikes(batch: Batch): void {
  dt = batch.dt;
  const shift = Math.round((batch.step - shownStep) * dt * pxPerMs);
  if (shift > 0) {
    ctx.drawImage(canvas, -shift, 0);
    ctx.fillStyle = 'white';
    ctx.fillRect(canvas.width - shift, 0, shift, canvas.height);
    shownStep += Math.round(shift / (dt * pxPerMs));
  }
  // E in the top 80% of the height, I below, as in the seed's figure.
  const split = canvas.height * 0.8;
  ctx.fillStyle = 'black';
  const draw = (pairs: Int32Array, size: number, top: number, height: number): void => {
    for (let k = 0; k < pairs.length; k += 2) {
      const x = canvas.width - (shownStep - pairs[k]!) * dt * pxPerMs;
      ctx.fillRect(x, top + (pairs[k + 1]! / size) * height, 1, 1);
    }
  };
  draw(batch.E, batch.sizes.E, 0, split - 2);
  draw(batch.I, batch.sizes.I, split + 2, canvas.height - split - 2);
}

// Population rates, d3 scales and axes; the last WINDOW_MS of 10 ms windows.
const svg = select('#rates');
const [W, H, M] = [1000, 200, { left: 50, bottom: 25, top: 10, right: 10 }];
const x = scaleLinear().range([M.left, W - M.right]);
const y = scaleLinear().domain([0, 30]).range([H - M.bottom, M.top]);
const xAxis = svg.append('g').attr('transform', `translate(0,${H - M.bottom})`);
const yAxis = svg.append('g').attr('transform', `translate(${M.left},0)`);
const paths = { E: svg.append('path').attr('fill', 'none').attr('stroke', '#1f77b4'), I: svg.append('path').attr('fill', 'none').attr('stroke', '#d62728') };
let rates: { t: number; E: number; I: number }[] = [];

function drawRates(batch: Batch): void {
  rates = rates.concat(batch.rates);
  const now = batch.step * batch.dt;
  rates = rates.filter((r) => r.t >= now - WINDOW_MS);
  x.domain([now - WINDOW_MS, now]);
  y.domain([0, Math.max(30, ...rates.map((r) => Math.max(r.E, r.I)))]);
  xAxis.call(axisBottom(x).ticks(10));
  yAxis.call(axisLeft(y).ticks(4));
  for (const g of ['E', 'I'] as const) paths[g].attr('d', line<{ t: number; E: number; I: number }>().x((r) => x(r.t + 5)).y((r) => y(r[g]))(rates) ?? '');
  // The readout: mean rates over the last 100 ms.
  const recent = rates.filter((r) => r.t >= now - 100);
  if (recent.length > 0) {
    $('rate-e').textContent = `${(recent.reduce((s, r) => s + r.E, 0) / recent.length).toFixed(1)} Hz`;
    $('rate-i').textContent = `${(recent.reduce((s, r) => s + r.I, 0) / recent.length).toFixed(1)} Hz`;
  }
  $('lag').textContent = `${batch.lagMs.toFixed(0)} ms`;
  $('threads').textContent = String(batch.threads);
}

// Real-time factor: simulated ms per wall ms over the last second.
const progress: { wall: number; sim: number }[] = [];
function drawRtf(batch: Batch): void {
  const wall = performance.now();
  progress.push({ wall, sim: batch.step * batch.dt });
  while (progress.length > 2 && progress[0]!.wall < wall - 1000) progress.shift();
  const first = progress[0]!;
  if (wall > first.wall) $('rtf').textContent = ((batch.step * batch.dt - first.sim) / (wall - first.wall)).toFixed(2);
}

function deliver(m: Batch | Failure): void {
  if (m.type === 'error') {
    $('readout').textContent = `The simulation stopped: ${m.message}`;
    return;
  }
  drawSpikes(m);
  drawRates(m);
  drawRtf(m);
}

// The spikes come from the page's own worker, or from a server.
let send: (c: Command) => void;
if (served === null) {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<Batch | Failure>) => deliver(event.data);
  send = (c) => worker.postMessage(c);
} else send = serverSource(served, deliver);

function drives(): { muE: number; muI: number } {
  const muE = Number($<HTMLInputElement>('drive-e').value);
  const muI = Number($<HTMLInputElement>('drive-i').value);
  $('drive-e-value').textContent = muE.toFixed(3);
  $('drive-i-value').textContent = muI.toFixed(3);
  return { muE, muI };
}

function start(): void {
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  shownStep = 0;
  rates = [];
  progress.length = 0;
  send({ type: 'start', neurons: Number($<HTMLSelectElement>('neurons').value), seed: 1, speed: Number($<HTMLSelectElement>('speed').value), threads, ...drives() });
}

$('drive-e').addEventListener('input', () => send({ type: 'drive', ...drives() }));
$('drive-i').addEventListener('input', () => send({ type: 'drive', ...drives() }));
$('speed').addEventListener('change', () => send({ type: 'speed', speed: Number($<HTMLSelectElement>('speed').value) }));
$('neurons').addEventListener('change', start);
let paused = false;
$('pause').addEventListener('click', () => {
  paused = !paused;
  $('pause').textContent = paused ? 'Resume' : 'Pause';
  send({ type: 'pause', paused });
});
start();
