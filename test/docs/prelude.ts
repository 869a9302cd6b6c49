/**
 * What the snippets of README.md and docs/ may use without defining: small, real values of the
 * names the prose gives them (a built simulation `sim`, its spike `record`, a spec, ...).
 * test/docs/snippets.test.ts imports from here only the names a snippet uses and does not define.
 */
import { readFileSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { tian2020 } from '../../examples/tian2020/network.js';
import { build, clock, networkOf, recordSamples, recordSpikes, sampleState, type SimulationSpec } from '../../src/index.js';

/** The seed network's file, as text and parsed. */
export const text = readFileSync('examples/tian2020/network.json', 'utf8');
export const json = JSON.parse(text) as unknown;
/** Its network part. */
export const spec = networkOf(json as SimulationSpec);

/** The seed network at N = 4,000 with the drive of N = 10,000, 100 ms. */
export const net$ = tian2020(clock({ dt: 0.1, duration: 100 }), { neurons: 4000, seed: 1, muF: 10 / Math.sqrt(4000) });
export const sim = build(net$);
export const record = await lastValueFrom(sim.pipe(recordSpikes()));
export const samples = await lastValueFrom(build(net$.pipe(sampleState('v', { target: 'E', variable: 'V', indices: [0, 1, 2] }))).pipe(recordSamples('v')));

/** A rate target that steps from 10 to 15 Hz at 500 ms. */
export const target = (t: number): number => (t <= 500 ? 10 : 15);

export { tian2020 };
