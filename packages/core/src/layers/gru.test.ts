// GRU with resetAfter: true (Keras's default; tf.layers cannot load it) against an
// independent float64 reference of Keras's equations.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { referenceRnn } from './__fixtures__/reference-rnn.js';
import type { Matrix } from './__fixtures__/reference-rnn.js';
import { maxAbsDiff, normal } from './__fixtures__/tensor-testing.js';
import { gru } from './gru.js';

beforeAll(useCpuBackend);

const [batch, steps, features, units] = [3, 5, 4, 6];

describe('gru with resetAfter: true', () => {
  it('has Keras weight shapes, with a [2, 3·units] bias', () => {
    const layer = gru({ units });
    layer.build([null, steps, features], createRng(1));
    expect(layer.weights.map((w) => [w.name, w.variable.shape])).toEqual([
      ['gru/kernel', [features, 3 * units]],
      ['gru/recurrent_kernel', [units, 3 * units]],
      ['gru/bias', [2, 3 * units]],
    ]);
    layer.dispose();
  });

  it.each([
    { name: 'last output', options: {} },
    { name: 'sequence and state', options: { returnSequences: true, returnState: true } },
    { name: 'backwards, masked, from an initial state', options: { returnSequences: true, returnState: true, goBackwards: true }, mask: true, initialState: true },
  ])('matches the float64 formula: $name', ({ options, mask, initialState }) => {
    const layer = gru({ units, ...options });
    layer.build([null, steps, features], createRng(4));
    // Non-zero biases, so both b_in and b_rec matter.
    const weights = [normal([features, 3 * units], 1, 0.5), normal([units, 3 * units], 2, 0.5), normal([2, 3 * units], 3, 0.5)];
    layer.setWeights(weights);
    const x = normal([batch, steps, features], 5);
    const maskTensor = mask ? tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [0, 1, 1, 0, 1]]) : undefined;
    const h0 = initialState ? normal([batch, units], 6) : undefined;

    const result = layer.apply(x, { mask: maskTensor, initialState: h0 ? [h0] : undefined });
    const [output, state] = Array.isArray(result) ? result : [result];
    const [kernel, recurrentKernel, bias] = weights.map((w) => w.arraySync() as Matrix);
    const reference = referenceRnn({
      kind: 'GRU',
      resetAfter: true,
      kernel: kernel as Matrix,
      recurrentKernel: recurrentKernel as Matrix,
      bias,
      x: x.arraySync() as number[][][],
      mask: maskTensor?.arraySync(),
      initialState: h0 ? [h0.arraySync() as Matrix] : undefined,
      goBackwards: options.goBackwards,
    });
    const expected = options.returnSequences ? reference.outputs : reference.outputs.map((o) => o[o.length - 1] as number[]);
    expect(maxAbsDiff(output as tf.Tensor, expected as number[][])).toBeLessThanOrEqual(1e-5);
    if (state) expect(maxAbsDiff(state, reference.states[0] as Matrix)).toBeLessThanOrEqual(1e-5);
    tf.dispose([...weights, x, output as tf.Tensor, ...(state ? [state] : []), ...(maskTensor ? [maskTensor] : []), ...(h0 ? [h0] : [])]);
    layer.dispose();
  });
});
