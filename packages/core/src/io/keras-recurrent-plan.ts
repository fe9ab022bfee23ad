// SimpleRNN / LSTM / GRU (and Keras `RNN` over one of their cells) from a Keras config.
// Weights in Keras layout: kernel [F, G·u], recurrent_kernel [u, G·u], bias [G·u]
// (GRU reset_after: [2, 3u]); G = 1, 4, 3. `unroll` and `implementation` change how Keras
// computes, not what, and are dropped; `time_major: true` and `return_state` in a Sequential
// model are UNSUPPORTED.

import { activationNames } from '../activations.js';
import type { Activation, CellKind } from '../cell.js';
import { gruCell } from '../cells/gru-cell.js';
import { lstmCell } from '../cells/lstm-cell.js';
import { simpleRnnCell } from '../cells/simple-rnn-cell.js';
import { gru } from '../layers/gru.js';
import type { Shape } from '../layers/layer.js';
import { lstm } from '../layers/lstm.js';
import { rnn } from '../layers/rnn.js';
import type { RecurrentLayerOptions, RnnLayer } from '../layers/rnn.js';
import { simpleRnn } from '../layers/simple-rnn.js';
import { corruptFile, describeValue, unsupported } from './io-errors.js';
import { isJsonObject } from './json-guard.js';
import type { KerasConfigReader } from './keras-config-reader.js';
import { featureSize } from './layer-plan.js';
import type { LayerPlan } from './layer-plan.js';

const gates: Record<CellKind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };
const cellKinds: Record<string, CellKind> = { SimpleRNNCell: 'SimpleRNN', LSTMCell: 'LSTM', GRUCell: 'GRU' };

/** The cell settings of a recurrent config. */
export type RecurrentSettings = {
  kind: CellKind;
  units: number;
  activation: Activation;
  recurrentActivation: Activation;
  useBias: boolean;
  unitForgetBias: boolean;
  resetAfter: boolean;
};

/** A recurrent layer plan; `options` is what the rnnkit factory takes (Bidirectional reuses it). */
export interface RecurrentPlan extends LayerPlan {
  readonly settings: RecurrentSettings;
  readonly options: RecurrentLayerOptions;
  create(): RnnLayer;
}

function readCell(reader: KerasConfigReader, kind: CellKind): RecurrentSettings {
  const units = reader.positiveInt('units');
  const activation = reader.activation('activation', 'tanh', kind === 'SimpleRNN' ? ['tanh', 'relu'] : activationNames);
  const recurrentActivation = kind === 'SimpleRNN' ? 'sigmoid' : reader.activation('recurrent_activation', 'sigmoid', activationNames);
  const useBias = reader.bool('use_bias', true);
  const unitForgetBias = kind === 'LSTM' ? reader.raw('unit_forget_bias') !== false : true;
  // Absent reset_after means a file older than the option: the original (reset-before) GRU.
  const resetAfter = kind === 'GRU' ? reader.bool('reset_after', false) : false;
  reader.raw('implementation');
  return { kind, units, activation, recurrentActivation, useBias, unitForgetBias, resetAfter };
}

/**
 * Reads a SimpleRNN, LSTM, GRU or RNN config. `inBidirectional`: the layer is the one wrapped by
 * a Bidirectional (Keras sets `zero_output_for_mask` there itself).
 */
export function recurrentPlan(reader: KerasConfigReader, inBidirectional = false): RecurrentPlan {
  const { trainable } = reader.common();
  let settings: RecurrentSettings;
  if (reader.className === 'RNN') {
    const cell = reader.raw('cell');
    const cellClass = isJsonObject(cell) ? cell['class_name'] : undefined;
    const kind = typeof cellClass === 'string' && Object.hasOwn(cellKinds, cellClass) ? cellKinds[cellClass] : undefined;
    if (!isJsonObject(cell) || !kind || !isJsonObject(cell['config'])) {
      throw unsupported(reader.where, `option cell: ${describeValue(cellClass ?? cell)} is not supported (rnnkit reads RNN over one SimpleRNNCell, LSTMCell or GRUCell)`, { layer: reader.layerName, option: 'cell' });
    }
    const cellReader = reader.nested(cellClass as string, String(cell['config']['name'] ?? kind), cell['config']);
    settings = readCell(cellReader, kind);
    cellReader.common();
    cellRates(cellReader);
    cellReader.finish();
  } else {
    settings = readCell(reader, reader.className as CellKind);
  }
  const rates = reader.className === 'RNN' ? {} : cellRates(reader);
  const returnSequences = reader.bool('return_sequences', false);
  reader.expect('return_state', [false], 'a layer of a Sequential model has one output');
  reader.expect('time_major', [false], 'rnnkit reads [batch, time, features]');
  reader.raw('unroll');
  reader.raw('use_cudnn');
  if (!inBidirectional) reader.expect('zero_output_for_mask', [false], 'masked steps carry the previous output outside Bidirectional');
  else reader.raw('zero_output_for_mask');
  const options: RecurrentLayerOptions = {
    name: reader.layerName,
    trainable,
    returnSequences,
    goBackwards: reader.bool('go_backwards', false),
    stateful: reader.bool('stateful', false),
    ...rates,
  };
  const seed = reader.seed();
  if (seed !== undefined) options.seed = seed;
  reader.finish();
  return makePlan(reader, settings, options);
}

function cellRates(reader: KerasConfigReader): { dropout: number; recurrentDropout: number } {
  const rate = (n: number): boolean => n >= 0 && n < 1;
  return {
    dropout: reader.number('dropout', 0, rate, 'a rate in [0, 1)'),
    recurrentDropout: reader.number('recurrent_dropout', 0, rate, 'a rate in [0, 1)'),
  };
}

function makePlan(reader: KerasConfigReader, settings: RecurrentSettings, options: RecurrentLayerOptions): RecurrentPlan {
  const { kind, units } = settings;
  const g = gates[kind];
  return {
    className: reader.className,
    name: reader.layerName,
    settings,
    options,
    weights(inputShape: Shape) {
      const features = featureSize(reader.where, inputShape, 3);
      const weights = [
        { path: 'kernel', shape: [features, g * units] },
        { path: 'recurrent_kernel', shape: [units, g * units] },
      ];
      if (settings.useBias) weights.push({ path: 'bias', shape: settings.resetAfter ? [2, 3 * units] : [g * units] });
      return weights;
    },
    outputShape(inputShape: Shape) {
      featureSize(reader.where, inputShape, 3);
      return options.returnSequences ? [inputShape[0] ?? null, inputShape[1] ?? null, units] : [inputShape[0] ?? null, units];
    },
    create: () => createRecurrent(reader.className, settings, options),
  };
}

/** The rnnkit layer for a recurrent plan (also used for Bidirectional's halves). */
export function createRecurrent(className: string, s: RecurrentSettings, options: RecurrentLayerOptions): RnnLayer {
  const { units, activation, recurrentActivation, useBias } = s;
  if (className === 'RNN') {
    const cell =
      s.kind === 'LSTM'
        ? (inputSize: number) => lstmCell({ units, inputSize, activation, recurrentActivation, useBias, unitForgetBias: s.unitForgetBias })
        : s.kind === 'GRU'
          ? (inputSize: number) => gruCell({ units, inputSize, activation, recurrentActivation, useBias, resetAfter: s.resetAfter })
          : (inputSize: number) => simpleRnnCell({ units, inputSize, activation: activation as 'tanh' | 'relu', useBias });
    return rnn({ ...options, cell });
  }
  if (s.kind === 'LSTM') return lstm({ ...options, units, activation, recurrentActivation, useBias, unitForgetBias: s.unitForgetBias });
  if (s.kind === 'GRU') return gru({ ...options, units, activation, recurrentActivation, useBias, resetAfter: s.resetAfter });
  if (activation !== 'tanh' && activation !== 'relu') throw corruptFile(className, `activation ${activation}`);
  return simpleRnn({ ...options, units, activation, useBias });
}
