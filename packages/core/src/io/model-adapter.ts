// The seam between the model-file code and rnnkit's `sequential` model: what saving reads from a
// model, and how loading assembles one from its layers.

import { RnnkitError } from '../errors.js';
import { isBidirectional } from '../layers/bidirectional.js';
import type { Layer, Shape } from '../layers/layer.js';
import { isRnnLayer } from '../layers/rnn.js';
import { sequential } from '../model/sequential.js';
import type { SequentialModel } from '../model/sequential.js';

/** What saving needs from a model (a {@link SequentialModel} has it): its layers in order, a name, its input shape. */
export interface SavableModel {
  readonly name?: string;
  readonly layers: readonly Layer[];
  /** Batch-first input shape; `null` before the model is built. */
  readonly inputShape: Shape | null;
}

/**
 * The model's batch input shape; NOT_BUILT before it has one. The batch size is `batchSize`, else
 * the batch size a stateful layer's kept state has (Keras and tf.layers need one for stateful
 * layers), else `null`.
 */
export function modelInputShape(model: SavableModel, batchSize?: number): Shape {
  if (!model.inputShape) {
    throw new RnnkitError('NOT_BUILT', 'saveModel: the model has no input shape yet; pass inputShape to sequential() or call build()/predict() once before saving');
  }
  if (batchSize !== undefined && (!Number.isSafeInteger(batchSize) || batchSize <= 0)) {
    throw new RnnkitError('INVALID_ARGUMENT', `saveModel: batchSize must be a positive integer, got ${String(batchSize)}`);
  }
  return [batchSize ?? keptBatchSize(model.layers) ?? null, ...model.inputShape.slice(1)];
}

function keptBatchSize(layers: readonly Layer[]): number | undefined {
  for (const layer of layers) {
    const halves = isBidirectional(layer) ? [layer.forwardLayer] : [layer];
    for (const half of halves) if (isRnnLayer(half) && half.stateful && half.states?.[0]) return half.states[0].shape[0];
  }
  return undefined;
}

/** A built sequential model over freshly created layers. */
export function assembleModel(layers: Layer[], options: { name: string; batchInputShape: Shape }): SequentialModel {
  return sequential({ layers: layers as Layer<never>[], name: options.name, inputShape: options.batchInputShape.slice(1) });
}
