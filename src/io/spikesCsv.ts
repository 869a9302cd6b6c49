/**
 * Spikes as CSV, the form every tool loads (pandas, R, a spreadsheet): a header line
 * `time_ms,group,index`, then one line per spike in time order; within a step, groups in the
 * record's order and neurons ascending.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { recordSpikes, spikesToCsv } from 'spikestream';
 * const csv = spikesToCsv(await lastValueFrom(sim.pipe(recordSpikes())));
 * // time_ms,group,index
 * // 0.3,E,1742
 * ```
 * @module
 */
import type { SpikeRecord } from '../stream/recordSpikes.js';

/**
 * Formats a spike record as CSV.
 *
 * @param record - what `recordSpikes` emitted
 * @returns the CSV text, ending with a newline
 */
export function spikesToCsv(record: SpikeRecord): string {
  const trains = Object.values(record.groups);
  const cursor = trains.map(() => 0);
  const lines = ['time_ms,group,index'];
  // Merges the groups' trains, each sorted by step, one step at a time.
  for (;;) {
    let step = Infinity;
    trains.forEach((t, g) => {
      if (cursor[g]! < t.steps.length) step = Math.min(step, t.steps[cursor[g]!]!);
    });
    if (step === Infinity) break;
    // toPrecision(12) drops the binary noise of step * dt (0.30000000000000004 -> 0.3).
    const time = String(+(step * record.dt).toPrecision(12));
    trains.forEach((t, g) => {
      let k = cursor[g]!;
      for (; k < t.steps.length && t.steps[k] === step; k++) lines.push(`${time},${t.group},${t.indices[k]}`);
      cursor[g] = k;
    });
  }
  return `${lines.join('\n')}\n`;
}
