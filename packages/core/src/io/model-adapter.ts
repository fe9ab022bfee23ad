// The seam between the model-file code and rnnkit's `sequential` model: what saving reads from a
// model, and how loading assembles one from its layers.

import { RnnkitError } from '../errors.js';
import type { Layer, Shape } from '../layers/layer.js';
import { sequential } from '../model/sequential.js';
import type { SequentialModel } from '../model/sequential.js';

/** What saving needs from a model (a {@link SequentialModel} has it): its layers in order, a name, its input shape. */
export interface SavableModel {
  readonly name?: string;
  readonly layers: readonly Layer[];
  /** Batch-first input shape; `null` before the model is built. */
  readonly inputShape: Shape | null;
}

/** The model's batch input shape; NOT_BUILT before it has one. */
export function modelInputShape(model: SavableModel): Shape {
  if (model.inputShape) return model.inputShape;
  throw new RnnkitError('NOT_BUILT', 'saveModel: the model has no input shape yet; pass inputShape to sequential() or call build()/predict() once before saving');
}

/** A built sequential model over freshly created layers. */
export function assembleModel(layers: Layer[], options: { name: string; batchInputShape: Shape }): SequentialModel {
  return sequential({ layers: layers as Layer<never>[], name: options.name, inputShape: options.batchInputShape.slice(1) });
}
