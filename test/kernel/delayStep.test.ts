import { describe, expect, it } from 'vitest';
import { delayStep } from '../../src/kernel/synapses/synapseValues.js';

/** The double next to x, up (+1) or down (−1). */
function next(x: number, by: 1 | -1): number {
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] = i[0]! + BigInt(by * (x >= 0 ? 1 : -1));
  return f[0]!;
}

describe('delayStep', () => {
  it('rounds ms / dt as Math.round does (ties upward), at every tie and the doubles beside it', () => {
    const xs: number[] = [0, 0.49999999999999994, 0.5, 1.5, 2 ** 52 - 0.5, 2 ** 52, 2 ** 52 + 1, 2 ** 53 + 2, 1e300, 5e-324, -0.5, -1.5, -2.5];
    for (let k = 0; k < 100_000; k++) {
      const tie = k + 0.5;
      xs.push(tie, next(tie, 1), next(tie, -1), -tie, next(-tie, 1), next(-tie, -1), k / 7);
    }
    for (let k = 0; k < 100_000; k++) xs.push(Math.random() * 300);
    // dt = 1 makes x itself the quotient; dt = 0.1 the usual case.
    for (const x of xs) expect(delayStep(x, 1) === Math.round(x) || (delayStep(x, 1) === 0 && Math.round(x) === 0), `${x}`).toBe(true);
    for (const x of xs.slice(-100_000)) expect(delayStep(x, 0.1)).toBe(Math.round(x / 0.1));
    expect(delayStep(Infinity, 1)).toBe(Infinity);
    expect(delayStep(Number.NaN, 1)).toBeNaN();
  });
});
