// Keras `SimpleRNN`: an rnn layer over an Elman cell (simple-rnn-cell.ts).

import type { Activation } from '../cell.js';
import { simpleRnnCell } from '../cells/simple-rnn-cell.js';
import type { SimpleRnnCache } from '../cells/simple-rnn-cell.js';
import { checkPositiveInt } from '../check.js';
import type { RecurrentLayerOptions, RnnLayer, RnnOutputOf } from './rnn.js';
import { RnnLayerImpl } from './rnn.js';

/** Options of {@link simpleRnn}. */
export interface SimpleRnnOptions extends RecurrentLayerOptions {
  /** Width of the hidden state and output. */
  units: number;
  /**
   * Nonlinearity φ in h_t = φ(x_t·W + h_{t−1}·U + b).
   * @default 'tanh'
   */
  activation?: Extract<Activation, 'tanh' | 'relu'>;
  /**
   * Add a bias vector.
   * @default true
   */
  useBias?: boolean;
}

/**
 * A SimpleRNN layer (Keras `SimpleRNN`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { simpleRnn } from '@rnnkit/core';
 *
 * const layer = simpleRnn({ units: 16, returnSequences: true });
 * const y = layer.apply(tf.ones([4, 10, 3])); // [4, 10, 16]
 * ```
 */
export function simpleRnn<const O extends SimpleRnnOptions>(options: O): RnnLayer<RnnOutputOf<O>, SimpleRnnCache> {
  const { units, activation = 'tanh', useBias = true } = options;
  checkPositiveInt('simpleRnn', 'units', units);
  return new RnnLayerImpl<RnnOutputOf<O>, SimpleRnnCache>(
    { ...options, cell: (inputSize: number) => simpleRnnCell({ units, inputSize, activation, useBias }) },
    { className: 'SimpleRNN', cellSettings: { kind: 'SimpleRNN', units, activation, useBias } },
  );
}
