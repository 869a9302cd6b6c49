/**
 * Spikes in a compact binary form (`.spikes`): 8 bytes per spike, read back with
 * {@link decodeSpikes} or in three lines of NumPy (docs/formats.md).
 *
 * Layout, little-endian, every field 4-byte aligned:
 *
 * | bytes | field |
 * | --- | --- |
 * | 4 | magic `SSPK` |
 * | 4 | u32 version (1) |
 * | 8 | f64 dt, ms |
 * | 4 | u32 first step recorded |
 * | 4 | u32 number of steps recorded |
 * | 4 | u32 number of groups |
 * | per group | u32 name length in bytes, the UTF-8 name padded with zeros to a multiple of 4, u32 group size, u32 spike count n, n × u32 step, n × u32 neuron index |
 *
 * @example
 * ```ts
 * import { decodeSpikes, encodeSpikes } from 'spikestream';
 * const bytes = encodeSpikes(record);   // record from recordSpikes()
 * const back = decodeSpikes(bytes);     // the same spikes
 * ```
 * @module
 */
import type { SpikeRecord, SpikeTrain } from '../stream/recordSpikes.js';

const MAGIC = 0x4b505353; // 'SSPK' read as a little-endian u32
const VERSION = 1;

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * Encodes a spike record.
 *
 * @param record - what `recordSpikes` emitted
 * @returns the bytes of a `.spikes` file
 */
export function encodeSpikes(record: SpikeRecord): Uint8Array {
  const encoder = new TextEncoder();
  const trains = Object.values(record.groups).map((t) => ({ train: t, name: encoder.encode(t.group) }));
  let length = 28;
  for (const { train, name } of trains) length += 4 + pad4(name.length) + 8 + 8 * train.indices.length;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setFloat64(8, record.dt, true);
  view.setUint32(16, record.startStep, true);
  view.setUint32(20, record.steps, true);
  view.setUint32(24, trains.length, true);
  let at = 28;
  for (const { train, name } of trains) {
    view.setUint32(at, name.length, true);
    bytes.set(name, at + 4);
    at += 4 + pad4(name.length);
    const n = train.indices.length;
    view.setUint32(at, train.size, true);
    view.setUint32(at + 4, n, true);
    at += 8;
    for (let k = 0; k < n; k++) view.setUint32(at + 4 * k, train.steps[k]!, true);
    at += 4 * n;
    for (let k = 0; k < n; k++) view.setUint32(at + 4 * k, train.indices[k]!, true);
    at += 4 * n;
  }
  return bytes;
}

/**
 * Decodes a `.spikes` file.
 *
 * @param bytes - the file's bytes
 * @returns the spike record
 * @throws RangeError naming the byte offset when the bytes are not a version-1 `.spikes` file
 */
export function decodeSpikes(bytes: Uint8Array): SpikeRecord {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, n: number, what: string): void => {
    if (at + n > bytes.byteLength) throw new RangeError(`decodeSpikes: the data ends at byte ${bytes.byteLength}, inside ${what} (byte ${at})`);
  };
  if (bytes.byteLength < 4 || view.getUint32(0, true) !== MAGIC) throw new RangeError('decodeSpikes: not a .spikes file (the first 4 bytes are not "SSPK")');
  need(0, 8, 'the header');
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new RangeError(`decodeSpikes: version ${version} is not supported (only ${VERSION})`);
  need(0, 28, 'the header');
  const decoder = new TextDecoder();
  const groups: Record<string, SpikeTrain> = Object.create(null) as Record<string, SpikeTrain>;
  let at = 28;
  const count = view.getUint32(24, true);
  for (let g = 0; g < count; g++) {
    need(at, 4, `the name length of group ${g}`);
    const nameLength = view.getUint32(at, true);
    need(at + 4, pad4(nameLength) + 8, `the name of group ${g}`);
    const group = decoder.decode(bytes.subarray(at + 4, at + 4 + nameLength));
    at += 4 + pad4(nameLength);
    const size = view.getUint32(at, true);
    const n = view.getUint32(at + 4, true);
    at += 8;
    need(at, 8 * n, `the ${n} spikes of group "${group}"`);
    const steps = new Float64Array(n);
    const indices = new Int32Array(n);
    for (let k = 0; k < n; k++) steps[k] = view.getUint32(at + 4 * k, true);
    at += 4 * n;
    for (let k = 0; k < n; k++) indices[k] = view.getUint32(at + 4 * k, true);
    at += 4 * n;
    groups[group] = { group, size, steps, indices };
  }
  return { dt: view.getFloat64(8, true), startStep: view.getUint32(16, true), steps: view.getUint32(20, true), groups };
}
