import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellParams } from '../cell.js';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectGradientsMatch } from './__fixtures__/gradient-check.js';
import { expectTfLayerParity } from './__fixtures__/sequence.js';
import { simpleRnnCell } from './simple-rnn-cell.js';
import type { SimpleRnnCellOptions } from './simple-rnn-cell.js';

beforeAll(useCpuBackend);

const disposeParams = (p: CellParams): void => tf.dispose([p.kernel, p.recurrentKernel, p.bias]);

describe('simpleRnnCell', () => {
  const variants: [string, Partial<SimpleRnnCellOptions>][] = [
    ['tanh', {}],
    ['relu', { activation: 'relu' }],
    ['tanh without bias', { useBias: false }],
  ];
  for (const [label, extra] of variants) {
    it(`matches tf.layers SimpleRNN outputs and final h over a sequence from a given state: ${label}`, () => {
      const units = 5;
      const cell = simpleRnnCell({ units, inputSize: 4, ...extra });
      const params = cell.initParams(createRng(1));
      params.bias.dispose();
      const p = { ...params, bias: tf.randomNormal([units], 0, 0.5, 'float32', 4) as tf.Tensor1D };
      expectTfLayerParity(cell, p, (settings) => tfl.layers.simpleRNN(settings));
      disposeParams(p);
    });
  }

  const gradientCases: [string, Partial<SimpleRnnCellOptions>, { withMask?: boolean; noOutputGradient?: boolean }][] = [
    ['tanh', {}, {}],
    ['relu', { activation: 'relu' }, {}],
    ['with a recurrent-dropout mask', {}, { withMask: true }],
    ['with no output gradient', {}, { noOutputGradient: true }],
    ['without bias', { useBias: false }, {}],
  ];
  for (const [label, extra, options] of gradientCases) {
    it(`backward step equals tf.grads and float64 central differences: ${label}`, () => {
      const cell = simpleRnnCell({ units: 4, inputSize: 3, ...extra });
      const params = cell.initParams(createRng(5));
      params.bias.dispose();
      const p = { ...params, bias: tf.randomNormal([4], 0, 0.5, 'float32', 6) as tf.Tensor1D };
      expectGradientsMatch(cell, p, { seed: 11, batch: 2, ...options });
      disposeParams(p);
    });
  }

  it('leaves no tensors behind when stepped inside tidy', () => {
    const cell = simpleRnnCell({ units: 4, inputSize: 2 });
    const p = cell.initParams(createRng(2));
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => cell.step(p, tf.ones([1, 2]), cell.zeroState(1)).output);
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(p);
  });

  it('rejects an input with the wrong feature size, and a recurrent mask of the wrong shape', () => {
    const cell = simpleRnnCell({ units: 4, inputSize: 2 });
    const p = cell.initParams(createRng(2));
    const x = tf.ones([1, 3]) as tf.Tensor2D;
    const mask = tf.ones([1, 3]) as tf.Tensor2D;
    expect(() => tf.tidy(() => cell.step(p, x, cell.zeroState(1)).output)).toThrow(RnnkitError);
    expect(() => tf.tidy(() => cell.step(p, x, cell.zeroState(1)).output)).toThrow(/^SimpleRNN cell: input x_t must have shape \[\?, 2\], got \[1, 3\]/);
    expect(() => tf.tidy(() => cell.step(p, tf.ones([1, 2]), cell.zeroState(1), { recurrentMask: mask }).output)).toThrow(
      /^SimpleRNN cell: recurrentMask must have shape \[1, 4\], got \[1, 3\]/,
    );
    expect(() => cell.zeroState(0)).toThrow(/batchSize must be a positive integer, got 0/);
    tf.dispose([x, mask]);
    disposeParams(p);
  });
});
