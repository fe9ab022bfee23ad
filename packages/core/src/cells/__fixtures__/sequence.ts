// Test helpers: run a cell over a whole sequence, and run a tf.layers recurrent layer with the
// same weights, so parity tests compare outputs and final states of equal computations.

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { CellParams, RecurrentCell } from '../../cell.js';

/** Loops `cell.step` over xs [batch, steps, inputSize]; outputs [batch, steps, units] and the final state. */
export function unroll(cell: RecurrentCell, params: CellParams, xs: tf.Tensor3D, initial?: tf.Tensor2D[]): { outputs: tf.Tensor3D; state: tf.Tensor2D[] } {
  return tf.tidy(() => {
    const [batch, steps] = xs.shape;
    let state = initial ?? cell.zeroState(batch);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) {
      const x = tf.squeeze(tf.slice(xs, [0, t, 0], [batch, 1, cell.inputSize]), [1]) as tf.Tensor2D;
      const r = cell.step(params, x, state);
      outputs.push(r.output);
      state = r.state;
    }
    return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, state };
  });
}

/**
 * Builds `layer` (created with returnSequences and returnState) on xs, loads `weights`, and runs
 * it from `initial`: [outputs, ...final states].
 */
export function runTfLayer(layer: tfl.layers.Layer, weights: tf.Tensor[], xs: tf.Tensor3D, initial: tf.Tensor2D[]): tf.Tensor[] {
  tf.dispose(layer.apply(xs, { initialState: initial }) as tf.Tensor[]);
  layer.setWeights(weights);
  return layer.apply(xs, { initialState: initial }) as tf.Tensor[];
}

/** max |a − b|. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}
