/**
 * Real-time pacing in process, measured on this machine in one run:
 *
 *   npm run bench:pacing -- [--neurons N=10000] [--duration MS=2000] [--rounds R=1]
 *
 * The seed network in real time with one-step feedback: every frame sets the drive mu_f (a
 * stream input) from the frame's E spike count, so the next step sees it. For each pacing
 * (timer with the old default 10 ms interval, timer with a 1 ms interval, and the precise pacer
 * that is the default now) it prints, over every step of the run:
 * - issued: how late the clock issues the step (its frame's `lagMs`, which is the lag of the
 *   first step of the clock's tick; p50, p99, max); target p99 under 1 ms by default;
 * - delivered: from the step's due time, the schedule's start plus (k + 1)·dt, to its frame
 *   reaching the subscriber, the step's work included (what a closed loop sees); the start is
 *   read off the frames (no step is issued before it is due: the earliest delivery, less
 *   its due time), so this is short by the least time a frame takes;
 * and the mean steps per frame, and the process's CPU time per wall-clock second (the cost of
 * waiting and working together). Last, the machine alone: a loop that only reads the clock for
 * as long as a run, and the stalls it sees (the operating system or a hypervisor taking the
 * core): no pacing can issue a step on time through those, and they make most of the p99.
 */
import { parseArgs } from 'node:util';
import { BehaviorSubject, lastValueFrom, tap } from 'rxjs';
import { tian2020 } from '../examples/tian2020/network.js';
import { build, clock, type ClockOptions } from '../src/index.js';

const { values } = parseArgs({ options: { neurons: { type: 'string' }, duration: { type: 'string' }, rounds: { type: 'string' } } });
const neurons = Number(values.neurons ?? 10_000);
const duration = Number(values.duration ?? 2000);
const rounds = Number(values.rounds ?? 1);

const quantile = (xs: Float64Array, q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** One real-time run; returns the frames' lags (sorted), steps per frame and CPU seconds per wall second. */
async function run(pacing: Partial<ClockOptions>) {
  const mu$ = new BehaviorSubject(0.1);
  // Preallocated: growing arrays would add collections of their own to the run.
  const total = Math.round(duration / 0.1);
  const lags = new Float64Array(total);
  const delivered = new Float64Array(total); // arrival time here, made relative below
  let frames = 0;
  let since = Infinity;
  let steps = 0;
  const sim = build(tian2020(clock({ dt: 0.1, duration, realtime: true, ...pacing }), { neurons, seed: 1, muF: mu$ }));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await lastValueFrom(
    sim.pipe(
      tap((f) => {
        const at = performance.now();
        // The schedule's start, read off the frames: no step is issued before it is due.
        since = Math.min(since, at - (f.step + 1) * 0.1);
        for (let k = f.step; k < f.step + f.steps; k++) {
          lags[k] = f.lagMs;
          delivered[k] = at - (k + 1) * 0.1;
        }
        frames++;
        steps += f.steps;
        // One-step feedback: the drive for the next step from this frame's E spikes.
        const e = f.spikes.E!;
        mu$.next(0.1 + 1e-4 * Math.min(10, e.indices.length / f.steps));
      }),
    ),
  );
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { lags: lags.sort(), delivered: delivered.map((d) => d - since).sort(), perFrame: steps / frames, cpu: (cpu.user + cpu.system) / 1e6 / wall, wall };
}

const configs: [string, Partial<ClockOptions>][] = [
  ['timer, interval 10 ms', { pacing: 'timer', interval: 10 }],
  ['timer, interval 1 ms', { pacing: 'timer', interval: 1 }],
  ['precise (default)', {}],
];
console.log(`seed network N = ${neurons}, ${duration} ms in real time, one-step feedback; per step`);
await run({}); // warm the code paths
for (let r = 0; r < rounds; r++) {
  for (const [name, pacing] of configs) {
    const { lags, delivered, perFrame, cpu, wall } = await run(pacing);
    const q = (xs: Float64Array): string => `p50 ${quantile(xs, 0.5).toFixed(3)}, p99 ${quantile(xs, 0.99).toFixed(3)}, max ${xs[xs.length - 1]!.toFixed(2)} ms`;
    console.log(`  ${name.padEnd(22)} issued ${q(lags)}; delivered ${q(delivered)}; ${perFrame.toFixed(1)} steps/frame; CPU ${cpu.toFixed(2)} s per wall s (wall ${wall.toFixed(2)} s)`);
  }
}

// The machine alone: stalls seen by a loop that does nothing but read the clock.
{
  const gaps: number[] = [];
  let last = performance.now();
  const end = last + duration;
  for (let t = last; t < end; t = performance.now()) {
    if (t - last > 0.5) gaps.push(t - last);
    last = t;
  }
  gaps.sort((a, b) => b - a);
  console.log(`  the machine alone, ${duration} ms of a loop reading the clock: ${gaps.filter((g) => g > 1).length} stalls over 1 ms, ${gaps.length} over 0.5 ms, longest ${(gaps[0] ?? 0).toFixed(2)} ms`);
}
