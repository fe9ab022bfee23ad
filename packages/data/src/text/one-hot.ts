// One-hot encoding of integer ids (Keras `to_categorical`), as a flat float32 matrix.

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';

/**
 * One-hot rows for `ids`: a `Float32Array` of shape `[ids.length, depth]`, row-major, with
 * `out[i · depth + ids[i]] = 1`. For tensors, `tf.oneHot` does the same on the device.
 *
 * @example
 * ```ts
 * oneHot([2, 0], 3); // Float32Array [0, 0, 1,  1, 0, 0]
 * ```
 */
export function oneHot(ids: ArrayLike<number>, depth: number): Float32Array {
  checkPositiveInt('oneHot', 'depth', depth);
  const out = new Float32Array(ids.length * depth);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (!Number.isInteger(id) || id < 0 || id >= depth) {
      throw new RnnkitError('INVALID_ARGUMENT', `oneHot: id ${id} at position ${i} is outside [0, ${depth})`, { id, index: i });
    }
    out[i * depth + id] = 1;
  }
  return out;
}
