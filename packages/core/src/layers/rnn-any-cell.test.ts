// rnn() over a cell instance or a cell factory behaves as the named layer with the same weights,
// exposes the cell, its params as views of the variables and the param → weight map.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gruCell } from '../cells/gru-cell.js';
import { lstmCell } from '../cells/lstm-cell.js';
import { simpleRnnCell } from '../cells/simple-rnn-cell.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import { rnn } from './rnn.js';

beforeAll(useCpuBackend);

describe('rnn over any cell', () => {
  it('with an LSTM cell instance equals lstm() with the same weights', () => {
    const generic = rnn({ cell: lstmCell({ units: 4, inputSize: 3 }), returnSequences: true });
    const named = lstm({ units: 4, returnSequences: true });
    generic.build([null, 5, 3], createRng(1));
    named.build([null, 5, 3], createRng(2));
    const weights = generic.getWeights();
    named.setWeights(weights);
    const x = normal([2, 5, 3], 3);
    const [a, b] = [generic.apply(x) as tf.Tensor, named.apply(x) as tf.Tensor];
    expect(maxAbsDiff(a, b)).toBe(0);
    expect(generic.className).toBe('RNN');
    expect(generic.weights.map((w) => w.name)).toEqual(['rnn/kernel', 'rnn/recurrent_kernel', 'rnn/bias']);
    expect(generic.getConfig()).toMatchObject({ return_sequences: true, cell: { class_name: 'LSTMCell', config: { units: 4, unit_forget_bias: true } } });
    tf.dispose([...weights, x, a, b]);
    generic.dispose();
    named.dispose();
  });

  it('with a cell factory builds the cell for the input size it sees', () => {
    const layer = rnn({ cell: (inputSize) => gruCell({ units: 2, inputSize, resetAfter: false }) });
    const x = tf.ones([1, 4, 7]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 2]);
    expect(layer.cell.inputSize).toBe(7);
    expect(layer.params.bias.shape).toEqual([6]);
    tf.dispose([x, y]);
    layer.dispose();
  });

  it('params are the variables themselves; paramWeights maps them to weights (no bias weight without useBias)', () => {
    const layer = gru({ units: 3 });
    layer.build([null, 2, 4], createRng(1));
    expect(layer.params.kernel).toBe(layer.weights[0]?.variable);
    expect(layer.paramWeights.recurrentKernel.name).toBe('gru/recurrent_kernel');
    const biasFree = rnn({ cell: simpleRnnCell({ units: 2, inputSize: 2, useBias: false }) });
    biasFree.build([null, 3, 2]);
    expect(biasFree.paramWeights.bias).toBeNull();
    expect(biasFree.weights).toHaveLength(2);
    expect(biasFree.params.bias.shape).toEqual([2]);
    layer.dispose();
    biasFree.dispose();
  });

  it("rejects inputs that do not fit a fixed cell's inputSize", () => {
    const layer = rnn({ cell: simpleRnnCell({ units: 2, inputSize: 3 }) });
    const x = tf.ones([1, 4, 5]);
    expect(() => layer.apply(x)).toThrow(/\[\?, \?, 3\] \(the cell's inputSize\), got \[1, 4, 5\]/);
    x.dispose();
  });
});
