// Tensors as JSON: shape plus the float32 bytes in base64, so a save/load round trip is
// bit-exact (a resumed run must continue with exactly the same numbers) and ~4× smaller
// than a JSON array of decimals. Uses btoa/atob, present in Node ≥ 16 and in browsers.

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '@rnnkit/core';

/** A float32 tensor as plain JSON. */
export type EncodedTensor = {
  shape: number[];
  /** Little-endian float32 values, base64. */
  data: string;
};

const CHUNK = 0x8000;

/**
 * Encodes a tensor's values (read synchronously) as {@link EncodedTensor}.
 *
 * @example
 * ```ts
 * JSON.stringify(encodeTensor(tf.tensor1d([1, 2]))); // {"shape":[2],"data":"AACAPwAAAEA="}
 * ```
 */
export function encodeTensor(t: Tensor): EncodedTensor {
  const values = Float32Array.from(t.dataSync());
  const bytes = new Uint8Array(values.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return { shape: [...t.shape], data: btoa(binary) };
}

/**
 * Decodes an {@link EncodedTensor} into a new float32 tensor; `where` names the field in errors.
 *
 * @example
 * ```ts
 * const t = decodeTensor({ shape: [2], data: 'AACAPwAAAEA=' }, 'weights'); // [1, 2]
 * ```
 */
export function decodeTensor(encoded: EncodedTensor, where: string): Tensor {
  const { shape, data } = (encoded ?? {}) as Partial<EncodedTensor>;
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0) || typeof data !== 'string') {
    throw new RnnkitError('CORRUPT_FILE', `${where}: expected { shape: number[], data: base64 string }`, { where });
  }
  let binary: string;
  try {
    binary = atob(data);
  } catch (cause) {
    throw new RnnkitError('CORRUPT_FILE', `${where}: data is not valid base64`, { where }, { cause });
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (binary.length !== size * 4) {
    throw new RnnkitError(
      'CORRUPT_FILE',
      `${where}: shape ${formatShape(shape)} needs ${size * 4} bytes, the data holds ${binary.length}`,
      { where, shape },
    );
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return tensor(new Float32Array(bytes.buffer), shape, 'float32');
}
