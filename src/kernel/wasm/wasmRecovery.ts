/**
 * The step of a pair of two-variable neurons in WebAssembly: Izhikevich (2003) and AdEx (Brette
 * & Gerstner 2005), forward Euler from the values at the step's start, the JavaScript kernel's
 * operations (`kernelSource`) in its order on f64x2, AdEx's exponential that of `wasmExp` (the
 * JavaScript kernel's `exp_`), so that both back ends give the same spikes bit for bit. The
 * spike test, the reset and the blow-up check stay with the group's loop (`wasmKernelModule`).
 *
 * @example
 * ```ts
 * emit(wasmRecoveryUpdate(g, dt, { v, u, I }, local)); // v and u stepped in place
 * ```
 * @module
 */
import type { AdexGroupSpec, IzhikevichGroupSpec } from '../../model/groupSpec.js';
import { expLocals, wasmExp } from './wasmExp.js';
import { op, type ValType } from './wasmModule.js';

/** The locals a pair's update reads and writes: V and the recovery variable (u or w), and I. */
export interface RecoveryPair {
  /** V, stepped in place. */
  readonly v: number;
  /** Izhikevich's u or AdEx's w, stepped in place. */
  readonly u: number;
  /** The input current (read). */
  readonly I: number;
}

const splat = (c: number): number[] => [...op.f64Const(c), ...op.f64x2Splat];

/**
 * Code that steps V and the recovery variable of a pair of neurons of `g` over dt.
 *
 * @param g - the group
 * @param dt - time step, ms
 * @param pair - the locals it reads and writes
 * @param local - allocates a local of the function being written
 * @returns the instructions
 */
export function wasmRecoveryUpdate(g: IzhikevichGroupSpec | AdexGroupSpec, dt: number, pair: RecoveryPair, local: (t: ValType) => number): number[] {
  const { v, u, I } = pair;
  const dv = local('v128');
  const out: number[] = [];
  const emit = (...parts: number[][]): void => {
    for (const part of parts) out.push(...part);
  };
  if (g.kind === 'izhikevich') {
    // dv = 0.04·v·v + 5·v + 140 − u + I
    emit(splat(0.04), op.get(v), op.f64x2Mul, op.get(v), op.f64x2Mul, splat(5), op.get(v), op.f64x2Mul, op.f64x2Add, splat(140), op.f64x2Add);
    emit(op.get(u), op.f64x2Sub, op.get(I), op.f64x2Add, op.set(dv));
    // u = u + (dt·a)·(b·v − u)
    emit(op.get(u), splat(dt * g.a), splat(g.b), op.get(v), op.f64x2Mul, op.get(u), op.f64x2Sub, op.f64x2Mul, op.f64x2Add, op.set(u));
    // v = v + dt·dv
    emit(op.get(v), splat(dt), op.get(dv), op.f64x2Mul, op.f64x2Add, op.set(v));
    return out;
  }
  // dV = −gL·(V − EL) + (gL·ΔT)·exp((V − VT)/ΔT) − w + I
  emit(splat(-g.gL), op.get(v), splat(g.EL), op.f64x2Sub, op.f64x2Mul);
  emit(splat(g.gL * g.deltaT), op.get(v), splat(g.VT), op.f64x2Sub, splat(g.deltaT), op.f64x2Div, wasmExp('exp', expLocals(local)), op.f64x2Mul, op.f64x2Add);
  emit(op.get(u), op.f64x2Sub, op.get(I), op.f64x2Add, op.set(dv));
  // w = w + (dt/τw)·(a·(V − EL) − w)
  emit(op.get(u), splat(dt / g.tauw), splat(g.a), op.get(v), splat(g.EL), op.f64x2Sub, op.f64x2Mul, op.get(u), op.f64x2Sub, op.f64x2Mul, op.f64x2Add, op.set(u));
  // V = V + (dt/C)·dV
  emit(op.get(v), splat(dt / g.C), op.get(dv), op.f64x2Mul, op.f64x2Add, op.set(v));
  return out;
}
