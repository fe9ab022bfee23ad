// Test helper: overwrite every weight of a model (rnnkit or tf.layers) with seeded uniform values
// in [−0.6, 0.6), so biases are non-zero and parity checks exercise every weight.

import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../rng.js';

type HasWeights = { getWeights(): tf.Tensor[]; setWeights(weights: tf.Tensor[]): void };

/** `getWeightsCopies`: rnnkit's getWeights returns copies (disposed here); tf.layers' returns the variables themselves. */
export function randomizeWeights(model: HasWeights, seed: number, getWeightsCopies = true): void {
  const rng = createRng(seed);
  const current = model.getWeights();
  const next = current.map((w) => tf.tensor(Float32Array.from({ length: w.size }, () => rng.uniform(-0.6, 0.6)), w.shape));
  model.setWeights(next);
  tf.dispose(next);
  if (getWeightsCopies) tf.dispose(current);
}
