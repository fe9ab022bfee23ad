// dropout: identity at inference; in training y = x ⊙ mask with the documented mask, seeded;
// backward = dy ⊙ mask (tf.grad of the same product).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectNoLeak, maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { dropout } from './dropout.js';

beforeAll(useCpuBackend);

describe('dropout', () => {
  it('is the identity at inference', () => {
    const layer = dropout({ rate: 0.5 });
    const x = normal([3, 4], 1);
    expectNoLeak(() => {
      const y = layer.apply(x);
      expect(maxAbsDiff(y, x)).toBe(0);
      y.dispose();
    });
    x.dispose();
  });

  it('in training multiplies by a seeded mask of 0 and 1/(1 − rate), reproducibly', () => {
    const x = normal([50, 40], 2);
    const [a, b] = [dropout({ rate: 0.25, seed: 3 }), dropout({ rate: 0.25, seed: 3 })];
    const ya = a.apply(x, { training: true });
    const yb = b.apply(x, { training: true });
    expect(maxAbsDiff(ya, yb)).toBe(0);
    const { output, cache } = a.forward(x, { training: true, rng: createRng(9) });
    const mask = (cache.mask as tf.Tensor).dataSync();
    expect(new Set(Array.from(mask, (v) => v.toFixed(6)))).toEqual(new Set(['0.000000', (1 / 0.75).toFixed(6)]));
    const dropped = Array.from(mask).filter((v) => v === 0).length / mask.length;
    expect(Math.abs(dropped - 0.25)).toBeLessThan(0.03);
    const expected = tf.mul(x, cache.mask as tf.Tensor);
    expect(maxAbsDiff(output, expected)).toBe(0);
    disposeCache([x, ya, yb, output, cache, expected]);
  });

  it('with noiseShape [null, 1, null] drops the same features at every time step', () => {
    const layer = dropout({ rate: 0.5, noiseShape: [null, 1, null], seed: 1 });
    const x = tf.ones([2, 6, 8]);
    const y = layer.apply(x, { training: true }).arraySync() as number[][][];
    for (const sample of y) for (const step of sample) expect(step).toEqual(sample[0]);
    x.dispose();
  });

  it('backward multiplies by the same mask, equal to tf.grad', () => {
    const layer = dropout({ rate: 0.4, seed: 5 });
    const x = normal([4, 3, 2], 3);
    const dy = normal([4, 3, 2], 4);
    expectNoLeak(() => {
      const { output, cache } = layer.forward(x, { training: true });
      const expected = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.mul(xx, cache.mask as tf.Tensor), dy)))(x);
      const { dx } = layer.backward(cache, dy);
      expect(maxAbsDiff(dx as tf.Tensor, expected)).toBe(0);
      disposeCache([output, cache, dx, expected]);
    });
    tf.dispose([x, dy]);
  });
});
