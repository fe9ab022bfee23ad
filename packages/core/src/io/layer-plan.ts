// What loading learns about one layer from its Keras config before any tensor exists: the
// weights it needs (names and shapes, Keras order) for a given input shape, its output shape,
// and how to make the rnnkit layer once every check has passed.

import type { Layer, Shape } from '../layers/layer.js';
import { formatShape } from '../errors.js';
import { corruptFile } from './io-errors.js';

/** One weight a layer needs: its path below the layer name (`'kernel'`, `'forward_lstm/bias'`) and shape. */
export type PlannedWeight = { path: string; shape: number[] };

/** A layer read from a Keras config, not yet created. */
export interface LayerPlan {
  readonly className: string;
  readonly name: string;
  /** The weights (Keras order) for inputs of `inputShape`; throws CORRUPT_FILE if the layer cannot take that shape. */
  weights(inputShape: Shape): PlannedWeight[];
  /** The output shape for `inputShape`. */
  outputShape(inputShape: Shape): Shape;
  /** Makes the (unbuilt) rnnkit layer. */
  create(): Layer;
}

/** The last size of an input shape, which must be known; `rank` restricts the rank when given. */
export function featureSize(where: string, inputShape: Shape, rank?: number): number {
  const size = inputShape[inputShape.length - 1];
  if ((rank !== undefined && inputShape.length !== rank) || inputShape.length < 2 || typeof size !== 'number') {
    const wanted = rank === 3 ? '[batch, timeSteps, features]' : '[batch, …, features]';
    throw corruptFile(where, `receives input of shape ${formatShape(inputShape)} but needs ${wanted} with known features`, { inputShape });
  }
  return size;
}
