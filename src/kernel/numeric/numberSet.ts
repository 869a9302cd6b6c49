/**
 * A set of whole numbers in [0, 2⁵³) of a size known in advance, in one Float64Array (open
 * addressing, linear probing, at most 0.7 full). The engine's own `Set` holds at most 2²⁴
 * entries (V8's limit), which a `fixedTotal` rule of more synapses would exceed.
 *
 * @example
 * ```ts
 * const set = new NumberSet(3);
 * set.add(7); set.add(2 ** 40);
 * set.has(7); // true
 * ```
 * @module
 */
export class NumberSet {
  private readonly table: Float64Array;
  private readonly mask: number;

  /**
   * @param capacity - the most numbers it will hold
   * @throws RangeError when the table would exceed what one array can hold
   */
  constructor(capacity: number) {
    let size = 16;
    // At most 0.7 full: linear probing stays short, and 2^24 + 1 numbers take 2^25 slots.
    while (0.7 * size < capacity) size *= 2;
    this.table = new Float64Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The slot of `x`: where it is, or the empty slot where it would go. */
  private slot(x: number): number {
    // The low and high 32 bits mixed (x < 2⁵³), then probed linearly.
    const lo = x >>> 0;
    const hi = Math.floor(x / 4294967296);
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let k = h & this.mask;
    while (this.table[k] !== -1 && this.table[k] !== x) k = (k + 1) & this.mask;
    return k;
  }

  /** Whether `x` is in the set. */
  has(x: number): boolean {
    return this.table[this.slot(x)] === x;
  }

  /** Puts `x` in the set (nothing happens when it is there). */
  add(x: number): void {
    this.table[this.slot(x)] = x;
  }
}
