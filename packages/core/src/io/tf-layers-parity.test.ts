// Parity both ways with tf.layers (@tensorflow/tfjs-layers 4.22): a model saved by rnnkit loads
// with tf.loadLayersModel and predicts the same numbers, and a model built and saved by tf.layers
// loads in rnnkit and predicts the same — for every layer type tf.layers supports.

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import { bidirectional } from '../layers/bidirectional.js';
import { dense } from '../layers/dense.js';
import { dropout } from '../layers/dropout.js';
import { embedding } from '../layers/embedding.js';
import { gru } from '../layers/gru.js';
import type { Layer } from '../layers/layer.js';
import { lstm } from '../layers/lstm.js';
import { masking } from '../layers/masking.js';
import { rnn } from '../layers/rnn.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { lstmCell } from '../cells/lstm-cell.js';
import { sequential } from '../model/sequential.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { randomizeWeights } from './__fixtures__/random-weights.js';
import { loadModel } from './load-model.js';
import { modelDirectory } from './model-directory.js';
import { modelToArtifacts } from './model-to-artifacts.js';

beforeAll(useCpuBackend);
const scratch = mkdtempSync(join(tmpdir(), 'rnnkit-parity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ids = (): tf.Tensor => tf.tensor2d([[4, 2, 7, 0, 0, 0], [1, 1, 0, 5, 9, 3], [11, 10, 9, 8, 7, 6]]);
const withPadding = (): tf.Tensor =>
  tf.tidy(() => {
    const x = normal([3, 6, 2], 5);
    const keep = tf.tensor3d([[[1], [1], [1], [1], [0], [0]], [[1], [0], [1], [1], [1], [1]], [[1], [1], [1], [1], [1], [1]]]);
    return tf.mul(x, keep);
  });

type Case = { name: string; inputShape: number[]; layers: () => Layer[]; x: () => tf.Tensor };

const rnnkitCases: Case[] = [
  { name: 'SimpleRNN (tanh, returnSequences, goBackwards) → SimpleRNN (relu) → Dense', inputShape: [5, 3], layers: () => [simpleRnn({ units: 4, returnSequences: true, goBackwards: true }), simpleRnn({ units: 3, activation: 'relu' }), dense({ units: 2 })], x: () => normal([3, 5, 3], 1) },
  { name: 'LSTM (returnSequences) → LSTM (no bias) → Dense (softmax)', inputShape: [6, 2], layers: () => [lstm({ units: 5, returnSequences: true }), lstm({ units: 3, useBias: false }), dense({ units: 3, activation: 'softmax' })], x: () => normal([2, 6, 2], 2) },
  { name: 'GRU (reset_after: false) → Dense (sigmoid)', inputShape: [4, 3], layers: () => [gru({ units: 4, resetAfter: false }), dense({ units: 2, activation: 'sigmoid' })], x: () => normal([3, 4, 3], 3) },
  { name: 'RNN over an LSTM cell → Dense', inputShape: [5, 2], layers: () => [rnn({ cell: (inputSize: number) => lstmCell({ units: 3, inputSize }) }), dense({ units: 1 })], x: () => normal([2, 5, 2], 4) },
  {
    name: 'Embedding (mask_zero) → Bidirectional LSTM (concat, sequences) → Bidirectional GRU (ave) → Dense',
    inputShape: [6],
    layers: () => [embedding({ inputDim: 12, outputDim: 4, maskZero: true }), bidirectional(lstm({ units: 3, returnSequences: true })), bidirectional(gru({ units: 2, resetAfter: false }), { mergeMode: 'ave' }), dense({ units: 2 })],
    x: ids,
  },
  { name: 'Bidirectional SimpleRNN (sum) and (mul)', inputShape: [5, 2], layers: () => [bidirectional(simpleRnn({ units: 3, returnSequences: true }), { mergeMode: 'sum' }), bidirectional(simpleRnn({ units: 2 }), { mergeMode: 'mul' })], x: () => normal([2, 5, 2], 6) },
  { name: 'Masking → SimpleRNN (sequences) → Dropout → LSTM → Dense', inputShape: [6, 2], layers: () => [masking({ maskValue: 0 }), simpleRnn({ units: 4, returnSequences: true }), dropout({ rate: 0.3 }), lstm({ units: 3 }), dense({ units: 1 })], x: withPadding },
  {
    name: 'LSTM (hard_sigmoid gates, sequences) → GRU (hard_sigmoid gates, reset_after: false) → Dense (hard_sigmoid)',
    inputShape: [6, 2],
    layers: () => [lstm({ units: 5, recurrentActivation: 'hard_sigmoid', returnSequences: true }), gru({ units: 4, recurrentActivation: 'hard_sigmoid', resetAfter: false }), dense({ units: 2, activation: 'hard_sigmoid' })],
    x: () => normal([3, 6, 2], 7, 4),
  },
  {
    name: 'Bidirectional LSTM (hard_sigmoid gates and activation) → Bidirectional GRU (hard_sigmoid gates, reset_after: false)',
    inputShape: [5, 3],
    layers: () => [bidirectional(lstm({ units: 3, activation: 'hard_sigmoid', recurrentActivation: 'hard_sigmoid', returnSequences: true })), bidirectional(gru({ units: 2, recurrentActivation: 'hard_sigmoid', resetAfter: false }), { mergeMode: 'sum' })],
    x: () => normal([2, 5, 3], 8, 4),
  },
];

describe('a model saved by rnnkit loads with tf.loadLayersModel and predicts the same (≤ 1e-5)', () => {
  it.each(rnnkitCases)('$name', async ({ inputShape, layers, x: makeX }) => {
    const model = sequential({ inputShape, seed: 3, layers: layers() as Layer<tf.Tensor>[] });
    randomizeWeights(model, 11);
    const artifacts = await modelToArtifacts(model);
    const twin = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const x = makeX();
    const expected = twin.predict(x) as tf.Tensor;
    expectNoLeak(() => {
      const y = model.predict(x);
      expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
      y.dispose();
    });
    tf.dispose([x, expected]);
    twin.dispose();
    model.dispose();
  });

  it('writes the model.json tf.layers writes: Sequential config, Keras names, format and generator', async () => {
    const model = sequential({ inputShape: [5, 3], layers: [lstm({ units: 4 }), dense({ units: 1 })] });
    const artifacts = await modelToArtifacts(model);
    const topology = artifacts.modelTopology as { class_name: string; config: { layers: { class_name: string; config: Record<string, unknown> }[] }; backend: string };
    expect(topology.class_name).toBe('Sequential');
    expect(topology.backend).toBe('tensor_flow.js');
    expect(topology.config.layers.map((l) => l.class_name)).toEqual(['LSTM', 'Dense']);
    expect(topology.config.layers[0]?.config['batch_input_shape']).toEqual([null, 5, 3]);
    expect(topology.config.layers[0]?.config).not.toHaveProperty('seed'); // Keras 2's LSTM rejects a seed argument
    expect(artifacts.weightSpecs).toEqual([
      { name: 'lstm/kernel', shape: [3, 16], dtype: 'float32' },
      { name: 'lstm/recurrent_kernel', shape: [4, 16], dtype: 'float32' },
      { name: 'lstm/bias', shape: [16], dtype: 'float32' },
      { name: 'dense/kernel', shape: [4, 1], dtype: 'float32' },
      { name: 'dense/bias', shape: [1], dtype: 'float32' },
    ]);
    expect(artifacts.format).toBe('layers-model');
    expect(artifacts.generatedBy).toBe('rnnkit v0.1.0');
    model.dispose();
  });

  it('a stateful model carries its batch size (tf.layers needs one) and both continue from the kept state alike', async () => {
    const model = sequential({ inputShape: [4, 2], layers: [lstm({ units: 3, stateful: true, returnSequences: true }), gru({ units: 2, stateful: true, resetAfter: false })] });
    randomizeWeights(model, 12);
    const [x1, x2] = [normal([2, 4, 2], 13), normal([2, 4, 2], 14)];
    tf.dispose(model.predict(x1)); // keeps a state of batch size 2
    const artifacts = await modelToArtifacts(model);
    const first = (artifacts.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0]?.config;
    expect(first?.['batch_input_shape']).toEqual([2, 4, 2]);
    model.resetState();
    const twin = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    for (const x of [x1, x2]) {
      const [a, b] = [model.predict(x), twin.predict(x) as tf.Tensor];
      expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-5);
      tf.dispose([a, b]);
    }
    const explicit = await modelToArtifacts(model, { batchSize: 8 });
    expect((explicit.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0]?.config['batch_input_shape']).toEqual([8, 4, 2]);
    tf.dispose([x1, x2]);
    twin.dispose();
    model.dispose();
  });

  it("writes hard_sigmoid in Keras's spelling, what tf.layers reads back as its hardSigmoid", async () => {
    const model = sequential({ inputShape: [4, 2], layers: [lstm({ units: 3, recurrentActivation: 'hard_sigmoid' }), dense({ units: 1, activation: 'hard_sigmoid' })] });
    const artifacts = await modelToArtifacts(model);
    const layers = (artifacts.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers;
    expect(layers[0]?.config).toMatchObject({ activation: 'tanh', recurrent_activation: 'hard_sigmoid' });
    expect(layers[1]?.config['activation']).toBe('hard_sigmoid');
    const twin = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const config = twin.layers[0]?.getConfig() as Record<string, unknown>;
    expect(config['recurrentActivation']).toBe('hardSigmoid');
    twin.dispose();
    model.dispose();
  });

  it('GRU reset_after: true is the one tf.layers cannot load (tfjs #4621, #5728) — rnnkit can', async () => {
    const model = sequential({ inputShape: [4, 2], layers: [gru({ units: 3 }), dense({ units: 1 })] });
    const artifacts = await modelToArtifacts(model);
    await expect(tfl.loadLayersModel(tf.io.fromMemory(artifacts))).rejects.toThrow(/reset_after/);
    const { model: again } = await loadModel(tf.io.fromMemory(artifacts));
    const x = normal([2, 4, 2], 9);
    const [a, b] = [model.predict(x), again.predict(x)];
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    again.dispose();
  });
});

type TfCase = { name: string; build: () => tfl.Sequential; x: () => tf.Tensor };
const sig = { recurrentActivation: 'sigmoid' } as const;
// Inputs wide enough that hard_sigmoid gates reach their clipped parts (|x| > 2.5).
const wide = (shape: number[], seed: number) => (): tf.Tensor => normal(shape, seed, 4);

const tfCases: TfCase[] = [
  { name: 'simpleRNN → dense', build: () => tfl.sequential({ layers: [tfl.layers.simpleRNN({ units: 4, returnSequences: true, inputShape: [5, 3] }), tfl.layers.simpleRNN({ units: 3, goBackwards: true }), tfl.layers.dense({ units: 2, activation: 'tanh' })] }), x: () => normal([3, 5, 3], 1) },
  { name: 'lstm → lstm → dense', build: () => tfl.sequential({ layers: [tfl.layers.lstm({ units: 5, returnSequences: true, inputShape: [6, 2], ...sig }), tfl.layers.lstm({ units: 3, ...sig }), tfl.layers.dense({ units: 3, activation: 'softmax' })] }), x: () => normal([2, 6, 2], 2) },
  { name: 'gru → dense', build: () => tfl.sequential({ layers: [tfl.layers.gru({ units: 4, inputShape: [4, 3], ...sig }), tfl.layers.dense({ units: 2, activation: 'sigmoid' })] }), x: () => normal([3, 4, 3], 3) },
  {
    name: 'embedding (maskZero) → bidirectional lstm → bidirectional gru → dense',
    build: () =>
      tfl.sequential({
        layers: [
          tfl.layers.embedding({ inputDim: 12, outputDim: 4, maskZero: true, inputShape: [6] }),
          tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3, returnSequences: true, ...sig }) as tfl.RNN }),
          tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2, ...sig }) as tfl.RNN, mergeMode: 'sum' }),
          tfl.layers.dense({ units: 2 }),
        ],
      }),
    x: ids,
  },
  { name: 'masking → simpleRNN → dropout → lstm → dense', build: () => tfl.sequential({ layers: [tfl.layers.masking({ maskValue: 0, inputShape: [6, 2] }), tfl.layers.simpleRNN({ units: 4, returnSequences: true }), tfl.layers.dropout({ rate: 0.3 }), tfl.layers.lstm({ units: 3, ...sig }), tfl.layers.dense({ units: 1 })] }), x: withPadding },
  // tf.layers' defaults: recurrentActivation hardSigmoid, saved as 'hard_sigmoid'.
  { name: 'lstm → lstm → dense, default (hardSigmoid) gates', build: () => tfl.sequential({ layers: [tfl.layers.lstm({ units: 5, returnSequences: true, inputShape: [6, 2] }), tfl.layers.lstm({ units: 3 }), tfl.layers.dense({ units: 3, activation: 'softmax' })] }), x: wide([2, 6, 2], 2) },
  { name: 'gru → dense (hardSigmoid), default gates', build: () => tfl.sequential({ layers: [tfl.layers.gru({ units: 4, inputShape: [4, 3] }), tfl.layers.dense({ units: 2, activation: 'hardSigmoid' })] }), x: wide([3, 4, 3], 3) },
  {
    name: 'bidirectional lstm → bidirectional gru → dense, default gates',
    build: () =>
      tfl.sequential({
        layers: [
          tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3, returnSequences: true }) as tfl.RNN, inputShape: [5, 2] }),
          tfl.layers.bidirectional({ layer: tfl.layers.gru({ units: 2 }) as tfl.RNN, mergeMode: 'ave' }),
          tfl.layers.dense({ units: 2 }),
        ],
      }),
    x: wide([3, 5, 2], 4),
  },
  { name: 'masking → gru (sequences) → lstm (hardSigmoid activation too), default gates', build: () => tfl.sequential({ layers: [tfl.layers.masking({ maskValue: 0, inputShape: [6, 2] }), tfl.layers.gru({ units: 4, returnSequences: true }), tfl.layers.lstm({ units: 3, activation: 'hardSigmoid' })] }), x: withPadding },
];

async function savedByTfLayers(twin: tfl.Sequential): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await twin.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  }));
  return saved as unknown as tf.io.ModelArtifacts;
}

describe('a model built and saved by tf.layers loads in rnnkit and predicts the same (≤ 1e-5)', () => {
  it.each(tfCases)('$name (in memory)', async ({ build, x: makeX }) => {
    const twin = build();
    randomizeWeights(twin, 21, false);
    const artifacts = await savedByTfLayers(twin);
    const x = makeX();
    const expected = twin.predict(x) as tf.Tensor;
    const before = tf.memory().numTensors;
    const { model, generatedBy } = await loadModel(tf.io.fromMemory(artifacts));
    expect(generatedBy).toBe('TensorFlow.js tfjs-layers v4.22.0');
    const y = model.predict(x);
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
    y.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, expected]);
    twin.dispose();
  });

  it('through a directory: tfModel.save(modelDirectory(dir)), then loadModel(dir), and back with tf.loadLayersModel', async () => {
    const twin = tfCases[3]!.build();
    randomizeWeights(twin, 22, false);
    const dir = join(scratch, 'from-tfjs');
    await twin.save(modelDirectory(dir));
    const { model } = await loadModel(dir);
    const again = await tfl.loadLayersModel(modelDirectory(dir));
    const x = ids();
    const [a, b, c] = [twin.predict(x) as tf.Tensor, model.predict(x), again.predict(x) as tf.Tensor];
    expect(maxAbsDiff(b, a)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(c, a)).toBe(0);
    tf.dispose([x, a, b, c]);
    model.dispose();
    twin.dispose();
    again.dispose();
  });

  it("reads tf.layers' default hardSigmoid gates as 'hard_sigmoid', and what rnnkit saves again loads in tf.layers with the same predictions", async () => {
    const twin = tfCases.find((c) => c.name.startsWith('bidirectional lstm → bidirectional gru → dense, default'))!.build();
    randomizeWeights(twin, 23, false);
    const { model } = await loadModel(tf.io.fromMemory(await savedByTfLayers(twin)));
    const inner = (i: number) => (model.layers[i]?.getConfig()['layer'] as { config: Record<string, unknown> }).config;
    expect([inner(0)['recurrent_activation'], inner(1)['recurrent_activation']]).toEqual(['hard_sigmoid', 'hard_sigmoid']);
    const again = await tfl.loadLayersModel(tf.io.fromMemory(await modelToArtifacts(model)));
    const x = normal([3, 5, 2], 24, 4);
    const [a, b, c] = [twin.predict(x) as tf.Tensor, model.predict(x), again.predict(x) as tf.Tensor];
    expect(maxAbsDiff(b, a)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(c, a)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, a, b, c]);
    model.dispose();
    twin.dispose();
    again.dispose();
  });
});
