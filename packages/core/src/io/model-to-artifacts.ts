// A model as tfjs `ModelArtifacts`, exactly what tf.layers' `model.save()` hands an IOHandler:
// the Keras Sequential topology, the weight specs (Keras names, Keras order) with the bytes from
// tfjs's `io.encodeWeights`, `format: 'layers-model'`, and the user metadata. The topology is read
// back through the loader's own checks before anything is written, so a model rnnkit cannot load
// again is refused at save time.

import { io } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '../errors.js';
import type { KerasLayerSpec, Layer, Shape } from '../layers/layer.js';
import { kerasLayerSpec } from './keras-config-writer.js';
import { readTopology } from './keras-topology.js';
import type { JsonObject } from './json-guard.js';
import { modelInputShape } from './model-adapter.js';
import type { SavableModel } from './model-adapter.js';
import { metadataToJson } from './model-metadata.js';
import type { ModelMetadata } from './model-metadata.js';
import { rnnkitVersion } from './rnnkit-version.js';
import { encodeWeightGroups } from './weight-groups.js';
import type { WeightGroups } from './weight-groups.js';

/** Options of {@link modelToArtifacts} (and of `saveModel`). */
export interface ModelToArtifactsOptions {
  /**
   * Scaler, tokenizer, window settings, history and any other JSON, stored in `userDefinedMetadata`
   * (a loaded model's `metadata.all` can be passed back as it is).
   * @default {}
   */
  metadata?: ModelMetadata | JsonObject;
  /**
   * Extra named tensor groups stored beside the weights (optimizer state for checkpoints).
   * @default {}
   */
  weightGroups?: WeightGroups;
  /**
   * Batch size written into `batch_input_shape`; Keras and tf.layers need one to load stateful layers.
   * @default the batch size of a stateful layer's kept state, else `null` (any)
   */
  batchSize?: number;
}

/** A Keras `Sequential` topology as model.json holds it (what tf.layers writes). */
export type KerasModelTopology = {
  class_name: 'Sequential';
  config: { name: string; layers: KerasLayerSpec[] };
  keras_version: string;
  backend: string;
};

/**
 * The Keras `Sequential` topology of a model (`modelTopology` of model.json).
 *
 * @example
 * ```ts
 * modelTopology(model).config.layers.map((l) => l.class_name); // ['LSTM', 'Dense']
 * ```
 */
export function modelTopology(model: SavableModel, options: { batchSize?: number } = {}): KerasModelTopology {
  const batch = modelInputShape(model, options.batchSize);
  const layers: KerasLayerSpec[] = model.layers.map((layer, i) => kerasLayerSpec(layer, i === 0 ? batch : null));
  return {
    class_name: 'Sequential',
    config: { name: model.name ?? 'sequential', layers },
    keras_version: `rnnkit ${rnnkitVersion}`,
    backend: 'tensor_flow.js',
  };
}

/**
 * Encodes a built model (reading its weights) as tfjs ModelArtifacts.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * const artifacts = await modelToArtifacts(model);
 * const twin = await tfl.loadLayersModel(tf.io.fromMemory(artifacts)); // same predictions
 * ```
 */
export async function modelToArtifacts(model: SavableModel, options: ModelToArtifactsOptions = {}): Promise<io.ModelArtifacts> {
  const topology = modelTopology(model, options);
  const named = namedWeights(model, topology);
  const userDefinedMetadata: JsonObject = { rnnkit: { version: rnnkitVersion }, ...metadataToJson(options.metadata) };
  const encoded = await io.encodeWeights(named);
  const extra = await encodeWeightGroups(options.weightGroups);
  if (extra.names.length > 0) userDefinedMetadata['rnnkit'] = { version: rnnkitVersion, weightGroups: extra.names };
  return {
    modelTopology: topology,
    format: 'layers-model',
    generatedBy: `rnnkit v${rnnkitVersion}`,
    convertedBy: null,
    weightSpecs: [...encoded.specs, ...extra.specs],
    weightData: extra.specs.length > 0 ? io.concatenateArrayBuffers([encoded.data, extra.data]) : encoded.data,
    userDefinedMetadata: userDefinedMetadata as io.ModelArtifacts['userDefinedMetadata'],
  };
}

/** Each layer's variables under their canonical Keras names, checked against the topology's plan. */
function namedWeights(model: SavableModel, topology: KerasModelTopology): { name: string; tensor: Tensor }[] {
  const plan = readTopology(topology as unknown as JsonObject, 'saveModel');
  let shape: Shape = plan.batchInputShape as Shape;
  return plan.layers.flatMap((layerPlan, i) => {
    const layer = model.layers[i] as Layer;
    const planned = layerPlan.weights(shape);
    shape = layerPlan.outputShape(shape);
    if (!layer.built && planned.length > 0) {
      throw new RnnkitError('NOT_BUILT', `saveModel: ${layer.className} layer '${layer.name}' has no weights yet; build the model (or run predict once) before saving`);
    }
    if (planned.length !== layer.weights.length) {
      throw new RnnkitError('INVALID_ARGUMENT', `saveModel: ${layer.className} layer '${layer.name}' has ${layer.weights.length} weights, its Keras config describes ${planned.length}`);
    }
    return planned.map((p, k) => {
      const variable = (layer.weights[k] as Layer['weights'][number]).variable;
      const same = variable.shape.length === p.shape.length && variable.shape.every((d, axis) => d === p.shape[axis]);
      if (!same) {
        throw new RnnkitError('SHAPE_MISMATCH', `saveModel: weight '${layer.name}/${p.path}' has shape ${formatShape(variable.shape)}, its Keras config describes ${formatShape(p.shape)}`);
      }
      return { name: `${layer.name}/${p.path}`, tensor: variable };
    });
  });
}
