// getConfig() writes what Keras writes: every key tf.layers serializes for the same layer
// (model.toJSON, snake_case) has the same value in ours, apart from the keys tf.layers gets
// wrong or names per instance (listed below).

import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequential } from '../model/sequential.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { bidirectional } from './bidirectional.js';
import { dense } from './dense.js';
import { dropout } from './dropout.js';
import { embedding } from './embedding.js';
import { gru } from './gru.js';
import type { KerasLayerSpec } from './layer.js';
import { lstm } from './lstm.js';
import { masking } from './masking.js';
import { simpleRnn } from './simple-rnn.js';

beforeAll(useCpuBackend);

// name: tf.layers appends a global counter; kernel_initializer: tf.layers writes GlorotUniform as
// VarianceScaling(fan_avg); unit_forget_bias / implementation: tf.layers writes null.
const skipped = new Set(['name', 'kernel_initializer', 'unit_forget_bias', 'implementation', 'layer']);

function expectSameConfig(mine: KerasLayerSpec, theirs: KerasLayerSpec): void {
  expect(mine.class_name).toBe(theirs.class_name);
  for (const [key, value] of Object.entries(theirs.config)) {
    if (skipped.has(key)) continue;
    expect([key, mine.config[key]]).toEqual([key, value]);
  }
  if (theirs.config['layer']) expectSameConfig(mine.config['layer'] as KerasLayerSpec, theirs.config['layer'] as KerasLayerSpec);
}

function theirLayers(model: tfl.Sequential): KerasLayerSpec[] {
  const json = model.toJSON(null, false) as unknown as { config: { layers: KerasLayerSpec[] } };
  return json.config.layers;
}

describe('Keras configs', () => {
  it('match tf.layers for masking, LSTM, GRU, SimpleRNN, dense and dropout', () => {
    const model = sequential({
      inputShape: [4, 2],
      layers: [masking({ maskValue: 0 }), lstm({ units: 2, returnSequences: true, dropout: 0.1 }), gru({ units: 3, returnSequences: true, resetAfter: false, goBackwards: true }), simpleRnn({ units: 2, recurrentDropout: 0.2 }), dense({ units: 1 }), dropout({ rate: 0.1 })],
    });
    const twin = tfl.sequential({
      layers: [
        tfl.layers.masking({ maskValue: 0, inputShape: [4, 2] }),
        tfl.layers.lstm({ units: 2, returnSequences: true, recurrentActivation: 'sigmoid', dropout: 0.1 }),
        tfl.layers.gru({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid', goBackwards: true }),
        tfl.layers.simpleRNN({ units: 2, recurrentDropout: 0.2 }),
        tfl.layers.dense({ units: 1 }),
        tfl.layers.dropout({ rate: 0.1 }),
      ],
    });
    const [mine, theirs] = [model.getConfig().layers, theirLayers(twin)];
    expect(mine[0]).toEqual({ class_name: 'InputLayer', config: { batch_input_shape: [null, 4, 2], dtype: 'float32', sparse: false, ragged: false, name: 'masking_input' } });
    mine.slice(1).forEach((spec, i) => expectSameConfig(spec, theirs[i] as KerasLayerSpec));
    expect(mine[2]?.config).toMatchObject({ unit_forget_bias: true, implementation: 2, recurrent_activation: 'sigmoid', kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } } });
    model.dispose();
    twin.dispose();
  });

  it('match tf.layers for embedding and bidirectional, and record GRU reset_after', () => {
    const model = sequential({ inputShape: [4], layers: [embedding({ inputDim: 5, outputDim: 2, maskZero: true }), bidirectional(gru({ units: 3, returnSequences: true, resetAfter: false }), { mergeMode: 'sum' })] });
    const twin = tfl.sequential({
      layers: [tfl.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputShape: [4] }), tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid' }) as tfl.RNN, mergeMode: 'sum' })],
    });
    const [mine, theirs] = [model.getConfig().layers, theirLayers(twin)];
    mine.slice(1).forEach((spec, i) => expectSameConfig(spec, theirs[i] as KerasLayerSpec));
    expect(gru({ units: 2 }).getConfig()).toMatchObject({ reset_after: true, seed: null });
    model.dispose();
    twin.dispose();
  });
});
