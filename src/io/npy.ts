/**
 * Arrays in NumPy's `.npy` format (version 1.0), which `numpy.load` reads with no other
 * package: how an exported PyNN script gets the synapses and initial values spikestream drew.
 *
 * @example
 * ```ts
 * import { encodeNpy } from './npy.js';
 * const bytes = encodeNpy(new Float64Array([0, 1, 2, 3, 4, 5]), [3, 2]); // numpy.load: shape (3, 2)
 * ```
 * @module
 */

/**
 * Encodes a C-ordered array of 64-bit floats.
 *
 * @param data - the values, row after row
 * @param shape - the array's shape; its product must be `data.length`
 * @returns the bytes of a `.npy` file
 * @throws RangeError when the shape does not fit the data
 */
export function encodeNpy(data: Float64Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((n, d) => n * d, 1);
  if (count !== data.length || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`encodeNpy: shape (${shape.join(', ')}) does not hold ${data.length} values`);
  }
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces and ended by a
  // newline to a multiple of 64 bytes, so that the data that follows is aligned.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + 8 * data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY, version 1.0
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let k = 0; k < header.length; k++) bytes[10 + k] = header.charCodeAt(k);
  const view = new DataView(bytes.buffer, 10 + header.length);
  for (let k = 0; k < data.length; k++) view.setFloat64(8 * k, data[k]!, true);
  return bytes;
}
