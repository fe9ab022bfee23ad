// A Keras `Sequential` topology (tfjs, tf.keras 2 and Keras 3 spellings, with or without the
// converter's `model_config` wrapper and a leading `InputLayer`) read into layer plans and the
// batch input shape. Functional models and custom layers are UNSUPPORTED, with their names.

import type { Shape } from '../layers/layer.js';
import { corruptFile, describeValue, unsupported } from './io-errors.js';
import { isJsonObject } from './json-guard.js';
import type { JsonObject, JsonValue } from './json-guard.js';
import { bidirectionalPlan } from './keras-bidirectional-plan.js';
import { densePlan, dropoutPlan, embeddingPlan, maskingPlan } from './keras-basic-plans.js';
import { KerasConfigReader } from './keras-config-reader.js';
import { readEntry } from './keras-layer-entry.js';
import { recurrentPlan } from './keras-recurrent-plan.js';
import type { LayerPlan } from './layer-plan.js';

/** A Sequential topology read into plans. */
export interface TopologyPlan {
  name: string;
  /** `[batch, …]` of the model input, `null` sizes unknown; `null` when the file does not say. */
  batchInputShape: Shape | null;
  layers: LayerPlan[];
}

const maxLayers = 1000;

const planners: Record<string, (reader: KerasConfigReader) => LayerPlan> = {
  SimpleRNN: (r) => recurrentPlan(r),
  LSTM: (r) => recurrentPlan(r),
  GRU: (r) => recurrentPlan(r),
  RNN: (r) => recurrentPlan(r),
  Bidirectional: bidirectionalPlan,
  Dense: densePlan,
  Embedding: embeddingPlan,
  Masking: maskingPlan,
  Dropout: dropoutPlan,
};

/** Names of the Keras layer classes rnnkit can load. */
export const loadableLayerClasses: readonly string[] = Object.keys(planners);

/** Reads `modelTopology` (see {@link TopologyPlan}). */
export function readTopology(topology: JsonObject, where: string): TopologyPlan {
  const model = isJsonObject(topology['model_config']) ? topology['model_config'] : topology;
  const className = model['class_name'];
  if (className !== 'Sequential') {
    if (className === 'Model' || className === 'Functional') {
      throw unsupported(where, `is a functional (${className}) model; rnnkit loads Sequential models (rebuild it with keras.Sequential before converting)`, { className });
    }
    throw corruptFile(where, `modelTopology.class_name must be 'Sequential', got ${describeValue(className)}`);
  }
  const config = model['config'];
  const list = Array.isArray(config) ? config : isJsonObject(config) ? config['layers'] : undefined;
  if (!Array.isArray(list) || list.length === 0) throw corruptFile(where, 'the Sequential config must list its layers');
  if (list.length > maxLayers) throw corruptFile(where, `lists more than ${maxLayers} layers`);
  const name = isJsonObject(config) && typeof config['name'] === 'string' ? config['name'] : 'sequential';
  const version = topology['keras_version'] ?? model['keras_version'];
  const kerasVersion = typeof version === 'string' ? version.slice(0, 40) : null; // only ever quoted in messages
  let batchInputShape = isJsonObject(config) && config['build_input_shape'] != null ? readBatchShape(config['build_input_shape'], `${where}: build_input_shape`) : null;
  const layers: LayerPlan[] = [];
  const names = new Set<string>();
  list.forEach((entry, index) => {
    const { className: cls, config: layerConfig, name: layerName } = readEntry(entry, `${where}: layers[${index}]`);
    if (names.has(layerName)) throw corruptFile(where, `two layers are named '${layerName}'`);
    names.add(layerName);
    if (layers.length === 0) batchInputShape = firstInputShape(layerConfig, `${where}: ${cls} layer '${layerName}'`) ?? batchInputShape;
    if (cls === 'InputLayer') {
      if (index !== 0) throw unsupported(where, `InputLayer '${layerName}' must come first`);
      const reader = new KerasConfigReader(cls, layerName, layerConfig, where);
      reader.expect('sparse', [false, null], 'sparse inputs are not implemented');
      reader.expect('ragged', [false, null], 'ragged inputs are not implemented');
      reader.expect('optional', [false, null], 'optional inputs are not implemented');
      reader.choice('dtype', 'float32', ['float32', 'int32']);
      reader.finish();
      return;
    }
    const planner = Object.hasOwn(planners, cls) ? planners[cls] : undefined; // a class named '__proto__' must not reach Object.prototype
    if (!planner) throw unsupported(where, `layer '${layerName}' has class ${cls}, which rnnkit does not implement (it loads ${loadableLayerClasses.join(', ')})`, { layer: layerName, className: cls });
    layers.push(planner(new KerasConfigReader(cls, layerName, layerConfig, where, kerasVersion)));
  });
  if (layers.length === 0) throw corruptFile(where, 'the Sequential model has no layers after its InputLayer');
  return { name, batchInputShape, layers };
}

function firstInputShape(config: JsonObject, where: string): Shape | null {
  const batch = config['batch_input_shape'] ?? config['batch_shape'];
  if (batch !== undefined && batch !== null) return readBatchShape(batch, `${where}: batch_input_shape`);
  const input = config['input_shape'];
  if (Array.isArray(input)) return readBatchShape([null, ...input], `${where}: input_shape`);
  return null;
}

function readBatchShape(value: JsonValue, where: string): Shape {
  if (!Array.isArray(value) || value.length < 2 || value.length > 8 || value.some((d) => d !== null && !(typeof d === 'number' && Number.isSafeInteger(d) && d > 0 && d <= 2 ** 31))) {
    throw corruptFile(where, `must be a list of 2 to 8 sizes (positive integers or null), got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  return value as (number | null)[];
}
