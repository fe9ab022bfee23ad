// The Keras config written for each layer: the layer's own getConfig() narrowed to the keys
// Keras 2 (tf.keras) and tf.layers accept for that class, so the file loads in
// tf.loadLayersModel, in rnnkit, and — through tensorflowjs_converter — in Keras. (Keras 2's
// recurrent layers reject a `seed` argument, for example; rnnkit's configs carry one.)

import type { KerasLayerConfig, KerasLayerSpec, Layer } from '../layers/layer.js';
import { isJsonObject } from './json-guard.js';
import type { JsonValue } from './json-guard.js';

const base = ['name', 'trainable', 'dtype', 'batch_input_shape'];
const sequence = ['return_sequences', 'return_state', 'go_backwards', 'stateful', 'unroll', 'time_major'];
const weights = (names: string[]): string[] => names.flatMap((n) => [`${n}_initializer`, `${n}_regularizer`, `${n}_constraint`]);
const cell = ['units', 'activation', 'use_bias', ...weights(['kernel', 'recurrent', 'bias']), 'dropout', 'recurrent_dropout'];
const gated = [...cell, 'recurrent_activation', 'implementation'];

/** Keys Keras 2 accepts per class (besides `activity_regularizer`, allowed everywhere but Masking/Dropout). */
export const kerasConfigKeys: Record<string, readonly string[]> = {
  SimpleRNN: [...base, ...cell, 'activity_regularizer', ...sequence],
  LSTM: [...base, ...gated, 'unit_forget_bias', 'activity_regularizer', ...sequence],
  GRU: [...base, ...gated, 'reset_after', 'activity_regularizer', ...sequence],
  RNN: [...base, 'cell', ...sequence],
  SimpleRNNCell: [...base, ...cell],
  LSTMCell: [...base, ...gated, 'unit_forget_bias'],
  GRUCell: [...base, ...gated, 'reset_after'],
  Bidirectional: [...base, 'layer', 'merge_mode', 'backward_layer'],
  Dense: [...base, 'units', 'activation', 'use_bias', ...weights(['kernel', 'bias']), 'activity_regularizer'],
  Embedding: [...base, 'input_dim', 'output_dim', ...weights(['embeddings']), 'activity_regularizer', 'mask_zero', 'input_length'],
  Masking: [...base, 'mask_value'],
  Dropout: [...base, 'rate', 'noise_shape', 'seed'],
};

/** `{ class_name, config }` of a layer; `batchInputShape` goes on the model's first layer. */
export function kerasLayerSpec(layer: Layer, batchInputShape: readonly (number | null)[] | null): KerasLayerSpec {
  const config = narrow(layer.className, layer.getConfig());
  if (batchInputShape) config['batch_input_shape'] = [...batchInputShape];
  return { class_name: layer.className, config };
}

function narrow(className: string, config: KerasLayerConfig): KerasLayerConfig {
  const keys = Object.hasOwn(kerasConfigKeys, className) ? kerasConfigKeys[className] : undefined;
  if (!keys) return { ...config }; // unknown classes are refused when the topology is checked
  const out: KerasLayerConfig = {};
  for (const [key, value] of Object.entries(config)) {
    if (!keys.includes(key)) continue;
    out[key] = isNested(key) && isJsonObject(value as JsonValue) ? narrowSpec(value as KerasLayerSpec) : value;
  }
  return out;
}

function isNested(key: string): boolean {
  return key === 'layer' || key === 'backward_layer' || key === 'cell';
}

function narrowSpec(spec: KerasLayerSpec): KerasLayerSpec {
  return isJsonObject(spec.config as JsonValue) ? { class_name: spec.class_name, config: narrow(spec.class_name, spec.config) } : spec;
}
