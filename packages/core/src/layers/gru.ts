// Keras `GRU`: an rnn layer over a GRU cell (gru-cell.ts, gate order z, r, h), in Keras's
// default reset-after form or the original reset-before form that tf.layers implements.

import type { Activation } from '../cell.js';
import { gruCell } from '../cells/gru-cell.js';
import type { GruCache } from '../cells/gru-cell.js';
import { checkPositiveInt } from '../check.js';
import type { RecurrentLayerOptions, RnnLayer, RnnOutputOf } from './rnn.js';
import { RnnLayerImpl } from './rnn.js';

/** Options of {@link gru}. */
export interface GruOptions extends RecurrentLayerOptions {
  /** Width of the hidden state and output. */
  units: number;
  /**
   * φ, applied to the candidate.
   * @default 'tanh'
   */
  activation?: Activation;
  /**
   * σ, applied to the gates z, r. Keras and rnnkit default to sigmoid; tf.layers defaults to
   * `'hard_sigmoid'` = clip(0.2·x + 0.5, 0, 1) (pass it to match a tf.layers GRU with default settings).
   * @default 'sigmoid'
   */
  recurrentActivation?: Activation;
  /**
   * Add bias vectors.
   * @default true
   */
  useBias?: boolean;
  /**
   * Reset gate applied after the recurrent matmul, bias `[2, 3u]` (Keras's default since TF 2,
   * cuDNN, PyTorch). `false`: the original form, bias `[3u]` (what tf.layers loads).
   * @default true
   */
  resetAfter?: boolean;
}

/**
 * A GRU layer (Keras `GRU`); weights `gru/kernel [F, 3u]`, `gru/recurrent_kernel [u, 3u]`,
 * `gru/bias` (`[2, 3u]` with resetAfter, else `[3u]`); state `[h]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { gru } from '@rnnkit/core';
 *
 * const layer = gru({ units: 16, returnSequences: true });
 * const y = layer.apply(tf.ones([2, 7, 3])); // [2, 7, 16]
 * ```
 */
export function gru<const O extends GruOptions>(options: O): RnnLayer<RnnOutputOf<O>, GruCache> {
  const { units, activation = 'tanh', recurrentActivation = 'sigmoid', useBias = true, resetAfter = true } = options;
  checkPositiveInt('gru', 'units', units);
  const settings = { units, activation, recurrentActivation, useBias, resetAfter };
  return new RnnLayerImpl<RnnOutputOf<O>, GruCache>(
    { ...options, cell: (inputSize: number) => gruCell({ ...settings, inputSize }) },
    { className: 'GRU', cellSettings: { kind: 'GRU', ...settings } },
  );
}
