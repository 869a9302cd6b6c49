import { from, lastValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { lag, populationRate, progress, recordSpikes, spikeEvents, type Frame } from '../../src/index.js';

/** A frame of group G (size 4) from spikes per step, written out by hand. */
function frame(step: number, perStep: number[][], lagMs = 0, totalSteps = 6): Frame {
  const stepPtr = new Int32Array(perStep.length + 1);
  perStep.forEach((s, j) => (stepPtr[j + 1] = stepPtr[j]! + s.length));
  return {
    step,
    steps: perStep.length,
    dt: 0.5,
    totalSteps,
    lagMs,
    spikes: { G: { group: 'G', size: 4, stepPtr, indices: Int32Array.from(perStep.flat()) } },
    samples: {},
    weights: {},
  };
}

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('populationRate', () => {
  it('emits spikes / (size × window) in Hz for each full window, across frame boundaries', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const frames = cold('a-(b|)', { a: frame(0, [[0, 1], [], [2]]), b: frame(3, [[3], [0, 1, 2, 3], []]) });
      // window 1 ms = 2 steps of 0.5 ms: counts 2, 2 (crosses the frame), 4; 4 neurons × 1 ms.
      expectObservable(frames.pipe(populationRate('G', { window: 1 }))).toBe('a-(bc|)', {
        a: { t: 0, step: 0, rate: 500 },
        b: { t: 1, step: 2, rate: 500 },
        c: { t: 2, step: 4, rate: 1000 },
      });
    });
  });

  it('errors on a window that is not a whole number of steps', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: frame(0, [[]]) }).pipe(populationRate('G', { window: 0.7 }))).toBe(
        '#',
        undefined,
        new RangeError('populationRate: window 0.7 ms is not a whole number of steps of dt = 0.5 ms'),
      );
    });
  });
});

describe('spikeEvents', () => {
  it('emits one event per step with that step’s spikes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const frames = cold('(a|)', { a: frame(2, [[1], [], [0, 3]]) });
      expectObservable(frames.pipe(spikeEvents('G'))).toBe('(xyz|)', {
        x: { group: 'G', step: 2, t: 1, indices: Int32Array.of(1) },
        y: { group: 'G', step: 3, t: 1.5, indices: Int32Array.of() },
        z: { group: 'G', step: 4, t: 2, indices: Int32Array.of(0, 3) },
      });
    });
  });
});

describe('recordSpikes', () => {
  it('emits every spike with its step when the run completes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const frames = cold('a-b|', { a: frame(0, [[0, 1], [], [2]]), b: frame(3, [[3], [], []]) });
      expectObservable(frames.pipe(recordSpikes())).toBe('---(r|)', {
        r: {
          dt: 0.5,
          startStep: 0,
          steps: 6,
          groups: { G: { group: 'G', size: 4, steps: Float64Array.of(0, 0, 2, 3), indices: Int32Array.of(0, 1, 2, 3) } },
        },
      });
    });
  });

  it('keeps every spike past the size its buffers start at (1,024 for a small group), each with its step', async () => {
    // 700 frames of 3 steps; step k has k % 5 spikes (neurons 0 to k % 5 − 1): 4,200 spikes.
    const perStep = (k: number): number[] => Array.from({ length: k % 5 }, (_, i) => i);
    const frames = Array.from({ length: 700 }, (_, f) => frame(3 * f, [perStep(3 * f), perStep(3 * f + 1), perStep(3 * f + 2)], 0, 2100));
    const record = await lastValueFrom(from(frames).pipe(recordSpikes()));
    const steps: number[] = [];
    const indices: number[] = [];
    for (let k = 0; k < 2100; k++) for (const i of perStep(k)) steps.push(k), indices.push(i);
    expect(steps.length).toBe(4200);
    expect(Array.from(record.groups.G!.steps)).toEqual(steps);
    expect(Array.from(record.groups.G!.indices)).toEqual(indices);
    expect(record.steps).toBe(2100);
  });

  it('errors on a group that does not exist, naming those that do', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: frame(0, [[]]) }).pipe(recordSpikes(['X']))).toBe(
        '#',
        undefined,
        new RangeError('recordSpikes: no group named "X" (groups: G)'),
      );
    });
  });
});

describe('progress', () => {
  it('reports each tenth passed with the wall time since subscription', () => {
    let now = 0;
    scheduler().run(({ cold, expectObservable }) => {
      const frames = cold('a-b-c|', { a: frame(0, [[], []], 0, 6), b: frame(2, [[], []], 0, 6), c: frame(4, [[], []], 0, 6) });
      const clock = () => (now += 100); // every read advances 100 ms
      expectObservable(frames.pipe(progress(0.5, clock))).toBe('--b-c|', {
        b: { fraction: 0.5, step: 4, seconds: 0.1 },
        c: { fraction: 1, step: 6, seconds: 0.2 },
      });
    });
  });
});

describe('lag', () => {
  it('emits each frame’s lag once while it stays the same', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const frames = cold('abc|', { a: frame(0, [[]], 0), b: frame(1, [[]], 0), c: frame(2, [[]], 12) });
      expectObservable(frames.pipe(lag())).toBe('a-c|', { a: 0, c: 12 });
    });
  });
});
