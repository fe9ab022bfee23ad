// sequential against tf.layers.sequential with the same weights (stacked, embedding + mask,
// masking + time-distributed dense, bidirectional), plus weights, forward, names and errors.

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { expectNoLeak, maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { bidirectional } from '../layers/bidirectional.js';
import { disposeCache } from '../layers/cache-tensors.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/embedding.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import { masking } from '../layers/masking.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { sequential } from './sequential.js';
import type { SequentialModel } from './sequential.js';

beforeAll(useCpuBackend);

/** Gives the tf.layers model our weights and compares predictions. */
function expectSamePredictions(model: SequentialModel, twin: tfl.Sequential, x: tf.Tensor): void {
  const weights = model.getWeights();
  twin.setWeights(weights);
  const reference = twin.predict(x) as tf.Tensor;
  expectNoLeak(() => {
    const y = model.predict(x);
    expect(maxAbsDiff(y, reference)).toBeLessThanOrEqual(1e-5);
    y.dispose();
  });
  tf.dispose([...weights, reference]);
}

describe('sequential matches tf.layers.sequential with the same weights', () => {
  it('stacked LSTM → LSTM → dense head', () => {
    const model = sequential({ inputShape: [7, 3], seed: 1, layers: [lstm({ units: 6, returnSequences: true }), lstm({ units: 5 }), dense({ units: 2, activation: 'tanh' })] });
    const twin = tfl.sequential({
      layers: [
        tfl.layers.lstm({ units: 6, returnSequences: true, recurrentActivation: 'sigmoid', inputShape: [7, 3] }),
        tfl.layers.lstm({ units: 5, recurrentActivation: 'sigmoid' }),
        tfl.layers.dense({ units: 2, activation: 'tanh' }),
      ],
    });
    const x = normal([4, 7, 3], 2);
    expectSamePredictions(model, twin, x);
    tf.dispose(x);
    model.dispose();
    twin.dispose();
  });

  it('embedding with maskZero → GRU → dense, the mask reaching the GRU', () => {
    const model = sequential({ inputShape: [6], layers: [embedding({ inputDim: 12, outputDim: 4, maskZero: true }), gru({ units: 5, resetAfter: false }), dense({ units: 3, activation: 'softmax' })] });
    const twin = tfl.sequential({
      layers: [tfl.layers.embedding({ inputDim: 12, outputDim: 4, maskZero: true, inputShape: [6] }), tfl.layers.gru({ units: 5, recurrentActivation: 'sigmoid' }), tfl.layers.dense({ units: 3, activation: 'softmax' })],
    });
    // Right-padded with 0, and one sequence with a 0 in the middle.
    const x = tf.tensor2d([[4, 2, 7, 0, 0, 0], [1, 1, 0, 5, 9, 3], [11, 10, 9, 8, 7, 6]]);
    expectSamePredictions(model, twin, x);
    // Without the mask the padded rows would differ: the mask matters here.
    const unmasked = sequential({ inputShape: [6], layers: [embedding({ inputDim: 12, outputDim: 4 }), gru({ units: 5, resetAfter: false }), dense({ units: 3, activation: 'softmax' })] });
    const weights = model.getWeights();
    unmasked.setWeights(weights);
    const [a, b] = [model.predict(x), unmasked.predict(x)];
    expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-4);
    tf.dispose([x, a, b, ...weights]);
    [model, unmasked, twin].forEach((m) => m.dispose());
  });

  it('masking → SimpleRNN sequence → time-distributed dense', () => {
    const model = sequential({ inputShape: [5, 2], layers: [masking({ maskValue: 0 }), simpleRnn({ units: 4, returnSequences: true }), dense({ units: 1 })] });
    const twin = tfl.sequential({ layers: [tfl.layers.masking({ maskValue: 0, inputShape: [5, 2] }), tfl.layers.simpleRNN({ units: 4, returnSequences: true }), tfl.layers.dense({ units: 1 })] });
    const x = tf.tensor3d([
      [[1, 2], [3, 1], [0, 0], [0, 0], [0, 0]],
      [[0, 0], [1, -1], [2, 2], [0, 1], [5, 5]],
    ]);
    expectSamePredictions(model, twin, x);
    tf.dispose(x);
    model.dispose();
    twin.dispose();
  });

  it('bidirectional LSTM (concat) → dense', () => {
    const model = sequential({ inputShape: [6, 2], layers: [bidirectional(lstm({ units: 3 })), dense({ units: 2 })] });
    const twin = tfl.sequential({
      layers: [tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }) as tfl.RNN, inputShape: [6, 2] }), tfl.layers.dense({ units: 2 })],
    });
    const x = normal([3, 6, 2], 5);
    expectSamePredictions(model, twin, x);
    tf.dispose(x);
    model.dispose();
    twin.dispose();
  });
});

describe('sequential', () => {
  it('forward (training: false) returns the prediction, the output mask and one cache per layer', () => {
    const model = sequential({ inputShape: [5, 2], layers: [masking(), lstm({ units: 3, returnSequences: true }), dense({ units: 1 })] });
    const x = tf.tensor3d([[[1, 2], [3, 1], [0, 0], [0, 0], [1, 1]]]);
    expectNoLeak(() => {
      const result = model.forward(x, { training: false });
      const predicted = model.predict(x);
      expect(maxAbsDiff(result.output, predicted)).toBe(0);
      expect(result.caches).toHaveLength(3);
      expect(result.outputMask?.arraySync()).toEqual([[1, 1, 0, 0, 1]]);
      disposeCache([result, predicted]);
    });
    x.dispose();
    model.dispose();
  });

  it('is reproducible from its seed and gives each layer its own stream', () => {
    const make = (seed: number): SequentialModel => sequential({ inputShape: [4, 3], seed, layers: [lstm({ units: 3, returnSequences: true }), lstm({ units: 3 })] });
    const [a, b, c] = [make(7), make(7), make(8)];
    const [wa, wb, wc] = [a.getWeights(), b.getWeights(), c.getWeights()];
    wa.forEach((w, i) => expect(maxAbsDiff(w, wb[i] as tf.Tensor)).toBe(0));
    expect(maxAbsDiff(wa[0] as tf.Tensor, wc[0] as tf.Tensor)).toBeGreaterThan(0);
    // The two LSTMs' recurrent kernels differ although both are [3, 12].
    expect(maxAbsDiff(wa[1] as tf.Tensor, wa[4] as tf.Tensor)).toBeGreaterThan(0);
    tf.dispose([...wa, ...wb, ...wc]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('names auto-named layers uniquely, as Keras does, and rejects duplicate given names', () => {
    const model = sequential({ inputShape: [4, 2], layers: [lstm({ units: 2, returnSequences: true }), lstm({ units: 2 }), dense({ units: 1 })] });
    expect(model.layers.map((l) => l.name)).toEqual(['lstm', 'lstm_1', 'dense']);
    expect(model.weights.map((w) => w.name)).toEqual(['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias', 'lstm_1/kernel', 'lstm_1/recurrent_kernel', 'lstm_1/bias', 'dense/kernel', 'dense/bias']);
    model.dispose();
    expect(() => sequential({ layers: [dense({ units: 1, name: 'head' }), dense({ units: 1, name: 'head' })] })).toThrow(/two layers are named 'head'/);
  });

  it('setWeights checks every shape first and names the weight, expected and actual shape', () => {
    const model = sequential({ inputShape: [4, 2], layers: [gru({ units: 3 }), dense({ units: 1 })] });
    const weights = model.getWeights();
    const bad = [...weights];
    bad[2] = tf.zeros([9]);
    expectNoLeak(() => {
      expect(() => model.setWeights(bad)).toThrow(RnnkitError);
      expect(() => model.setWeights(bad)).toThrow(/'gru\/bias'.*\[2, 9\].*\[9\]/);
      expect(() => model.setWeights(weights.slice(1))).toThrow(/expects 5 tensors/);
    });
    const after = model.getWeights();
    after.forEach((w, i) => expect(maxAbsDiff(w, weights[i] as tf.Tensor)).toBe(0));
    tf.dispose([...weights, ...after, bad[2] as tf.Tensor]);
    model.dispose();
  });

  it('rejects inputs of the wrong rank or feature size, naming expected and actual shape', () => {
    const model = sequential({ inputShape: [10, 1], layers: [lstm({ units: 2 })] });
    const wrongRank = tf.zeros([4, 10]);
    const wrongFeatures = tf.zeros([4, 10, 2]);
    const nonFinite = tf.tensor3d([[[1], [Number.NaN]]]);
    expectNoLeak(() => {
      expect(() => model.predict(wrongRank)).toThrow(/rank 3 \[\?, 10, 1\], got rank 2 \[4, 10\]/);
      expect(() => model.predict(wrongFeatures)).toThrow(/shape \[\?, 10, 1\], got \[4, 10, 2\]/);
    });
    const free = sequential({ inputShape: [null, 1], layers: [lstm({ units: 2 })] });
    expect(() => free.predict(nonFinite, { checkFinite: true })).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    tf.dispose([wrongRank, wrongFeatures, nonFinite]);
    model.dispose();
    free.dispose();
  });

  it('refuses layers that return several tensors', () => {
    expect(() => sequential({ layers: [lstm({ units: 2, returnState: true }) as never] })).toThrow(/returnState/);
  });
});
