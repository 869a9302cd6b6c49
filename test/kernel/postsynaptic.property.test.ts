/**
 * A fuzz test of synapse kinds of one's own: random definitions of the forms the kernel steps
 * (one variable, or two where the second feeds the first, written in several ways), into groups
 * integrated by Euler or exactly, against the plain recursion or the closed form of a linear
 * system after one spike, in both back ends.
 */
import fc from 'fast-check';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { build, clock, fixedProb, lif, network, postsynaptic, recordSamples, sampleState } from '../../src/index.js';

interface Case {
  readonly tau1: number;
  readonly tau2: number;
  readonly c: number;
  /** How ds/dt is written (all mean −s/τ1 + k·h, k = c or c/τ1 as `over` says). */
  readonly form: number;
  /** Whether the synapse has the second variable. */
  readonly two: boolean;
  readonly exact: boolean;
  readonly euler: boolean;
}

/** ds/dt as text, and the coefficient k of h in it. */
function sEquation(x: Case): { text: string; k: number } {
  if (!x.two) return [{ text: 'ds/dt = -s / tau1', k: 0 }, { text: 'ds/dt = -(s / tau1)', k: 0 }, { text: 'ds/dt = (-s) / tau1', k: 0 }][x.form % 3]!;
  return [
    { text: 'ds/dt = -s / tau1 + c * h', k: x.c },
    { text: 'ds/dt = (-s + c * h) / tau1', k: x.c / x.tau1 },
    { text: 'ds/dt = c * h - s / tau1', k: x.c },
    { text: 'ds/dt = -(s / tau1) + h * c', k: x.c },
  ][x.form % 4]!;
}

/** s and h at the start of steps 0 … n − 1 after one spike that reaches h (or s) for step 1. */
function reference(x: Case, n: number, dt: number): { s: number[]; h: number[] } {
  const { k } = sEquation(x);
  const exact = x.exact && !x.euler;
  const s: number[] = [0];
  const h: number[] = [0];
  for (let i = 1; i < n; i++) {
    const t = (i - 1) * dt;
    if (!x.two) {
      s.push(exact ? Math.exp(-t / x.tau1) : (1 - dt / x.tau1) ** (i - 1));
      h.push(0);
    } else if (exact) {
      const [a, b] = [-1 / x.tau1, -1 / x.tau2];
      h.push(Math.exp(b * t));
      s.push(a === b ? k * t * Math.exp(a * t) : (k * (Math.exp(b * t) - Math.exp(a * t))) / (b - a));
    } else {
      const [sp, hp] = [s[i - 1]!, h[i - 1]!];
      // The spike's 1 lands in h after step 0's update.
      h.push(i === 1 ? 1 : hp * (1 - dt / x.tau2));
      s.push(i === 1 ? 0 : sp * (1 - dt / x.tau1) + k * dt * hp);
    }
  }
  return { s, h };
}

const arbCase: fc.Arbitrary<Case> = fc.record({
  tau1: fc.double({ min: 0.3, max: 20, noNaN: true }),
  tau2: fc.oneof(fc.double({ min: 0.3, max: 20, noNaN: true }), fc.constant(-1)),
  c: fc.double({ min: -3, max: 3, noNaN: true }).filter((c) => Math.abs(c) > 1e-3),
  form: fc.nat(11),
  two: fc.boolean(),
  exact: fc.boolean(),
  euler: fc.boolean(),
}).map((x) => ({ ...x, tau2: x.tau2 < 0 ? x.tau1 : x.tau2 })); // equal time constants: the alpha function

describe('synapse kinds of your own, fuzzed', () => {
  it('follow the plain recursion (Euler) or the closed form (exact) of their equations, in both back ends', async () => {
    const dt = 0.1;
    const n = 150;
    await fc.assert(
      fc.asyncProperty(arbCase, fc.constantFrom('js' as const, 'wasm' as const), async (x, backend) => {
        const net$ = clock({ dt, duration: n * dt }).pipe(
          network({ seed: 1 }),
          lif('P', { size: 1, tau: 5, threshold: 1, reset: -1e6, v0: 1.5 }),
          lif('Q', { size: 1, tau: 10, threshold: 1e9, reset: 0, v0: 0, integrator: x.exact ? 'exponential' : 'euler' }),
          postsynaptic('PQ', {
            pre: 'P', post: 'Q', connectivity: fixedProb(1),
            equations: x.two ? `${sEquation(x).text}\ndh/dt = -h / tau2` : sEquation(x).text,
            spikesInto: x.two ? 'h' : 's',
            effect: 'I += g * s',
            parameters: x.two ? { tau1: x.tau1, tau2: x.tau2, c: x.c, g: 0 } : { tau1: x.tau1, g: 0 },
            ...(x.euler ? { method: 'euler' as const } : {}),
          }),
          sampleState('s', { target: 'PQ', variable: 's', indices: [0] }),
          sampleState('h', { target: 'PQ', variable: x.two ? 'h' : 's', indices: [0] }),
        );
        const frames$ = build(net$, { backend, threads: 1 });
        const [s, h] = await Promise.all(['s', 'h'].map((name) => lastValueFrom(frames$.pipe(recordSamples(name)))));
        const want = reference(x, n, dt);
        for (let i = 0; i < n; i++) {
          const tol = 1e-10 * Math.max(1, Math.abs(want.s[i]!));
          expect(Math.abs(s!.values[i]! - want.s[i]!), `s at step ${i}`).toBeLessThanOrEqual(tol);
          if (x.two) expect(Math.abs(h!.values[i]! - want.h[i]!), `h at step ${i}`).toBeLessThanOrEqual(1e-10);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
