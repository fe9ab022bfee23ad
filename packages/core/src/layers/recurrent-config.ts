// Keras configs of recurrent layers and cells, snake_case as Keras (2.x, tf.keras) writes them
// into model.json / config.json, so a model file can be read by either side.

import type { CellConfig } from '../cell.js';
import type { KerasLayerConfig } from './layer.js';

/** The Keras class name of each cell kind's layer and cell. */
export const kerasCellClass = { SimpleRNN: 'SimpleRNNCell', LSTM: 'LSTMCell', GRU: 'GRUCell' } as const;

/** A cell's settings without its input size (known once the layer is built). */
export type CellSettings = Omit<CellConfig, 'inputSize'>;

/** The cell part of a recurrent layer's config (units, activations, initializers…). */
export function kerasCellConfig(cell: CellSettings, rates: { dropout: number; recurrentDropout: number }): KerasLayerConfig {
  const config: KerasLayerConfig = {
    units: cell.units,
    activation: cell.activation,
  };
  if (cell.kind !== 'SimpleRNN') config['recurrent_activation'] = cell.recurrentActivation ?? 'sigmoid';
  config['use_bias'] = cell.useBias;
  config['kernel_initializer'] = { class_name: 'GlorotUniform', config: { seed: null } };
  config['recurrent_initializer'] = { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } };
  config['bias_initializer'] = { class_name: 'Zeros', config: {} };
  if (cell.kind === 'LSTM') config['unit_forget_bias'] = cell.unitForgetBias ?? true;
  for (const key of ['kernel', 'recurrent', 'bias']) {
    config[`${key}_regularizer`] = null;
  }
  config['activity_regularizer'] = null;
  for (const key of ['kernel', 'recurrent', 'bias']) {
    config[`${key}_constraint`] = null;
  }
  config['dropout'] = rates.dropout;
  config['recurrent_dropout'] = rates.recurrentDropout;
  if (cell.kind !== 'SimpleRNN') config['implementation'] = 2;
  if (cell.kind === 'GRU') config['reset_after'] = cell.resetAfter ?? true;
  return config;
}

/** The sequence part every recurrent layer shares (Keras `RNN` base config). */
export function kerasSequenceConfig(options: {
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
}): KerasLayerConfig {
  return {
    return_sequences: options.returnSequences,
    return_state: options.returnState,
    go_backwards: options.goBackwards,
    stateful: options.stateful,
    unroll: false,
    time_major: false,
  };
}
