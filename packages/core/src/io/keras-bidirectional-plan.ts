// Keras `Bidirectional` from its config: the wrapped recurrent layer (nested `layer` config),
// `merge_mode`, and an optional `backward_layer`, which must be the same layer reading backwards.
// Weights: every weight of `forward_<name>/…`, then of `backward_<name>/…` (Keras order).

import { bidirectional } from '../layers/bidirectional.js';
import type { MergeMode } from '../layers/bidirectional.js';
import type { Shape } from '../layers/layer.js';
import { corruptFile, describeValue, unsupported } from './io-errors.js';
import type { KerasConfigReader } from './keras-config-reader.js';
import { recurrentPlan } from './keras-recurrent-plan.js';
import type { RecurrentPlan } from './keras-recurrent-plan.js';
import { readEntry } from './keras-layer-entry.js';
import type { LayerPlan } from './layer-plan.js';

const recurrentClasses = ['SimpleRNN', 'LSTM', 'GRU', 'RNN'];

function innerPlan(reader: KerasConfigReader, key: 'layer' | 'backward_layer'): RecurrentPlan | null {
  const value = reader.raw(key);
  if (value === undefined || value === null) return null;
  const { className, config, name } = readEntry(value, `${reader.where}: ${key}`);
  if (!recurrentClasses.includes(className)) {
    throw unsupported(reader.where, `option ${key}: wraps a ${className} layer; rnnkit's Bidirectional wraps SimpleRNN, LSTM, GRU or RNN`, { layer: reader.layerName, option: key });
  }
  return recurrentPlan(reader.nested(className, name, config), true);
}

/** Reads a Bidirectional config into a plan. */
export function bidirectionalPlan(reader: KerasConfigReader): LayerPlan {
  const { trainable } = reader.common();
  const forward = innerPlan(reader, 'layer');
  if (!forward) throw corruptFile(reader.where, 'needs the wrapped layer config (layer)');
  const mergeMode = reader.raw('merge_mode') ?? 'concat';
  if (mergeMode === null || !['concat', 'sum', 'ave', 'mul'].includes(mergeMode as string)) {
    throw unsupported(reader.where, `option merge_mode: ${describeValue(mergeMode)} is not supported in a Sequential model (rnnkit supports 'concat', 'sum', 'ave', 'mul')`, { layer: reader.layerName, option: 'merge_mode' });
  }
  const backward = innerPlan(reader, 'backward_layer');
  if (backward) checkMirror(reader, forward, backward);
  reader.finish();
  const forwardName = `forward_${forward.name}`;
  const backwardName = `backward_${backward?.name ?? forward.name}`;
  const units = forward.settings.units;
  return {
    className: 'Bidirectional',
    name: reader.layerName,
    weights(inputShape: Shape) {
      const inner = forward.weights(inputShape);
      return [...inner.map((w) => ({ path: `${forwardName}/${w.path}`, shape: w.shape })), ...inner.map((w) => ({ path: `${backwardName}/${w.path}`, shape: w.shape }))];
    },
    outputShape(inputShape: Shape) {
      const shape = [...forward.outputShape(inputShape)];
      if (mergeMode === 'concat') shape[shape.length - 1] = 2 * units;
      return shape;
    },
    create: () => bidirectional(forward.create(), { name: reader.layerName, trainable, mergeMode: mergeMode as MergeMode }),
  };
}

/** An explicit backward layer must compute what the recreated one would: same settings, go_backwards flipped. */
function checkMirror(reader: KerasConfigReader, forward: RecurrentPlan, backward: RecurrentPlan): void {
  const same =
    forward.className === backward.className &&
    JSON.stringify(forward.settings) === JSON.stringify(backward.settings) &&
    backward.options.goBackwards === !forward.options.goBackwards &&
    backward.options.stateful === forward.options.stateful &&
    backward.options.returnSequences === forward.options.returnSequences;
  if (!same) {
    throw unsupported(reader.where, 'option backward_layer: differs from the wrapped layer (rnnkit supports a backward layer with the same settings and go_backwards flipped)', { layer: reader.layerName, option: 'backward_layer' });
  }
}
