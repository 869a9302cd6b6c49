/**
 * A plain reference implementation of the seed's loops, written straight from the BrainPy
 * notebook's `LIF.update` and `Syn.update` and sharing no code with src/. It takes the
 * synapses and initial potentials as data (from the engine, so that both run the same
 * network) and repeats the notebook's phases literally:
 *
 *   (1) each group's input += external input
 *   (2) each group: V = Euler(V, input); spike if V >= threshold, reset; input = 0
 *   (3) each projection, in network order: s = Euler(s); s[post] += 1 per pre spike
 *       (or += the synapse's weight); post.input += g * s
 *
 * With per-synapse delays (in steps), a spike of step k reaches its target in phase (3) of step
 * k + d; what reaches a target in one step is summed first, then added to its trace (a ring of
 * sums per target, as NEST's ring buffers).
 *
 * Floating-point: forward Euler is written as documented in the engine's kernel
 * (V + (I - V) * (dt / tau) and s * (1 - dt / tau_s)), since the two must agree to the bit.
 */
export interface PlainGroup {
  name: string;
  size: number;
  tau: number;
  threshold: number;
  reset: number;
  v0: number[];
  external: number[]; // constant inputs, added in this order
}

export interface PlainProjection {
  pre: string;
  post: string;
  tau: number;
  g: number;
  pre2post: number[][];
  /** Per synapse, aligned with pre2post: what a spike adds to the trace (default 1). */
  weights?: number[][];
  /** Per synapse, aligned with pre2post: its delay in steps (default: none, the direct add). */
  delays?: number[][];
}

/** Spikes per step per group: spikes[group][step] = neuron indices. */
export type PlainSpikes = Record<string, number[][]>;

export function runPlain(groups: PlainGroup[], projections: PlainProjection[], dt: number, steps: number): PlainSpikes {
  const V: Record<string, number[]> = {};
  const input: Record<string, number[]> = {};
  const spike: Record<string, boolean[]> = {};
  const out: PlainSpikes = {};
  for (const g of groups) {
    V[g.name] = g.v0.slice();
    input[g.name] = new Array<number>(g.size).fill(0);
    spike[g.name] = new Array<boolean>(g.size).fill(false);
    out[g.name] = [];
  }
  const s = projections.map((p) => new Array<number>(groups.find((g) => g.name === p.post)!.size).fill(0));
  // Per projection with delays: arriving[step] = the sums per target that arrive at that step.
  const arriving = projections.map(() => new Map<number, number[]>());

  for (let step = 0; step < steps; step++) {
    // (1) external inputs
    for (const g of groups) {
      for (const x of g.external) {
        for (let i = 0; i < g.size; i++) input[g.name]![i] = input[g.name]![i]! + x;
      }
    }
    // (2) neuron update
    for (const g of groups) {
      const fired: number[] = [];
      for (let i = 0; i < g.size; i++) {
        let v = V[g.name]![i]!;
        v = v + (input[g.name]![i]! - v) * (dt / g.tau);
        if (v >= g.threshold) {
          spike[g.name]![i] = true;
          v = g.reset;
          fired.push(i);
        } else {
          spike[g.name]![i] = false;
        }
        V[g.name]![i] = v;
        input[g.name]![i] = 0;
      }
      out[g.name]!.push(fired);
    }
    // (3) synapses
    projections.forEach((p, k) => {
      const trace = s[k]!;
      for (let j = 0; j < trace.length; j++) trace[j] = trace[j]! * (1 - dt / p.tau);
      const pre = spike[p.pre]!;
      if (p.delays === undefined) {
        for (let i = 0; i < pre.length; i++) {
          if (!pre[i]) continue;
          p.pre2post[i]!.forEach((j, c) => (trace[j] = trace[j]! + (p.weights?.[i]![c] ?? 1)));
        }
      } else {
        const queue = arriving[k]!;
        for (let i = 0; i < pre.length; i++) {
          if (!pre[i]) continue;
          p.pre2post[i]!.forEach((j, c) => {
            const at = step + p.delays![i]![c]!;
            const sums = queue.get(at) ?? new Array<number>(trace.length).fill(0);
            sums[j] = sums[j]! + (p.weights?.[i]![c] ?? 1);
            queue.set(at, sums);
          });
        }
        const now = queue.get(step);
        if (now !== undefined) for (let j = 0; j < trace.length; j++) trace[j] = trace[j]! + now[j]!;
        queue.delete(step);
      }
      const target = input[p.post]!;
      for (let j = 0; j < trace.length; j++) target[j] = target[j]! + p.g * trace[j]!;
    });
  }
  return out;
}
