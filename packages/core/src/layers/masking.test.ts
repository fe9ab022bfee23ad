// masking against tf.layers.masking (output and mask) and tf.grad (backward).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectNoLeak, maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { masking } from './masking.js';

beforeAll(useCpuBackend);

describe('masking', () => {
  // Sample 0: step 2 all −1 (masked); step 1 has one −1 (kept). Sample 1: steps 3, 4 padded.
  const values = [
    [[1, 2], [-1, 5], [-1, -1], [3, 4], [0, 1]],
    [[2, 2], [1, -3], [4, 4], [-1, -1], [-1, -1]],
  ];

  it('zeroes and masks the same steps as tf.layers.masking', () => {
    const layer = masking({ maskValue: -1 });
    const twin = tfl.layers.masking({ maskValue: -1 });
    const x = tf.tensor3d(values);
    const reference = twin.apply(x) as tf.Tensor;
    const referenceMask = twin.computeMask(x) as tf.Tensor;
    expectNoLeak(() => {
      const y = layer.apply(x);
      const mask = layer.computeMask(x, null) as tf.Tensor;
      expect(maxAbsDiff(y, reference)).toBe(0);
      expect(mask.arraySync()).toEqual(referenceMask.arraySync());
      expect(mask.arraySync()).toEqual([[1, 1, 0, 1, 1], [1, 1, 1, 0, 0]]);
      tf.dispose([y, mask]);
    });
    tf.dispose([x, reference, referenceMask]);
  });

  it('backward passes the gradient of kept steps only, equal to tf.grad', () => {
    const layer = masking({ maskValue: -1 });
    const x = tf.tensor3d(values);
    const dy = normal([2, 5, 2], 1);
    const keep = tf.cast(tf.any(tf.notEqual(x, -1), -1, true), 'float32');
    const expected = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.mul(xx, keep), dy)))(x);
    expectNoLeak(() => {
      const { output, cache } = layer.forward(x, { training: true });
      const { dx } = layer.backward(cache, dy);
      expect(maxAbsDiff(dx as tf.Tensor, expected)).toBe(0);
      disposeCache([output, cache, dx]);
    });
    tf.dispose([x, dy, keep, expected]);
  });
});
