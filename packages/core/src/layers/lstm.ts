// Keras `LSTM`: an rnn layer over an LSTM cell (lstm-cell.ts, gate order i, f, c, o).

import type { Activation } from '../cell.js';
import { lstmCell } from '../cells/lstm-cell.js';
import type { LstmCache } from '../cells/lstm-cell.js';
import { checkPositiveInt } from '../check.js';
import type { RecurrentLayerOptions, RnnLayer, RnnOutputOf } from './rnn.js';
import { RnnLayerImpl } from './rnn.js';

/** Options of {@link lstm}. */
export interface LstmOptions extends RecurrentLayerOptions {
  /** Width of the hidden and cell states and of the output. */
  units: number;
  /**
   * φ, applied to the candidate and to c_t.
   * @default 'tanh'
   */
  activation?: Activation;
  /**
   * σ, applied to the gates i, f, o. Keras and rnnkit default to sigmoid; tf.layers defaults to
   * `'hard_sigmoid'` = clip(0.2·x + 0.5, 0, 1) (pass it to match a tf.layers LSTM with default settings).
   * @default 'sigmoid'
   */
  recurrentActivation?: Activation;
  /**
   * Add a bias vector.
   * @default true
   */
  useBias?: boolean;
  /**
   * Initialise the forget-gate bias to 1 (Jozefowicz et al. 2015).
   * @default true
   */
  unitForgetBias?: boolean;
}

/**
 * An LSTM layer (Keras `LSTM`); weights `lstm/kernel [F, 4u]`, `lstm/recurrent_kernel [u, 4u]`,
 * `lstm/bias [4u]`; state `[h, c]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { lstm } from '@rnnkit/core';
 *
 * const layer = lstm({ units: 32, returnState: true });
 * const [last, h, c] = layer.apply(tf.ones([4, 10, 1])); // each [4, 32]
 * ```
 */
export function lstm<const O extends LstmOptions>(options: O): RnnLayer<RnnOutputOf<O>, LstmCache> {
  const { units, activation = 'tanh', recurrentActivation = 'sigmoid', useBias = true, unitForgetBias = true } = options;
  checkPositiveInt('lstm', 'units', units);
  const settings = { units, activation, recurrentActivation, useBias, unitForgetBias };
  return new RnnLayerImpl<RnnOutputOf<O>, LstmCache>(
    { ...options, cell: (inputSize: number) => lstmCell({ ...settings, inputSize }) },
    { className: 'LSTM', cellSettings: { kind: 'LSTM', ...settings } },
  );
}
