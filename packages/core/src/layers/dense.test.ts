// dense against tf.layers (forward) and tf.grads of the same formula (backward).

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectNoLeak, maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { disposeCache } from './cache-tensors.js';
import { dense } from './dense.js';
import type { DenseActivation } from './dense.js';
import { tfLayersActivation } from '../cells/__fixtures__/sequence.js';

beforeAll(useCpuBackend);

const activations: DenseActivation[] = ['linear', 'relu', 'tanh', 'sigmoid', 'hard_sigmoid', 'softmax'];
/** tf.layers' spelling of a Dense activation. */
const tfLayersName = (activation: DenseActivation) => (activation === 'softmax' ? 'softmax' : tfLayersActivation(activation));
/** φ written with tfjs ops, the reference for tf.grads (hard_sigmoid as Keras 2 defines it). */
const reference = (activation: DenseActivation, z: tf.Tensor): tf.Tensor =>
  activation === 'softmax' ? tf.softmax(z) : activation === 'linear' ? z : activation === 'hard_sigmoid' ? tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1) : tf[activation](z);

describe('dense', () => {
  it.each(activations)('matches tf.layers.dense with %s on 2-D and 3-D inputs', (activation) => {
    for (const shape of [[4, 6], [2, 5, 6]]) {
      const layer = dense({ units: 3, activation });
      layer.build([null, ...shape.slice(1)], createRng(2));
      const twin = tfl.layers.dense({ units: 3, activation: tfLayersName(activation), inputShape: shape.slice(1) });
      const model = tfl.sequential({ layers: [twin] });
      const weights = layer.getWeights();
      twin.setWeights(weights);
      const x = normal(shape, 3);
      const reference = model.predict(x) as tf.Tensor;
      expectNoLeak(() => {
        const y = layer.apply(x);
        expect(maxAbsDiff(y, reference)).toBeLessThanOrEqual(1e-6);
        y.dispose();
      });
      tf.dispose([...weights, x, reference]);
      model.dispose();
      layer.dispose();
    }
  });

  it.each(activations)('backward with %s equals tf.grads of φ(x·W + b)', (activation) => {
    const layer = dense({ units: 4, activation });
    layer.build([null, 3, 5], createRng(4));
    // hard_sigmoid: inputs large enough that some outputs sit on the clipped parts (checked below).
    const x = normal([2, 3, 5], 5, activation === 'hard_sigmoid' ? 3 : 1);
    const dy = normal([2, 3, 4], 6);
    const [kernel, bias] = layer.getWeights() as [tf.Tensor, tf.Tensor];
    const z = (xx: tf.Tensor, k: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.add(tf.matMul(tf.reshape(xx, [6, 5]), k), b);
    const loss = (xx: tf.Tensor, k: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.sum(tf.mul(reference(activation, z(xx, k, b)), tf.reshape(dy, [6, 4])));
    if (activation === 'hard_sigmoid') {
      const pre = tf.tidy(() => Array.from(z(x, kernel, bias).dataSync()));
      expect(Math.min(...pre.map((v) => Math.abs(Math.abs(v) - 2.5)))).toBeGreaterThan(1e-3); // no input on a kink
      expect(pre.filter((v) => Math.abs(v) > 2.5).length).toBeGreaterThan(2);
      expect(pre.filter((v) => Math.abs(v) < 2.5).length).toBeGreaterThan(2);
    }
    const expected = tf.grads(loss)([x, kernel, bias]);
    expectNoLeak(() => {
      const { output, cache } = layer.forward(x, { training: true });
      const { dx, grads } = layer.backward(cache, dy);
      expect(maxAbsDiff(dx as tf.Tensor, expected[0] as tf.Tensor)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(grads[0] as tf.Tensor, expected[1] as tf.Tensor)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(grads[1] as tf.Tensor, expected[2] as tf.Tensor)).toBeLessThanOrEqual(1e-5);
      disposeCache([output, cache, dx, grads]);
    });
    tf.dispose([x, dy, kernel, bias, ...expected]);
    layer.dispose();
  });

  it('has Keras weight names and config', () => {
    const layer = dense({ units: 2, activation: 'tanh', useBias: false, name: 'head' });
    layer.build([null, 7]);
    expect(layer.weights.map((w) => [w.name, w.variable.shape])).toEqual([['head/kernel', [7, 2]]]);
    expect(layer.getConfig()).toMatchObject({ name: 'head', units: 2, activation: 'tanh', use_bias: false });
    expect(layer.countParams()).toBe(14);
    layer.dispose();
  });

  it('rejects an input with the wrong feature size, naming both shapes', () => {
    const layer = dense({ units: 2 });
    layer.build([null, 3]);
    const x = tf.ones([4, 5]);
    expect(() => layer.apply(x)).toThrow(RnnkitError);
    expect(() => layer.apply(x)).toThrow(/shape \[\?, 3\], got \[4, 5\]/);
    x.dispose();
    layer.dispose();
  });
});
