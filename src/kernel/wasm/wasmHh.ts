/**
 * The step of a pair of Hodgkin–Huxley neurons in WebAssembly (`kind: 'hh'`, Traub–Miles
 * channels, exponential Euler): the JavaScript kernel's operations (`kernelSource`), in its
 * order, on f64x2, with the exponentials of `wasmExp`, so that both back ends give the same
 * spikes bit for bit. The spike test, the refractory counters and the blow-up check stay with
 * the group's loop (`wasmKernelModule`).
 *
 * @example
 * ```ts
 * emit(wasmHhUpdate(g, layout.gates[gi], dt, { v, I, o, next, conductances }, local));
 * ```
 * @module
 */
import type { HhGroupSpec } from '../../model/groupSpec.js';
import { gateStride } from '../numeric/initialState.js';
import { TRAUB_MILES_RATES } from '../numeric/traubMiles.js';
import { expLocals, wasmExp } from './wasmExp.js';
import { op, type ValType } from './wasmModule.js';

/** The locals a pair's update reads and writes. */
export interface HhPair {
  /** V at the step's start (read). */
  readonly v: number;
  /** The input current: constant, current-based synapses and inputs, summed (read). */
  readonly I: number;
  /** The pair's byte offset into the group's f64 arrays, 8·i (read). */
  readonly o: number;
  /** V at the step's end (written). */
  readonly next: number;
  /** The conductance traces into the group, in projection order: trace, weight, reversal. */
  readonly conductances: readonly { readonly local: number; readonly g: number; readonly E: number }[];
}

const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];

/**
 * Code that steps a pair of neurons of `g`: its gates m, h, n (at `gatesAt`, see `gateStride`)
 * relax towards their values at V with the rates at V, then V towards its value with the
 * conductances at the step's start, each exactly over dt (exponential Euler).
 *
 * @param g - the group
 * @param gatesAt - byte address of its gates
 * @param dt - time step, ms
 * @param pair - the locals it reads and writes
 * @param local - allocates a local of the function being written
 * @returns the instructions
 */
export function wasmHhUpdate(g: HhGroupSpec, gatesAt: number, dt: number, pair: HhPair, local: (t: ValType) => number): number[] {
  const { v, I, o, next, conductances } = pair;
  const stride = 8 * gateStride(g.size);
  const v128 = (): number => local('v128');
  const [m, h, n, gNa, gK, gt, vinf, xa, ex] = [v128(), v128(), v128(), v128(), v128(), v128(), v128(), v128(), v128()];
  const rate = new Map(TRAUB_MILES_RATES.map((r) => [r.name, local('v128')]));
  const l = expLocals(local);
  const out: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) out.push(...part);
  };
  const gate = [m, h, n] as const;
  gate.forEach((x, k) => emit(op.get(o), op.v128Load(gatesAt + k * stride), op.set(x)));
  // gNa = ḡNa·m·m·m·h, gK = ḡK·n·n·n·n, left to right.
  emit(splat(g.gNa), op.get(m), op.f64x2Mul, op.get(m), op.f64x2Mul, op.get(m), op.f64x2Mul, op.get(h), op.f64x2Mul, op.set(gNa));
  emit(splat(g.gK), op.get(n), op.f64x2Mul, op.get(n), op.f64x2Mul, op.get(n), op.f64x2Mul, op.get(n), op.f64x2Mul, op.set(gK));
  // gt = gL + gNa + gK + Σ g·x
  emit(splat(g.gL), op.get(gNa), op.f64x2Add, op.get(gK), op.f64x2Add);
  for (const c of conductances) emit(splat(c.g), op.get(c.local), op.f64x2Mul, op.f64x2Add);
  emit(op.set(gt));
  // V∞ = (gL·EL + gNa·ENa + gK·EK + Σ (g·E)·x + I) / gt
  emit(splat(g.gL * g.EL), op.get(gNa), splat(g.ENa), op.f64x2Mul, op.f64x2Add, op.get(gK), splat(g.EK), op.f64x2Mul, op.f64x2Add);
  for (const c of conductances) emit(splat(c.g * c.E), op.get(c.local), op.f64x2Mul, op.f64x2Add);
  emit(op.get(I), op.f64x2Add, op.get(gt), op.f64x2Div, op.set(vinf));
  // The rates at V.
  for (const r of TRAUB_MILES_RATES) {
    const x = r.falling
      ? [...splat(r.c), ...op.get(v), ...op.f64x2Sub, ...splat(g.VT), ...op.f64x2Add, ...splat(r.d), ...op.f64x2Div]
      : [...op.get(v), ...splat(g.VT), ...op.f64x2Sub, ...splat(r.c), ...op.f64x2Sub, ...splat(r.d), ...op.f64x2Div];
    if (r.form === 'rel') {
      // a·x / (eˣ − 1), and a where x is 0.
      emit(x, op.tee(xa), wasmExp('expm1', l), op.set(ex));
      emit(splat(r.a), splat(r.a), op.get(xa), op.f64x2Mul, op.get(ex), op.f64x2Div, op.get(xa), splat(0), op.f64x2Eq, op.v128Bitselect);
    } else if (r.form === 'exp') {
      emit(splat(r.a), x, wasmExp('exp', l), op.f64x2Mul);
    } else {
      emit(splat(r.a), splat(1), x, wasmExp('exp', l), op.f64x2Add, op.f64x2Div);
    }
    emit(op.set(rate.get(r.name)!));
  }
  // Each gate: x∞ + (x − x∞)·e^(−dt·(α + β)), x∞ = α / (α + β).
  const pairs = [['am', 'bm'], ['ah', 'bh'], ['an', 'bn']] as const;
  pairs.forEach(([alpha, beta], k) => {
    const [a, b] = [rate.get(alpha)!, rate.get(beta)!];
    // x∞ is computed once: the JavaScript kernel's two α / (α + β) are the same number.
    const [sum, inf] = [ex, xa];
    emit(op.get(a), op.get(b), op.f64x2Add, op.set(sum), op.get(a), op.get(sum), op.f64x2Div, op.set(inf));
    emit(op.get(o), op.get(inf), op.get(gate[k]!), op.get(inf), op.f64x2Sub);
    emit(splat(-dt), op.get(sum), op.f64x2Mul, wasmExp('exp', l), op.f64x2Mul, op.f64x2Add);
    emit(op.v128Store(gatesAt + k * stride));
  });
  // V: V∞ + (V − V∞)·e^(−dt·gt/C)
  emit(op.get(vinf), op.get(v), op.get(vinf), op.f64x2Sub, splat(-dt / g.C), op.get(gt), op.f64x2Mul, wasmExp('exp', l), op.f64x2Mul, op.f64x2Add, op.set(next));
  return out;
}
