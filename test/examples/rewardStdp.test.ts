import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { rewardLearning } from '../../examples/reward-stdp/rewardLearning.js';

describe('reward from a closed loop gates learning (examples/reward-stdp)', () => {
  it('teaches the output to answer the rewarded input, and leaves the other input\'s weights as drawn', async () => {
    const epochs = await lastValueFrom(rewardLearning({ seconds: 30, seed: 1 }).pipe(toArray()));
    const mean = (input: 'A' | 'B', from: number, to: number): number => {
      const xs = epochs.filter((e) => e.input === input && e.t > from && e.t <= to).map((e) => e.spikes);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    // At first the output hardly answers either input; at the end it answers A, not B.
    expect(mean('A', 0, 2000)).toBeLessThan(2);
    expect(mean('B', 0, 2000)).toBeLessThan(2);
    expect(mean('A', 26000, 30000)).toBeGreaterThan(10);
    expect(mean('B', 26000, 30000)).toBeLessThan(1);
    // B was never rewarded: its weights are those drawn, to the traces' last faded remainders.
    const first = epochs[0]!;
    const last = epochs[epochs.length - 1]!;
    expect(Math.abs(last.wB - first.wB)).toBeLessThan(1e-6);
    expect(last.wA).toBeGreaterThan(first.wA + 0.02);
  }, 60_000);
});
