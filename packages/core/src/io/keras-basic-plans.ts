// Dense, Embedding, Masking and Dropout from Keras configs (the layers without recurrence).

import { dense } from '../layers/dense.js';
import type { DenseActivation } from '../layers/dense.js';
import { dropout } from '../layers/dropout.js';
import type { DropoutOptions } from '../layers/dropout.js';
import { embedding } from '../layers/embedding.js';
import { masking } from '../layers/masking.js';
import { corruptFile, describeValue } from './io-errors.js';
import type { KerasConfigReader } from './keras-config-reader.js';
import { featureSize } from './layer-plan.js';
import type { LayerPlan } from './layer-plan.js';

const denseActivations: DenseActivation[] = ['linear', 'tanh', 'sigmoid', 'hard_sigmoid', 'relu', 'softmax'];

/** Keras `Dense`: kernel [F, units], bias [units]; applied to the last axis. */
export function densePlan(reader: KerasConfigReader): LayerPlan {
  const { trainable } = reader.common();
  const units = reader.positiveInt('units');
  const activation = reader.activation('activation', 'linear', denseActivations);
  const useBias = reader.bool('use_bias', true);
  reader.expect('lora_rank', [null], 'LoRA adapters are not implemented');
  reader.finish();
  return {
    className: 'Dense',
    name: reader.layerName,
    weights: (inputShape) => {
      const features = featureSize(reader.where, inputShape);
      return useBias ? [{ path: 'kernel', shape: [features, units] }, { path: 'bias', shape: [units] }] : [{ path: 'kernel', shape: [features, units] }];
    },
    outputShape: (inputShape) => {
      featureSize(reader.where, inputShape);
      return [...inputShape.slice(0, -1), units];
    },
    create: () => dense({ name: reader.layerName, trainable, units, activation, useBias }),
  };
}

/** Keras `Embedding`: embeddings [input_dim, output_dim]; `input_length` only documents the shape. */
export function embeddingPlan(reader: KerasConfigReader): LayerPlan {
  const { trainable } = reader.common();
  const inputDim = reader.positiveInt('input_dim');
  const outputDim = reader.positiveInt('output_dim');
  const maskZero = reader.bool('mask_zero', false);
  reader.expect('lora_rank', [null], 'LoRA adapters are not implemented');
  reader.expect('sparse', [false], 'sparse gradients are not implemented');
  reader.finish();
  return {
    className: 'Embedding',
    name: reader.layerName,
    weights: () => [{ path: 'embeddings', shape: [inputDim, outputDim] }],
    outputShape: (inputShape) => [...inputShape, outputDim],
    create: () => embedding({ name: reader.layerName, trainable, inputDim, outputDim, maskZero }),
  };
}

/** Keras `Masking`: a step whose features all equal `mask_value` is masked. */
export function maskingPlan(reader: KerasConfigReader): LayerPlan {
  const { trainable } = reader.common();
  const maskValue = reader.number('mask_value', 0);
  reader.finish();
  return {
    className: 'Masking',
    name: reader.layerName,
    weights: (inputShape) => {
      featureSize(reader.where, inputShape, 3);
      return [];
    },
    outputShape: (inputShape) => inputShape,
    create: () => masking({ name: reader.layerName, trainable, maskValue }),
  };
}

/** Keras `Dropout` (identity at inference). */
export function dropoutPlan(reader: KerasConfigReader): LayerPlan {
  const { trainable } = reader.common();
  const rate = reader.number('rate', Number.NaN, (n) => n >= 0 && n < 1, 'a rate in [0, 1)');
  const noise = reader.raw('noise_shape');
  const options: DropoutOptions = { name: reader.layerName, trainable, rate };
  if (noise !== undefined && noise !== null) {
    if (!Array.isArray(noise) || noise.some((d) => d !== null && !(typeof d === 'number' && Number.isSafeInteger(d) && d > 0))) {
      throw corruptFile(reader.where, `noise_shape must be null or a list of positive integers / null, got ${describeValue(noise)}`);
    }
    options.noiseShape = noise as (number | null)[];
  }
  const seed = reader.seed();
  if (seed !== undefined) options.seed = seed;
  reader.finish();
  return { className: 'Dropout', name: reader.layerName, weights: () => [], outputShape: (inputShape) => inputShape, create: () => dropout(options) };
}
