import * as tf from '@tensorflow/tfjs-core';
import { simpleRnnCell } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { recurrentSpectralRadius } from './recurrent-spectral-radius.js';

describe('recurrentSpectralRadius', () => {
  it('of a SimpleRNN kernel 0.8·(rotation by 90°) is 0.8', () => {
    const cell = simpleRnnCell({ units: 2, inputSize: 1 });
    const params = { kernel: tf.zeros([1, 2]) as tf.Tensor2D, recurrentKernel: tf.tensor2d([[0, -0.8], [0.8, 0]]), bias: tf.zeros([2]) as tf.Tensor1D };
    expect(recurrentSpectralRadius(cell, params)).toEqual([{ gate: 'h', radius: expect.closeTo(0.8, 6) }]);
    tf.dispose(Object.values(params));
  });
});
