// Writes the Keras-converter fixtures in ./keras/<name>/: a model.json in the layers format that
// `tensorflowjs_converter --input_format=keras` produces (Keras 2 configs with batch_input_shape,
// dtype, trainable, initializer/regularizer objects, implementation, unroll, time_major; the
// `model_config` wrapper; tf.keras ≥ 2.2 weight names with the cell segment, `lstm/lstm_cell/kernel`),
// one Keras-3-style model (module / registered_name / batch_shape / DTypePolicy, index weight
// names), plus little-endian float32 shards. Weights come from a fixed LCG, so the files are
// reproducible; tests compute the expected outputs from these files in float64.
//
// Run: npx tsx src/io/__fixtures__/generate-keras-fixtures.ts

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Weight = { name: string; shape: number[] };
type Fixture = { name: string; keras3?: boolean; layers: Json[]; weights: Weight[]; shardBytes?: number; quantizeUint8?: string[] };

const glorot = (seed: number | null = null): Json => ({ class_name: 'GlorotUniform', config: { seed } });
const orthogonal: Json = { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } };
const zerosInit: Json = { class_name: 'Zeros', config: {} };
const l2: Json = { class_name: 'L2', config: { l2: 0.009999999776482582 } };

function recurrent(kind: 'SimpleRNN' | 'LSTM' | 'GRU', name: string, units: number, extra: Record<string, Json> = {}): Json {
  const config: Record<string, Json> = {
    name, trainable: true, dtype: 'float32',
    return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false, time_major: false,
    units, activation: 'tanh',
  };
  if (kind !== 'SimpleRNN') config['recurrent_activation'] = 'sigmoid';
  Object.assign(config, {
    use_bias: true, kernel_initializer: glorot(), recurrent_initializer: orthogonal, bias_initializer: zerosInit,
  });
  if (kind === 'LSTM') config['unit_forget_bias'] = true;
  Object.assign(config, {
    kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null,
    kernel_constraint: null, recurrent_constraint: null, bias_constraint: null, dropout: 0.0, recurrent_dropout: 0.0,
  });
  if (kind !== 'SimpleRNN') config['implementation'] = 2;
  if (kind === 'GRU') config['reset_after'] = true;
  return { class_name: kind, config: { ...config, ...extra } };
}

function dense(name: string, units: number, activation = 'linear', extra: Record<string, Json> = {}): Json {
  return {
    class_name: 'Dense',
    config: {
      name, trainable: true, dtype: 'float32', units, activation, use_bias: true,
      kernel_initializer: glorot(), bias_initializer: zerosInit, kernel_regularizer: null, bias_regularizer: null,
      activity_regularizer: null, kernel_constraint: null, bias_constraint: null, ...extra,
    },
  };
}

const input = (shape: (number | null)[], name: string, dtype = 'float32'): Json => ({ class_name: 'InputLayer', config: { batch_input_shape: shape, dtype, sparse: false, ragged: false, name } });
const rnnWeights = (prefix: string, features: number, units: number, gates: number, resetAfter = false): Weight[] => [
  { name: `${prefix}/kernel`, shape: [features, gates * units] },
  { name: `${prefix}/recurrent_kernel`, shape: [units, gates * units] },
  { name: `${prefix}/bias`, shape: resetAfter ? [2, gates * units] : [gates * units] },
];
const denseWeights = (name: string, features: number, units: number): Weight[] => [
  { name: `${name}/kernel`, shape: [features, units] },
  { name: `${name}/bias`, shape: [units] },
];

const fixtures: Fixture[] = [
  {
    name: 'lstm-dense',
    layers: [input([null, 5, 3], 'lstm_input'), recurrent('LSTM', 'lstm', 4, { kernel_regularizer: l2 }), dense('dense', 2)],
    weights: [...rnnWeights('lstm/lstm_cell', 3, 4, 4), ...denseWeights('dense', 4, 2)],
  },
  {
    name: 'gru-reset-after',
    layers: [
      input([null, 6, 2], 'gru_input'),
      recurrent('GRU', 'gru', 4, { return_sequences: true }),
      recurrent('GRU', 'gru_1', 3, { recurrent_dropout: 0.25 }),
      dense('dense', 1),
    ],
    weights: [...rnnWeights('gru/gru_cell', 2, 4, 3, true), ...rnnWeights('gru_1/gru_cell_1', 4, 3, 3, true), ...denseWeights('dense', 3, 1)],
  },
  {
    name: 'gru-reset-before',
    layers: [
      { class_name: 'GRU', config: { ...(recurrent('GRU', 'gru', 3, { reset_after: false, go_backwards: true, implementation: 1, unroll: true }) as { config: Record<string, Json> }).config, batch_input_shape: [null, 4, 2] } },
      dense('dense', 2, 'sigmoid'),
    ],
    weights: [...rnnWeights('gru/gru_cell', 2, 3, 3), ...denseWeights('dense', 3, 2)],
  },
  {
    name: 'embedding-bidirectional',
    shardBytes: 512,
    layers: [
      {
        class_name: 'Embedding',
        config: {
          name: 'embedding', trainable: true, batch_input_shape: [null, 7], dtype: 'float32', input_dim: 12, output_dim: 4,
          embeddings_initializer: { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } },
          embeddings_regularizer: null, activity_regularizer: null, embeddings_constraint: null, mask_zero: true, input_length: 7,
        },
      },
      { class_name: 'Bidirectional', config: { name: 'bidirectional', trainable: true, dtype: 'float32', layer: recurrent('LSTM', 'lstm', 3, { return_sequences: true }), merge_mode: 'concat' } },
      { class_name: 'Bidirectional', config: { name: 'bidirectional_1', trainable: true, dtype: 'float32', layer: recurrent('GRU', 'gru', 2), merge_mode: 'sum' } },
      dense('dense', 3, 'softmax'),
    ],
    weights: [
      { name: 'embedding/embeddings', shape: [12, 4] },
      ...rnnWeights('bidirectional/forward_lstm/lstm_cell', 4, 3, 4),
      ...rnnWeights('bidirectional/backward_lstm/lstm_cell', 4, 3, 4),
      ...rnnWeights('bidirectional_1/forward_gru/gru_cell', 6, 2, 3, true),
      ...rnnWeights('bidirectional_1/backward_gru/gru_cell', 6, 2, 3, true),
      ...denseWeights('dense', 2, 3),
    ],
  },
  {
    name: 'masking-simplernn',
    layers: [
      { class_name: 'Masking', config: { name: 'masking', trainable: true, batch_input_shape: [null, 6, 2], dtype: 'float32', mask_value: 0.0 } },
      recurrent('SimpleRNN', 'simple_rnn', 5, { return_sequences: true }),
      { class_name: 'Dropout', config: { name: 'dropout', trainable: true, dtype: 'float32', rate: 0.2, noise_shape: null, seed: null } },
      recurrent('SimpleRNN', 'simple_rnn_1', 3, { activation: 'relu' }),
      dense('dense', 1),
    ],
    weights: [...rnnWeights('simple_rnn/simple_rnn_cell', 2, 5, 1), ...rnnWeights('simple_rnn_1/simple_rnn_cell_1', 5, 3, 1), ...denseWeights('dense', 3, 1)],
    quantizeUint8: ['dense/kernel'],
  },
  {
    name: 'keras3-gru',
    keras3: true,
    layers: [
      { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 5, 2], dtype: 'float32', sparse: false, name: 'input_layer' }, registered_name: null },
      keras3(recurrent('GRU', 'gru', 3, { return_sequences: false, seed: null, use_cudnn: 'auto' })),
      keras3(dense('dense', 2, 'tanh')),
    ],
    weights: [
      { name: 'gru/gru_cell/0', shape: [2, 9] },
      { name: 'gru/gru_cell/1', shape: [3, 9] },
      { name: 'gru/gru_cell/2', shape: [2, 9] },
      { name: 'dense/0', shape: [3, 2] },
      { name: 'dense/1', shape: [2] },
    ],
  },
];

/** Keras 3 writes module / registered_name / build_config and a DTypePolicy object, and drops time_major. */
function keras3(layer: Json): Json {
  const { class_name: className, config } = layer as { class_name: string; config: Record<string, Json> };
  const { time_major: _timeMajor, implementation: _implementation, ...rest } = config;
  return {
    module: 'keras.layers',
    class_name: className,
    config: { ...rest, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null } },
    registered_name: null,
    build_config: { input_shape: null },
  };
}

/** Park–Miller LCG: reproducible values in [−0.6, 0.6), as float32. */
function values(seed: number, count: number): Float32Array {
  let state = seed;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state * 48271) % 2147483647;
    out[i] = (state / 2147483647 - 0.5) * 1.2;
  }
  return out;
}

function write(root: string, fixture: Fixture, index: number): void {
  const dir = join(root, fixture.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const chunks: Uint8Array[] = [];
  const entries: Json[] = fixture.weights.map((w, k) => {
    const data = values(1000 * (index + 1) + k + 1, w.shape.reduce((a, b) => a * b, 1));
    if (!fixture.quantizeUint8?.includes(w.name)) {
      chunks.push(new Uint8Array(data.buffer));
      return { name: w.name, shape: w.shape, dtype: 'float32' } as Json;
    }
    // tensorflowjs_converter --quantize_uint8: q = round((v − min) / scale), v ≈ min + scale·q
    const min = Math.min(...data);
    const scale = (Math.max(...data) - min) / 255;
    chunks.push(Uint8Array.from(data, (v) => Math.round((v - min) / scale)));
    return { name: w.name, shape: w.shape, dtype: 'float32', quantization: { dtype: 'uint8', min, scale } } as Json;
  });
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  const shardBytes = fixture.shardBytes ?? 4 * 1024 * 1024;
  const count = Math.max(1, Math.ceil(bytes.length / shardBytes));
  const paths: string[] = [];
  for (let s = 0; s < count; s++) {
    const path = `group1-shard${s + 1}of${count}.bin`;
    writeFileSync(join(dir, path), bytes.subarray(s * shardBytes, (s + 1) * shardBytes));
    paths.push(path);
  }
  const sequential = { class_name: 'Sequential', config: { name: 'sequential', layers: fixture.layers } };
  const modelTopology: Json = fixture.keras3
    ? { ...sequential, module: 'keras', registered_name: null, keras_version: '3.3.3', backend: 'tensorflow' }
    : { keras_version: '2.15.0', backend: 'tensorflow', model_config: sequential, training_config: { loss: 'mse', metrics: null, weighted_metrics: null, loss_weights: null, optimizer_config: { class_name: 'Adam', config: { name: 'Adam', learning_rate: 0.001 } } } };
  const model = {
    format: 'layers-model',
    generatedBy: fixture.keras3 ? 'keras v3.3.3' : 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology,
    weightsManifest: [{ paths, weights: entries }],
  };
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(model, null, 1)}\n`);
}

const root = join(dirname(fileURLToPath(import.meta.url)), 'keras');
fixtures.forEach((fixture, i) => write(root, fixture, i));
console.log(`wrote ${fixtures.length} fixtures to ${root}`);
