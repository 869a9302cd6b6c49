/**
 * The live page's simulation, in a Web Worker: the seed network on a real-time clock, its E
 * and I drives as stream inputs (closed loop by hand, from the page's sliders), pause and speed
 * through the clock's control. Spikes and rates go to the page in batches, every 50 ms.
 */
import { BehaviorSubject, bufferTime, filter, map, merge, share, Subject, zip, type Subscription } from 'rxjs';
import { build, clock, populationRate, type ClockControl } from '../../src/index.js';
import { params, tian2020 } from '../tian2020/network.js';
import type { Batch, Command } from './protocol.js';

const post = (message: unknown, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(message, transfer);

let running: Subscription | undefined;
const control = new Subject<ClockControl>();
const drive = new BehaviorSubject<{ muE: number; muI: number }>({ muE: params.muF, muI: params.muF });

function start(neurons: number, seed: number, speed: number, threads: number): void {
  running?.unsubscribe();
  const numI = Math.floor(0.2 * neurons);
  const net$ = tian2020(clock({ dt: 0.1, realtime: true, speed, control }), {
    neurons,
    seed,
    muF: drive.pipe(map((d) => d.muE)),
    muFI: drive.pipe(map((d) => d.muI)),
  });
  // One run for every consumer below; with threads, the kernel's workers are started from this
  // worker (the page is cross-origin isolated, so SharedArrayBuffer is there).
  const sim = build(net$, { threads });
  const frames$ = sim.pipe(share());
  // Frame arrays are views valid until the next frame: copy what is kept.
  const spikes$ = frames$.pipe(map((f) => ({ step: f.step, steps: f.steps, dt: f.dt, lagMs: f.lagMs, E: copy(f.spikes.E!, f.step), I: copy(f.spikes.I!, f.step) })));
  const rates$ = zip(frames$.pipe(populationRate('E', { window: 10 })), frames$.pipe(populationRate('I', { window: 10 }))).pipe(map(([e, i]) => ({ t: e.t, E: e.rate, I: i.rate })));
  const sizes = { E: neurons - numI, I: numI };
  running = merge(spikes$.pipe(map((s) => ({ s }))), rates$.pipe(map((r) => ({ r }))))
    .pipe(
      bufferTime(50),
      filter((items) => items.length > 0),
    )
    .subscribe({
      next: (items) => {
        const frames = items.flatMap((x) => ('s' in x ? [x.s] : []));
        const last = frames[frames.length - 1];
        const batch: Batch = {
          type: 'batch',
          dt: 0.1,
          sizes,
          E: Int32Array.from(frames.flatMap((f) => f.E)),
          I: Int32Array.from(frames.flatMap((f) => f.I)),
          rates: items.flatMap((x) => ('r' in x ? [x.r] : [])),
          step: last ? last.step + last.steps : 0,
          lagMs: last?.lagMs ?? 0,
          threads: sim.threads,
        };
        post(batch, [batch.E.buffer, batch.I.buffer]);
      },
      error: (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
    });
}

/** The spikes of a frame as (step, index) pairs. */
function copy(block: { stepPtr: Int32Array; indices: Int32Array }, first: number): number[] {
  const out: number[] = [];
  for (let j = 0; j + 1 < block.stepPtr.length; j++) {
    for (let q = block.stepPtr[j]!; q < block.stepPtr[j + 1]!; q++) out.push(first + j, block.indices[q]!);
  }
  return out;
}

self.onmessage = (event: MessageEvent<Command>) => {
  const c = event.data;
  if (c.type === 'start') {
    drive.next({ muE: c.muE, muI: c.muI });
    start(c.neurons, c.seed, c.speed, c.threads);
  } else if (c.type === 'drive') drive.next({ muE: c.muE, muI: c.muI });
  else if (c.type === 'pause') control.next({ paused: c.paused });
  else if (c.type === 'speed') control.next({ speed: c.speed });
};
