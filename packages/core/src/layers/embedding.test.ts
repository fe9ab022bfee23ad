// embedding against tf.layers (lookup, mask) and tf.grads of a gather (backward).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectNoLeak, maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { embedding } from './embedding.js';

beforeAll(useCpuBackend);

describe('embedding', () => {
  const ids = [[3, 1, 0, 0], [2, 2, 9, 1]];

  it('looks up the same vectors and mask as tf.layers.embedding', () => {
    const layer = embedding({ inputDim: 10, outputDim: 4, maskZero: true });
    layer.build([null, 4], createRng(1));
    const twin = tfl.layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputShape: [4] });
    const model = tfl.sequential({ layers: [twin] });
    const weights = layer.getWeights();
    twin.setWeights(weights);
    const x = tf.tensor2d(ids);
    const reference = model.predict(x) as tf.Tensor;
    const referenceMask = twin.computeMask(x) as tf.Tensor;
    expectNoLeak(() => {
      const y = layer.apply(x);
      const mask = layer.computeMask(x, null) as tf.Tensor;
      expect(maxAbsDiff(y, reference)).toBe(0);
      expect(mask.arraySync()).toEqual(referenceMask.arraySync());
      tf.dispose([y, mask]);
    });
    // Keras's initializer: uniform in [−0.05, 0.05].
    expect(Math.max(...(weights[0] as tf.Tensor).dataSync().map(Math.abs))).toBeLessThanOrEqual(0.05);
    tf.dispose([...weights, x, reference, referenceMask]);
    model.dispose();
    layer.dispose();
  });

  it('backward sums the gradient of repeated ids, equal to tf.grad of a gather', () => {
    const layer = embedding({ inputDim: 10, outputDim: 3 });
    layer.build([null, 4], createRng(2));
    const x = tf.tensor2d(ids);
    const dy = normal([2, 4, 3], 4);
    const [table] = layer.getWeights() as [tf.Tensor];
    const expected = tf.grad((e: tf.Tensor) => tf.sum(tf.mul(tf.gather(e, tf.cast(x, 'int32')), dy)))(table);
    expectNoLeak(() => {
      const { output, cache } = layer.forward(x, { training: true });
      const { dx, grads } = layer.backward(cache, dy);
      expect(dx).toBeNull();
      expect(maxAbsDiff(grads[0] as tf.Tensor, expected)).toBeLessThanOrEqual(1e-6);
      disposeCache([output, cache, grads]);
    });
    tf.dispose([x, dy, table, expected]);
    layer.dispose();
  });

  it('rejects ids outside [0, inputDim) with the offending value', () => {
    const layer = embedding({ inputDim: 5, outputDim: 2 });
    const x = tf.tensor2d([[1, 7]]);
    expect(() => layer.apply(x)).toThrow(RnnkitError);
    expect(() => layer.apply(x)).toThrow(/integers in \[0, 5\), got 7/);
    x.dispose();
    layer.dispose();
  });
});
