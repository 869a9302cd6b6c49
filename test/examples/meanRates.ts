import { lastValueFrom } from 'rxjs';
import { clock, recordSpikes, type Clock, type Network } from '../../src/index.js';

/**
 * The mean rate of each group over runs of `make` with the given seeds, 1 s each at dt = 0.1 ms:
 * what the Brette et al. 2007 example tests compare with Brian2's recorded rates.
 *
 * @param make - the example's network on a clock, for a seed
 * @param seeds - the seeds
 * @returns Hz per group name
 */
export async function meanRates(make: (clock$: Clock, seed: number) => Network, seeds: readonly number[]): Promise<Record<string, number>> {
  const rates: Record<string, number> = {};
  for (const seed of seeds) {
    const record = await lastValueFrom(make(clock({ dt: 0.1, duration: 1000 }), seed).pipe(recordSpikes()));
    for (const [name, g] of Object.entries(record.groups)) rates[name] = (rates[name] ?? 0) + g.indices.length / g.size / seeds.length;
  }
  return rates;
}
