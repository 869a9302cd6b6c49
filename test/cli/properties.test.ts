/**
 * Property-based tests: malformed specs never crash (no exception escapes, no stack trace is
 * printed, the exit code says so), and valid small specs always run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { decodeSimulationSpec, fromSpec, recordSpikes, SimulationError, SpecError } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'spikestream-props-'));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

/** A valid small simulation spec. */
const validSpec = fc
  .record({
    groups: fc.array(
      fc.record({
        size: fc.integer({ min: 1, max: 60 }),
        tau: fc.double({ min: 1, max: 30, noNaN: true }),
        threshold: fc.double({ min: 0.5, max: 20, noNaN: true }),
        reset: fc.double({ min: -5, max: 0.4, noNaN: true }),
        v0: fc.oneof(
          fc.double({ min: -5, max: 20, noNaN: true }).map((value) => ({ kind: 'constant', value })),
          fc.tuple(fc.double({ min: -5, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })).map(([low, w]) => ({ kind: 'uniform', low, high: low + w })),
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    projections: fc.array(
      fc.record({
        pre: fc.nat(),
        post: fc.nat(),
        p: fc.double({ min: 0, max: 1, noNaN: true }),
        self: fc.option(fc.boolean(), { nil: undefined }),
        tau: fc.double({ min: 1, max: 20, noNaN: true }),
        g: fc.double({ min: -5, max: 5, noNaN: true }),
      }),
      { maxLength: 4 },
    ),
    inputs: fc.array(fc.record({ group: fc.nat(), value: fc.double({ min: -50, max: 50, noNaN: true }) }), { maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    dt: fc.constantFrom(0.05, 0.1, 0.2, 0.5),
    steps: fc.integer({ min: 1, max: 200 }),
  })
  .map((r) => {
    const names = r.groups.map((_, i) => `G${i}`);
    const pick = (k: number): string => names[k % names.length]!;
    return {
      seed: r.seed,
      run: { dt: r.dt, duration: r.steps * r.dt },
      groups: r.groups.map((g, i) => ({ kind: 'lif', name: names[i], size: g.size, tau: g.tau, threshold: g.threshold, reset: g.reset, v0: g.v0 })),
      projections: r.projections.map((p, i) => ({
        name: `P${i}`,
        pre: pick(p.pre),
        post: pick(p.post),
        connectivity: p.self === undefined ? { kind: 'fixedProbability', p: p.p } : { kind: 'fixedProbability', p: p.p, selfConnections: p.self },
        synapse: { kind: 'expCurrent', tau: p.tau, g: p.g },
      })),
      inputs: r.inputs.map((input) => ({ kind: 'constant', group: pick(input.group), value: input.value })),
    };
  });

/** Every path to a value inside `value`, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

type Mutation = { kind: 'set'; at: number; value: unknown } | { kind: 'delete'; at: number } | { kind: 'add'; at: number; key: string; value: unknown };

/** Applies a mutation at the `at`-th path (modulo the number of paths) of a copy of `spec`. */
function mutate(spec: unknown, m: Mutation): unknown {
  const copy = structuredClone(spec) as Record<string | number, unknown>;
  const all = paths(copy);
  const path = all[m.at % all.length]!;
  if (path.length === 0) return m.kind === 'set' ? m.value : copy;
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], copy);
  const key = path[path.length - 1]!;
  if (m.kind === 'set') parent[key] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (typeof parent[key] === 'object' && parent[key] !== null && !Array.isArray(parent[key])) parent[key][m.key] = m.value;
  return copy;
}

const oddValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-1, 0, 2.5, 1.5, -0.5, 1e400, -1e400, '', 'X', null, [], {}, 2 ** 32, 1e9),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: oddValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.string({ minLength: 1, maxLength: 6 }), value: oddValue }),
);

describe('malformed specs', () => {
  it('never make decodeSimulationSpec throw; every issue names a path and says what is wrong', () => {
    fc.assert(
      fc.property(validSpec, fc.array(mutation, { minLength: 1, maxLength: 3 }), (spec, mutations) => {
        const bad = mutations.reduce<unknown>((s, m) => mutate(s, m), spec);
        const result = decodeSimulationSpec(bad);
        if (E.isLeft(result)) {
          expect(result.left.length).toBeGreaterThan(0);
          for (const issue of result.left) {
            expect(issue.path).toMatch(/^(\(root\)|[A-Za-z_$][\w$]*|.+)$/);
            expect(issue.message.length).toBeGreaterThan(5);
            expect(issue.message).not.toMatch(/\[object Object\]/);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never crash `spikestream validate`: exit 0 or 1, one message, no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, fc.array(mutation, { minLength: 1, maxLength: 3 }), async (spec, mutations) => {
        const bad = mutations.reduce<unknown>((s, m) => mutate(s, m), spec);
        const file = join(dir, 'spec.json');
        // JSON.stringify drops what JSON cannot hold; Infinity becomes null, as in a real file.
        writeFileSync(file, JSON.stringify(bad) ?? '');
        const { code, stdout, stderr } = await cli(['validate', file]);
        expect([0, 1]).toContain(code);
        if (code === 1) {
          expect(stderr).toMatch(/^spikestream: /);
          expect(stdout).toBe('');
        }
        expect(stderr).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 150 },
    );
  });

  it('never crash on arbitrary JSON documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const file = join(dir, 'any.json');
        writeFileSync(file, JSON.stringify(value) ?? '');
        const { code, stderr } = await cli(['validate', file]);
        expect(code).toBe(1);
        expect(stderr).toMatch(/^spikestream: /);
        expect(stderr).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 100 },
    );
  });
});

describe('valid small specs', () => {
  it('always validate and run to the end, with spikes inside their groups and steps', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        expect(E.isRight(decodeSimulationSpec(spec))).toBe(true);
        const record = await lastValueFrom(fromSpec(spec).build().pipe(recordSpikes()));
        const steps = Math.round(spec.run.duration / spec.run.dt);
        expect(record.steps).toBe(steps);
        for (const g of spec.groups) {
          const train = record.groups[g.name as string]!;
          expect(train.size).toBe(g.size);
          for (let k = 0; k < train.indices.length; k++) {
            expect(train.indices[k]).toBeLessThan(g.size);
            expect(train.steps[k]).toBeLessThan(steps);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('always run through `spikestream run`', async () => {
    await fc.assert(
      fc.asyncProperty(validSpec, async (spec) => {
        const file = join(dir, 'valid.json');
        writeFileSync(file, JSON.stringify(spec));
        const { code, stdout, stderr } = await cli(['run', file, '--json', '--quiet', '--no-files']);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(Object.keys(JSON.parse(stdout) as object)).toContain('rates');
      }),
      { numRuns: 40 },
    );
  });
});

/** A valid spec with more kinds in it: a model written as equations, delays, other inputs. */
const richSpec = validSpec.map((spec) => ({
  ...spec,
  groups: [
    ...spec.groups,
    { kind: 'neuron', name: 'Q', size: 5, equations: 'dv/dt = (I - v - w) / 10\ndw/dt = -w / 50', threshold: 'v >= 1', reset: 'v = 0; w += 0.1', refractory: 0, parameters: {}, initial: { v: 0.5 } },
  ],
  projections: [...spec.projections, { name: 'QQ', pre: 'Q', post: 'Q', connectivity: { kind: 'allToAll' }, delay: spec.run.dt * 2, synapse: { kind: 'delta', w: 0.1 } }],
  inputs: [...spec.inputs, { kind: 'timed', group: 'Q', times: [0, spec.run.dt], values: [2, 1.5] }],
}));

describe('mutated specs that decode', () => {
  it('run a few steps, or stop with a SpecError or a SimulationError: nothing else escapes', async () => {
    await fc.assert(
      fc.asyncProperty(richSpec, fc.array(mutation, { minLength: 1, maxLength: 2 }), async (spec, mutations) => {
        const mutated = mutations.reduce<unknown>((s, m) => mutate(s, m), spec);
        if (E.isLeft(decodeSimulationSpec(mutated))) return;
        try {
          await lastValueFrom(fromSpec(mutated, { duration: 5 * (mutated as typeof spec).run.dt }).build({ maxBytes: 2 ** 28 }).pipe(recordSpikes()));
        } catch (e) {
          if (!(e instanceof SpecError) && !(e instanceof SimulationError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
