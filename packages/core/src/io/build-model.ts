// Turns a checked model.json and its weight data into a model. Everything is decided first —
// the layer plans, the input shape, which manifest entry is which weight, shapes, finiteness —
// and only then are layers created and built and the weights decoded into them. If anything
// fails after that point, every tensor made so far is freed.

import { dispose } from '@tensorflow/tfjs-core';
import type { io } from '@tensorflow/tfjs-core';
import type { Shape } from '../layers/layer.js';
import type { SequentialModel } from '../model/sequential.js';
import { corruptFile } from './io-errors.js';
import { readTopology } from './keras-topology.js';
import type { TopologyPlan } from './keras-topology.js';
import type { PlannedWeight } from './layer-plan.js';
import { isModelWeight, matchWeights } from './match-weights.js';
import { assembleModel } from './model-adapter.js';
import type { CheckedModelJson } from './model-json.js';
import { checkFiniteWeights, decodeWeightsByName } from './weight-data.js';
import type { WeightSpec } from './weight-spec.js';

const recurrentClasses = new Set(['SimpleRNN', 'LSTM', 'GRU', 'RNN', 'Bidirectional', 'Masking']);

/** The load plan: topology, input shape, and the manifest names of each layer's weights. */
export type ModelPlan = { topology: TopologyPlan; inputShape: Shape; weightNames: string[][] };

/** Plans a model from a checked model.json without allocating anything. */
export function planModel(json: CheckedModelJson, where: string): ModelPlan {
  const topology = readTopology(json.modelTopology, where);
  const inputShape = topology.batchInputShape ?? inferInputShape(topology, json.specs, where);
  let shape = inputShape;
  const planned = topology.layers.map((layer) => {
    const weights: PlannedWeight[] = layer.weights(shape);
    shape = layer.outputShape(shape);
    return { name: layer.name, className: layer.className, weights };
  });
  return { topology, inputShape, weightNames: matchWeights(planned, json.specs, where) };
}

/** Creates, builds and fills the model; `checkFinite` scans every float weight first. */
export function buildModel(json: CheckedModelJson, weightData: io.WeightData, plan: ModelPlan, where: string, checkFinite: boolean): SequentialModel {
  if (checkFinite) checkFiniteWeights(weightData, json.specs, where);
  const layers = plan.topology.layers.map((layerPlan) => layerPlan.create());
  let model: SequentialModel;
  try {
    model = assembleModel(layers, { name: plan.topology.name, batchInputShape: plan.inputShape });
  } catch (error) {
    for (const layer of layers) layer.dispose();
    throw error;
  }
  try {
    layers.forEach((layer, i) => {
      const names = plan.weightNames[i] as string[];
      if (names.length === 0) return;
      const tensors = decodeWeightsByName(weightData, json.specs, names);
      try {
        layer.setWeights(tensors);
      } finally {
        dispose(tensors);
      }
    });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

/** Without a batch input shape in the file: the first kernel's rows give the features. */
function inferInputShape(topology: TopologyPlan, specs: readonly WeightSpec[], where: string): Shape {
  let rank = 2;
  for (const layer of topology.layers) {
    if (layer.className === 'Embedding') return [null, null];
    if (recurrentClasses.has(layer.className)) rank = 3;
    const kernel = specs.find((s) => isModelWeight(s) && s.name.startsWith(`${layer.name}/`) && /(^|\/)(kernel|0)$/.test(s.name));
    const features = kernel?.shape[0];
    if (features !== undefined) return rank === 3 ? [null, null, features] : [null, features];
  }
  throw corruptFile(where, 'the topology gives no input shape (batch_input_shape) and none can be inferred from the weights');
}
