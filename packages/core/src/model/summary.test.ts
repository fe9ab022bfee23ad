// model.summary(): parameter counts equal tf.layers' countParams(), output shapes equal
// tf.layers' outputShape, and the table renders as worked out by hand.

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak } from '../layers/__fixtures__/tensor-testing.js';
import { bidirectional } from '../layers/bidirectional.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/embedding.js';
import { gru } from '../layers/gru.js';
import { lstm } from '../layers/lstm.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { formatSummary } from './format-summary.js';
import { sequential } from './sequential.js';
import type { SequentialModel } from './sequential.js';

beforeAll(useCpuBackend);

function expectSameCounts(model: SequentialModel, twin: tfl.Sequential): void {
  const info = model.summaryInfo();
  info.layers.forEach((row, i) => {
    const theirs = twin.layers[i] as tfl.layers.Layer;
    expect(row.params).toBe(theirs.countParams());
    expect(row.outputShape).toEqual(theirs.outputShape);
  });
  expect(info.totalParams).toBe(twin.countParams());
  expect(model.countParams()).toBe(twin.countParams());
}

describe('summary', () => {
  it('counts parameters as tf.layers does: stacked LSTM and GRU, dense head', () => {
    const model = sequential({ inputShape: [24, 3], layers: [lstm({ units: 16, returnSequences: true }), gru({ units: 8, resetAfter: false }), dense({ units: 2 })] });
    const twin = tfl.sequential({ layers: [tfl.layers.lstm({ units: 16, returnSequences: true, inputShape: [24, 3] }), tfl.layers.gru({ units: 8 }), tfl.layers.dense({ units: 2 })] });
    expectSameCounts(model, twin);
    model.dispose();
    twin.dispose();
  });

  it('counts parameters as tf.layers does: embedding, bidirectional SimpleRNN', () => {
    const model = sequential({ inputShape: [10], layers: [embedding({ inputDim: 50, outputDim: 8 }), bidirectional(simpleRnn({ units: 6, returnSequences: true }), { mergeMode: 'sum' }), dense({ units: 4 })] });
    const twin = tfl.sequential({
      layers: [tfl.layers.embedding({ inputDim: 50, outputDim: 8, inputShape: [10] }), tfl.layers.bidirectional({ layer: tfl.layers.simpleRNN({ units: 6, returnSequences: true }) as tfl.RNN, mergeMode: 'sum' }), tfl.layers.dense({ units: 4 })],
    });
    expectSameCounts(model, twin);
    model.dispose();
    twin.dispose();
  });

  it("counts GRU reset_after's second bias row: 3·(F·u + u·u + 2u)", () => {
    const model = sequential({ inputShape: [5, 3], layers: [gru({ units: 4 })] });
    expect(model.countParams()).toBe(3 * (3 * 4 + 4 * 4 + 2 * 4));
    model.dispose();
  });

  it('renders the Keras table (worked by hand: LSTM 4·(1·32 + 32·32 + 32) = 4,352; dense 33)', () => {
    const model = sequential({ inputShape: [24, 1], layers: [lstm({ units: 32 }), dense({ units: 1 })] });
    const expected = [
      'Model: "sequential"',
      '_'.repeat(65),
      ' Layer (type)                Output Shape              Param #',
      '='.repeat(65),
      ' lstm (LSTM)                 (None, 32)                4,352',
      ' dense (Dense)               (None, 1)                 33',
      '='.repeat(65),
      'Total params: 4,385',
      'Trainable params: 4,385',
      'Non-trainable params: 0',
      '_'.repeat(65),
    ].join('\n');
    expectNoLeak(() => expect(model.summary()).toBe(expected));
    model.dispose();
  });

  it('reports frozen layers as non-trainable', () => {
    const model = sequential({ inputShape: [4], layers: [embedding({ inputDim: 10, outputDim: 3, trainable: false }), simpleRnn({ units: 2 })] });
    const info = model.summaryInfo();
    expect([info.totalParams, info.trainableParams, info.nonTrainableParams]).toEqual([30 + 12, 12, 30]);
    expect(formatSummary(info)).toContain('Non-trainable params: 30');
    expect(model.trainableWeights.map((w) => w.name)).toEqual(['simple_rnn/kernel', 'simple_rnn/recurrent_kernel', 'simple_rnn/bias']);
    model.dispose();
  });

  it('needs a built model', () => {
    const model = sequential({ layers: [dense({ units: 1 })] });
    expect(() => model.summary()).toThrow(expect.objectContaining({ code: 'NOT_BUILT' }));
    const x = tf.ones([2, 3]);
    model.predict(x).dispose();
    expect(model.summaryInfo().layers[0]?.outputShape).toEqual([null, 1]);
    x.dispose();
    model.dispose();
  });
});
