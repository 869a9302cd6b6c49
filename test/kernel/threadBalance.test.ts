import { describe, expect, it } from 'vitest';
import { BALANCE_GRID, gridStart, initialPositions, maxShare, rebalance, threadRange } from '../../src/kernel/threads/threadBalance.js';

describe('threadBalance', () => {
  it('puts every boundary on an even neuron, and equal shares where threadRange does for two threads', () => {
    for (const size of [1, 7, 801, 8000, 10_001]) {
      for (let p = 1; p < BALANCE_GRID; p++) expect(gridStart(size, p) % 2).toBe(0);
      expect([gridStart(size, 0), gridStart(size, BALANCE_GRID)]).toEqual([0, size]);
      expect(gridStart(size, initialPositions(2)[1]!)).toBe(threadRange(size, 1, 2)[0]);
    }
    expect(Array.from(initialPositions(3))).toEqual([0, 21, 43, 64]);
  });

  it('moves a boundary one position away from the thread that was last clearly more often', () => {
    const positions = initialPositions(2);
    // Thread 1 last in 200 of 256 steps: thread 0 takes a position's neurons.
    expect(rebalance(positions, [56, 200], 256)).toBe(true);
    expect(Array.from(positions)).toEqual([0, 33, 64]);
    expect(rebalance(positions, [200, 56], 256)).toBe(true);
    expect(Array.from(positions)).toEqual([0, 32, 64]);
    // Within a tenth of the steps: no move.
    expect(rebalance(positions, [120, 136], 256)).toBe(false);
    expect(Array.from(positions)).toEqual([0, 32, 64]);
  });

  it('reads counts a stride apart, and moves inner boundaries of three threads on their own', () => {
    const positions = initialPositions(3);
    const last = new Int32Array(3 * 16);
    last[0] = 10;
    last[16] = 10;
    last[32] = 200;
    expect(rebalance(positions, last, 220, 16)).toBe(true);
    expect(Array.from(positions)).toEqual([0, 21, 44, 64]);
  });

  it('keeps every share between one position and twice the equal share', () => {
    const positions = initialPositions(2);
    for (let k = 0; k < 100; k++) rebalance(positions, [0, 256], 256);
    expect(Array.from(positions)).toEqual([0, 63, 64]);
    const four = initialPositions(4);
    for (let k = 0; k < 100; k++) rebalance(four, [0, 0, 0, 256], 256);
    expect(four[4]! - four[3]!).toBeGreaterThanOrEqual(1);
    for (let t = 0; t < 4; t++) expect(four[t + 1]! - four[t]!).toBeLessThanOrEqual(maxShare(4));
  });
});
