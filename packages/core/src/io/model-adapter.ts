// The seam between the model-file code and rnnkit's model: what saving reads from a model, and
// how loading assembles one from built layers. (Provisional stack until `sequential` lands.)

import { dispose, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import type { Layer, Shape } from '../layers/layer.js';

/** What saving needs from a model: its layers in order (built), a name and, if known, its input shape. */
export interface SavableModel {
  readonly name?: string;
  readonly layers: readonly Layer[];
  readonly batchInputShape?: Shape | null;
}

/** A model assembled by loading. */
export interface LoadedSequential extends SavableModel {
  readonly name: string;
  readonly batchInputShape: Shape;
  predict(x: Tensor): Tensor;
  dispose(): void;
}

/** The model's batch input shape: as the model states it, else from its first layer's weights. */
export function modelInputShape(model: SavableModel): Shape {
  if (model.batchInputShape) return model.batchInputShape;
  throw new RnnkitError('NOT_BUILT', 'saveModel: the model has no input shape yet; build it (or run predict once) before saving');
}

/** A model over built layers. */
export function assembleModel(layers: Layer[], options: { name: string; batchInputShape: Shape }): LoadedSequential {
  return {
    name: options.name,
    batchInputShape: options.batchInputShape,
    layers,
    predict: (x) =>
      tidy(() => {
        let value = x;
        let mask: Tensor | null = null;
        for (const layer of layers) {
          const next = layer.computeMask(value, mask);
          value = layer.apply(value, { mask }) as Tensor;
          mask = next;
        }
        return value;
      }),
    dispose: () => dispose(layers as unknown as Tensor[]),
  };
}
