// model.step(): feeding a sequence one time step at a time, keeping the hidden state between
// calls, gives the same outputs as predicting the whole sequence; resetState() starts over.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { bidirectional } from '../layers/bidirectional.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/embedding.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { sequential } from './sequential.js';
import type { SequentialModel } from './sequential.js';

beforeAll(useCpuBackend);

/** Streams x step by step and compares each step's output with the full-sequence prediction. */
function expectStreamingEqualsPredict(model: SequentialModel, x: tf.Tensor, stateTensors: number): void {
  const whole = model.predict(x);
  const steps = x.shape[1] as number;
  const before = tf.memory().numTensors;
  for (let t = 0; t < steps; t++) {
    const xt = tf.tidy(() => tf.squeeze(tf.slice(x, [0, t], [-1, 1]), [1]));
    const yt = model.step(xt);
    const expected = tf.tidy(() => tf.squeeze(tf.slice(whole, [0, t, 0], [-1, 1, -1]), [1]));
    expect(maxAbsDiff(yt, expected)).toBeLessThanOrEqual(1e-5);
    tf.dispose([xt, yt, expected]);
    // Between calls only the hidden states stay alive.
    expect(tf.memory().numTensors).toBe(before + stateTensors);
  }
  model.resetState();
  expect(tf.memory().numTensors).toBe(before);
  // After a reset the stream starts over.
  const x0 = tf.tidy(() => tf.squeeze(tf.slice(x, [0, 0], [-1, 1]), [1]));
  const y0 = model.step(x0);
  const expected0 = tf.tidy(() => tf.squeeze(tf.slice(whole, [0, 0, 0], [-1, 1, -1]), [1]));
  expect(maxAbsDiff(y0, expected0)).toBeLessThanOrEqual(1e-5);
  model.resetState();
  tf.dispose([whole, x0, y0, expected0]);
}

describe('streaming with model.step', () => {
  it('stacked LSTM → GRU → dense: step by step equals the whole sequence', () => {
    const model = sequential({ inputShape: [null, 2], seed: 3, layers: [lstm({ units: 4, returnSequences: true }), gru({ units: 3, returnSequences: true }), dense({ units: 1 })] });
    const x = normal([2, 6, 2], 1);
    expectStreamingEqualsPredict(model, x, 2 + 1);
    x.dispose();
    model.dispose();
  });

  it('token ids through an embedding and a SimpleRNN', () => {
    const model = sequential({ inputShape: [null], layers: [embedding({ inputDim: 9, outputDim: 3 }), simpleRnn({ units: 5, returnSequences: true }), dense({ units: 9, activation: 'softmax' })] });
    const x = tf.tensor2d([[1, 4, 2, 8, 3], [7, 7, 0, 5, 6]]);
    expectStreamingEqualsPredict(model, x, 1);
    x.dispose();
    model.dispose();
  });

  it('returns [batch, outputs] per step, also when the last recurrent layer returns only its last output', () => {
    const model = sequential({ inputShape: [null, 1], layers: [lstm({ units: 4 }), dense({ units: 2 })] });
    const xt = tf.ones([3, 1]);
    const y = model.step(xt);
    expect(y.shape).toEqual([3, 2]);
    tf.dispose([xt, y]);
    model.resetState();
    model.dispose();
  });

  it('refuses a bidirectional model with a clear error', () => {
    const model = sequential({ inputShape: [null, 2], layers: [bidirectional(lstm({ units: 2 }))] });
    const xt = tf.ones([1, 2]);
    expect(() => model.step(xt)).toThrow(RnnkitError);
    expect(() => model.step(xt)).toThrow(/bidirectional layer \('bidirectional'\) cannot/);
    xt.dispose();
    model.dispose();
  });

  it('rejects a time step of the wrong shape, naming both shapes', () => {
    const model = sequential({ inputShape: [10, 3], layers: [lstm({ units: 2 })] });
    const xt = tf.ones([4, 10, 3]);
    expect(() => model.step(xt)).toThrow(/time step input must have rank 2 \[\?, 3\], got rank 3 \[4, 10, 3\]/);
    xt.dispose();
    model.dispose();
  });
});
