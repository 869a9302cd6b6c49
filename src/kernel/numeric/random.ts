/**
 * Seeded random numbers: named, independent streams derived from one network seed.
 *
 * Every consumer of randomness (a projection's synapses, a group's initial values) draws from
 * its own stream, keyed by the seed and its name, so adding a projection or a monitor never
 * changes the numbers any other part sees. The generator is xoshiro128** (32-bit state words,
 * so it runs on `Math.imul` without BigInt); stream keys are mixed with splitmix32.
 *
 * @example
 * ```ts
 * import { randomStream } from 'spikestream/kernel';
 * const rng = randomStream(42, 'init:E.V');
 * rng.float(); // in [0, 1), the same for seed 42 and this name every time
 * ```
 * @module
 */

/**
 * splitmix32's constants: the golden-ratio increment of its state (and of `subKey`'s index)
 * and the two multipliers of its output function; the WebAssembly kernel's procedural rows
 * (`wasmProceduralRows`) use them too.
 */
/**
 * 2⁻³²: a draw r becomes the uniform number r·2⁻³² in [0, 1). The product by a power of two is
 * exact, so it is r/2³² bit for bit; the kernels multiply because a division costs several times
 * as long.
 *
 * @example
 * ```ts
 * 0x80000000 * UNIFORM_SCALE; // 0.5
 * ```
 */
export const UNIFORM_SCALE = 2 ** -32;

export const SPLITMIX32 = { golden: 0x9e3779b9, m1: 0x85ebca6b, m2: 0xc2b2ae35 } as const;

/** splitmix32's output function: a bijective 32-bit mixer. */
export function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), SPLITMIX32.m1);
  z = Math.imul(z ^ (z >>> 13), SPLITMIX32.m2);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The key of a named stream: the seed mixed with an FNV-1a hash of the name.
 *
 * @param seed - the network seed
 * @param name - the stream's name, e.g. `proj:E2E`
 * @returns a 32-bit key
 */
export function streamKey(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return mix32(mix32(seed ^ SPLITMIX32.golden) ^ h);
}

/**
 * The key of substream `index` of a stream (one per presynaptic row, for instance), so that rows
 * can be generated in any order, or in parallel, and give the same synapses.
 */
export function subKey(key: number, index: number): number {
  return mix32(key ^ mix32(Math.imul(index + 1, SPLITMIX32.golden)));
}

/**
 * The four xoshiro128** state words for `key`, from splitmix32 (the last word made odd so the
 * state is never all zero), written into `out`.
 */
export function seedState(key: number, out: Int32Array): Int32Array {
  let s = key | 0;
  for (let k = 0; k < 4; k++) {
    s = (s + SPLITMIX32.golden) | 0;
    out[k] = mix32(s);
  }
  out[3]! |= 1;
  return out;
}

/** A xoshiro128** generator. */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the four state words from `key` with splitmix32 (never all zero). */
  constructor(key: number) {
    const state = seedState(key, new Int32Array(4));
    this.a = state[0]!;
    this.b = state[1]!;
    this.c = state[2]!;
    this.d = state[3]!;
  }

  /**
   * A generator with the given state words, as the reference xoshiro128** code takes them
   * (for known-answer tests; use the constructor or {@link randomStream} otherwise).
   */
  static fromState(a: number, b: number, c: number, d: number): Xoshiro128 {
    const g = new Xoshiro128(0);
    g.a = a | 0;
    g.b = b | 0;
    g.c = c | 0;
    g.d = d | 0;
    return g;
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const b = this.b;
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  /** A float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.uint32() >>> 5;
    const lo = this.uint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A generator for the named stream `name` of `seed`.
 *
 * @param seed - the network seed
 * @param name - the stream's name
 * @returns a fresh generator at the start of that stream
 */
export function randomStream(seed: number, name: string): Xoshiro128 {
  return new Xoshiro128(streamKey(seed, name));
}

/**
 * A Poisson group's spike test: a neuron spikes at a step when the top 31 bits of its draw are
 * below this, rate·dt·2³¹ rounded down (both kernels compare against it; at 2³¹ or more it
 * always spikes).
 *
 * @param rate - spikes per second
 * @param dt - time step, ms
 * @returns the threshold
 * @example
 * ```ts
 * poissonThreshold(10, 0.1); // 2147483: p = 0.001
 * ```
 */
export function poissonThreshold(rate: number, dt: number): number {
  return Math.floor(((rate * dt) / 1000) * 2147483648);
}

/**
 * One xoshiro128** step as JavaScript source, for generated kernels: with the state in the
 * int32 variables `a`, `b`, `c`, `d`, it declares `r`, the output (as `Xoshiro128.uint32()`
 * gives it, before `>>> 0`), and advances the state. The same arithmetic as the class above.
 *
 * @param r - the name of the output variable
 * @returns the statements
 */
export function xoshiroStepSource(r: string): string {
  return `const ${r}m = Math.imul(b, 5), ${r} = Math.imul((${r}m << 7) | (${r}m >>> 25), 9), ${r}t = b << 9; ` + `c ^= a; d ^= b; b ^= c; a ^= d; c ^= ${r}t; d = (d << 11) | (d >>> 21);`;
}
