// What `model.summary()` reports, as plain data: each layer's name, class, output shape and
// parameter counts, and the totals (Keras's `model.summary()` columns).

import type { Layer, Shape } from '../layers/layer.js';

/** One row of a model summary. */
export interface LayerSummary {
  name: string;
  className: string;
  /** Output shape with the batch dimension first (`null` = any size). */
  outputShape: Shape;
  params: number;
  trainableParams: number;
}

/** A model summary as plain data (render it with {@link formatSummary}). */
export interface ModelSummary {
  name: string;
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

/** Summarises built `layers` fed with inputs of `inputShape` (batch first). */
export function summarizeLayers(name: string, layers: readonly Layer[], inputShape: Shape): ModelSummary {
  let shape = inputShape;
  const rows = layers.map((layer) => {
    shape = layer.computeOutputShape(shape);
    const trainableParams = layer.trainableWeights.reduce((n, w) => n + w.variable.size, 0);
    return { name: layer.name, className: layer.className, outputShape: shape, params: layer.countParams(), trainableParams };
  });
  const totalParams = rows.reduce((n, r) => n + r.params, 0);
  const trainableParams = rows.reduce((n, r) => n + r.trainableParams, 0);
  return { name, layers: rows, totalParams, trainableParams, nonTrainableParams: totalParams - trainableParams };
}
