// Builds the tf.layers twin of one of our recurrent layers (same options, recurrentActivation
// 'sigmoid' since tf.layers defaults to hardSigmoid) and copies our weights into it.

import * as tfc from '@tensorflow/tfjs-core';
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { gru } from '../gru.js';
import { lstm } from '../lstm.js';
import type { RecurrentLayerOptions, RnnLayer } from '../rnn.js';
import { simpleRnn } from '../simple-rnn.js';

export type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';
export const kinds: Kind[] = ['SimpleRNN', 'LSTM', 'GRU'];

export type TwinOptions = RecurrentLayerOptions & { units: number };

/** Our layer of `kind` (GRU in tf.layers' reset-before form). */
export function ours(kind: Kind, options: TwinOptions): RnnLayer {
  if (kind === 'SimpleRNN') return simpleRnn(options);
  if (kind === 'LSTM') return lstm(options);
  return gru({ ...options, resetAfter: false });
}

/** The tf.layers layer of `kind` with the same sequence options. */
export function theirs(kind: Kind, options: TwinOptions, batchInputShape?: number[]): tfl.layers.Layer {
  const args = {
    units: options.units,
    returnSequences: options.returnSequences ?? false,
    returnState: options.returnState ?? false,
    goBackwards: options.goBackwards ?? false,
    stateful: options.stateful ?? false,
    ...(batchInputShape ? { batchInputShape } : {}),
  };
  if (kind === 'SimpleRNN') return tfl.layers.simpleRNN(args);
  if (kind === 'LSTM') return tfl.layers.lstm({ ...args, recurrentActivation: 'sigmoid' });
  return tfl.layers.gru({ ...args, recurrentActivation: 'sigmoid' });
}

/** Builds `twin` for `inputShape` and gives it `layer`'s weights. */
export function copyWeights(layer: { getWeights(): tf.Tensor[] }, twin: tfl.layers.Layer, inputShape: number[]): void {
  if (!twin.built) {
    // An eager call builds the layer the way tf.layers expects (build() alone is not enough).
    const probe = tfc.zeros(inputShape);
    tfc.dispose(asList(twin.apply(probe) as tf.Tensor));
    probe.dispose();
    if (twin.stateful) twin.resetStates();
  }
  const weights = layer.getWeights();
  twin.setWeights(weights);
  for (const w of weights) w.dispose();
}

/** tf.layers' result as a list. */
export function asList(result: tf.Tensor | tf.Tensor[] | tfl.SymbolicTensor | tfl.SymbolicTensor[]): tf.Tensor[] {
  return (Array.isArray(result) ? result : [result]) as tf.Tensor[];
}
