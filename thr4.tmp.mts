// Two workers each run one half of the threaded kernel with a no-op barrier, concurrently.
import { Worker } from 'node:worker_threads';
import { clock } from '/work/main/src/index.js';
import { kernelSource } from '/work/main/src/kernel/kernelSource.js';
import { tian2020 } from '/work/main/examples/tian2020/network.ts';
const sim = tian2020(clock({ dt: 0.1, duration: 1000 }), { seed: 1 }).build();
const net = sim.built;
const T = 2;
const sab = (n: number) => new SharedArrayBuffer(n);
const threads = Array.from({ length: T }, () => net.groups.map((g) => ({ spikes: new Int32Array(sab(4 * g.size * 200)), stepPtr: new Int32Array(sab(4 * 101)) })));
const V = net.groups.map((g) => { const a = new Float64Array(sab(8 * g.size)); for (let i = 0; i < g.size; i++) a[i] = Math.random() * 15; return a; });
const s = net.projections.map((p) => ({ s: new Float64Array(sab(8 * net.groups[p.post]!.size)) }));
const cuts = net.projections.map((p) => { const c = new Uint32Array(sab(4 * p.csr.rows)); for (let i = 0; i < p.csr.rows; i++) { let j = p.csr.rowPtr[i]!; while (j < p.csr.rowPtr[i + 1]! && p.csr.col[j]! < Math.floor(p.csr.cols / 2)) j++; c[i] = j; } return c; });
const csr = net.projections.map((p) => ({ rowPtr: p.csr.rowPtr, col: p.csr.col }));
const mode = process.argv[2] ?? 'both';
const code = `
const { workerData: w, parentPort } = require('node:worker_threads');
const S = { step: 0, groups: w.V.map((V, gi) => ({ V, spikes: w.threads[w.t][gi].spikes, stepPtr: w.threads[w.t][gi].stepPtr })), threads: w.threads, projections: w.s, cuts: w.cuts, inputs: [], probes: [], full() {}, fail() {}, barrier() { return 0; } };
const run = new Function('S', 'C', w.src)(S, w.csr);
const t0 = performance.now();
for (let done = 0; done < 10000; done += 100) run(100);
parentPort.postMessage(performance.now() - t0);
`;
const copy = process.argv[3] === "copy";
const clone = (x: any): any => JSON.parse("null") ?? x;
const which = mode === 'both' ? [0, 1] : [Number(mode)];
const results = await Promise.all(which.map((t) => new Promise((res) => {
  const deep = (x: any): any => copy ? (ArrayBuffer.isView(x) ? (x as any).slice() : Array.isArray(x) ? x.map(deep) : typeof x === 'object' && x ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, deep(v)])) : x) : x;
  const w = new Worker(code, { eval: true, workerData: { t, V: deep(V), threads: deep(threads), s: deep(s), cuts: deep(cuts), csr: deep(csr), src: kernelSource(net, 0.1, { thread: t, threads: T }) } });
  w.on('message', (ms) => { res(ms); w.terminate(); });
})));
console.log(mode, results.map((x: any) => x.toFixed(0)));
