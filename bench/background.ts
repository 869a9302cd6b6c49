/**
 * What else runs while the seed network does: the CPU time of the process's other threads
 * during a run of the demo's pipeline (spike recorder and progress reports on), per thread
 * count, in fresh processes. On a machine with as many cores as threads, every millisecond of
 * such work (V8's optimizing compiler, its garbage collection's marking) is taken from a core
 * the kernel's threads compute on, and the others wait for that thread at the next step
 * (docs/performance.md, Threads). Linux only: it reads /proc/self/task/<tid>/schedstat.
 *
 *   npm run bench:background -- [--threads 1,2] [--repeats R=5] [--duration MS=1000] [--neurons N=10000]
 *
 * Printed per run: the run's wall time; the CPU time of the calling thread, of the kernel's
 * workers (the busiest other threads, one per worker) and of every other thread together.
 * The medians of each close the table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lastValueFrom, share } from 'rxjs';

const { values } = parseArgs({
  options: {
    threads: { type: 'string' },
    repeats: { type: 'string' },
    duration: { type: 'string' },
    neurons: { type: 'string' },
    child: { type: 'string' },
  },
});
const duration = Number(values.duration ?? 1000);
const neurons = Number(values.neurons ?? 10_000);

interface Sample {
  runMs: number;
  mainMs: number;
  workersMs: number;
  otherMs: number;
}

/** CPU nanoseconds of every thread of this process, by thread id. */
function cpuByThread(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // the thread ended
    }
  }
  return out;
}

async function child(threads: number): Promise<Sample> {
  const { clock, progress, recordSpikes } = await import('../src/index.js');
  const { tian2020 } = await import('../examples/tian2020/network.js');
  const { collectBuildGarbage } = await import('../src/cli/runNetwork.js');
  const sim = tian2020(clock({ dt: 0.1, duration }), { neurons, seed: 1 }).build({ threads });
  collectBuildGarbage();
  const before = cpuByThread();
  const t0 = performance.now();
  const frames$ = sim.pipe(share());
  frames$.pipe(progress(0.1)).subscribe(() => undefined);
  await lastValueFrom(frames$.pipe(recordSpikes()));
  const runMs = performance.now() - t0;
  const after = cpuByThread();
  const main = String(process.pid);
  const others = [...after]
    .filter(([tid]) => tid !== main)
    .map(([tid, ns]) => (ns - (before.get(tid) ?? 0)) / 1e6)
    .sort((a, b) => b - a);
  const workers = others.slice(0, threads - 1);
  return {
    runMs,
    mainMs: (after.get(main)! - before.get(main)!) / 1e6,
    workersMs: workers.reduce((a, b) => a + b, 0),
    otherMs: others.slice(threads - 1).reduce((a, b) => a + b, 0),
  };
}

if (values.child !== undefined) {
  process.stdout.write(`${JSON.stringify(await child(Number(values.child)))}\n`);
  process.exit(0);
}

if (!existsSync('/proc/self/task')) {
  console.log('bench:background reads /proc/self/task (Linux): not here.');
  process.exit(0);
}
const threadCounts = (values.threads ?? '1,2').split(',').map(Number);
const repeats = Number(values.repeats ?? 5);
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const samples = new Map<number, Sample[]>(threadCounts.map((t) => [t, []]));
console.log(`Seed network, N = ${neurons}, ${duration} ms, the demo's pipeline, ${repeats} fresh processes per thread count, interleaved`);
console.log('threads  run        calling thread  workers    other threads');
const ms = (x: number): string => `${x.toFixed(1)} ms`.padEnd(11);
for (let r = 0; r < repeats; r++) {
  for (const t of threadCounts) {
    // With --expose-gc, as the demo runs: the build's garbage collected before the run.
    const args = ['--expose-gc', 'bench/background.ts', '--child', String(t), '--duration', String(duration), '--neurons', String(neurons)];
    const s = JSON.parse(execFileSync(tsx, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Sample;
    samples.get(t)!.push(s);
    console.log(`${String(t).padEnd(9)}${ms(s.runMs)}${ms(s.mainMs).padEnd(16)}${ms(s.workersMs)}${ms(s.otherMs)}`);
  }
}
const median = (xs: number[]): number => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 === 1 ? a[(a.length - 1) / 2]! : (a[a.length / 2 - 1]! + a[a.length / 2]!) / 2;
};
console.log('');
for (const [t, xs] of samples) {
  console.log(
    `median, ${t} thread${t > 1 ? 's' : ''}: run ${median(xs.map((x) => x.runMs)).toFixed(1)} ms, calling thread ${median(xs.map((x) => x.mainMs)).toFixed(1)} ms, ` +
      `workers ${median(xs.map((x) => x.workersMs)).toFixed(1)} ms, other threads ${median(xs.map((x) => x.otherMs)).toFixed(1)} ms`,
  );
}
