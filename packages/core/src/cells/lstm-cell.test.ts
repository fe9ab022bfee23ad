import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectGradientsMatch } from './__fixtures__/gradient-check.js';
import { expectTfLayerParity, maxAbsDiff } from './__fixtures__/sequence.js';
import { lstmCell } from './lstm-cell.js';
import type { LstmCellOptions } from './lstm-cell.js';

beforeAll(useCpuBackend);

const disposeParams = (p: { kernel: tf.Tensor; recurrentKernel: tf.Tensor; bias: tf.Tensor }): void =>
  tf.dispose([p.kernel, p.recurrentKernel, p.bias]);

describe('lstmCell', () => {
  const variants: [string, Partial<LstmCellOptions>][] = [
    ['default (tanh, sigmoid, bias)', {}],
    ['without bias', { useBias: false }],
    ['relu activation', { activation: 'relu' }],
    ["hard_sigmoid gates (tf.layers' default)", { recurrentActivation: 'hard_sigmoid' }],
    ['hard_sigmoid gates and activation', { activation: 'hard_sigmoid', recurrentActivation: 'hard_sigmoid' }],
  ];
  for (const [label, extra] of variants) {
    it(`matches tf.layers LSTM outputs and final [h, c] over a sequence from a given state: ${label}`, () => {
      const units = 5;
      const cell = lstmCell({ units, inputSize: 4, ...extra });
      const params = cell.initParams(createRng(1));
      params.bias.dispose();
      // A non-zero bias, so the bias path is compared too.
      const p = { ...params, bias: tf.randomNormal([4 * units], 0, 0.5, 'float32', 4) as tf.Tensor1D };
      expectTfLayerParity(cell, p, (settings) => tfl.layers.lstm(settings));
      disposeParams(p);
    });
  }

  const gradientCases: [string, Partial<LstmCellOptions>, { withMask?: boolean; noOutputGradient?: boolean }][] = [
    ['default', {}, {}],
    ['with a recurrent-dropout mask', {}, { withMask: true }],
    ['with no output gradient (last layer step fed by dState only)', {}, { noOutputGradient: true }],
    ['without bias', { useBias: false }, {}],
    ['relu activation', { activation: 'relu' }, {}],
  ];
  for (const [label, extra, options] of gradientCases) {
    it(`backward step equals tf.grads and float64 central differences: ${label}`, () => {
      const cell = lstmCell({ units: 4, inputSize: 3, ...extra });
      const params = cell.initParams(createRng(7));
      const bias = tf.randomNormal([16], 0, 0.5, 'float32', 8) as tf.Tensor1D;
      const p = { ...params, bias };
      expectGradientsMatch(cell, p, { seed: 9, batch: 2, ...options });
      disposeParams(p);
      params.bias.dispose();
    });
  }

  const hardCases: [string, Partial<LstmCellOptions>, { withMask?: boolean; noOutputGradient?: boolean }][] = [
    ['hard_sigmoid gates', { recurrentActivation: 'hard_sigmoid' }, {}],
    ['hard_sigmoid gates, with a recurrent-dropout mask and no output gradient', { recurrentActivation: 'hard_sigmoid' }, { withMask: true, noOutputGradient: true }],
    ['hard_sigmoid gates and activation', { activation: 'hard_sigmoid', recurrentActivation: 'hard_sigmoid' }, {}],
  ];
  for (const [label, extra, options] of hardCases) {
    it(`backward step equals tf.grads and float64 central differences on both the slope and the clipped parts: ${label}`, () => {
      const cell = lstmCell({ units: 4, inputSize: 3, ...extra });
      const params = cell.initParams(createRng(7));
      // A wide bias puts some gate inputs beyond ±2.5 (clipped, derivative 0) and keeps others on the slope.
      const bias = tf.randomNormal([16], 0, 2.5, 'float32', 8) as tf.Tensor1D;
      const p = { ...params, bias };
      const { activationInputs } = expectGradientsMatch(cell, p, { seed: 9, batch: 2, ...options });
      const inputs = activationInputs['hard_sigmoid'] ?? [];
      expect(inputs.filter((v) => Math.abs(v) > 2.5).length).toBeGreaterThanOrEqual(3);
      expect(inputs.filter((v) => Math.abs(v) < 2.5).length).toBeGreaterThanOrEqual(3);
      disposeParams(p);
      params.bias.dispose();
    });
  }

  it('initializes Keras-style: glorot kernel, orthogonal recurrent kernel, forget-gate bias 1', () => {
    const units = 3;
    const cell = lstmCell({ units, inputSize: 2 });
    const p = cell.initParams(createRng(4));
    expect(p.kernel.shape).toEqual([2, 12]);
    expect(p.recurrentKernel.shape).toEqual([3, 12]);
    expect(Array.from(p.bias.dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const limit = Math.sqrt(6 / (2 + 12));
    expect(Math.max(...Array.from(p.kernel.dataSync(), Math.abs))).toBeLessThan(limit);
    // Rows of U [3, 12] are orthonormal: U·Uᵀ = I.
    expect(tf.tidy(() => maxAbsDiff(tf.matMul(p.recurrentKernel, p.recurrentKernel, false, true), tf.eye(3)))).toBeLessThanOrEqual(1e-6);
    // Same seed, same weights.
    const again = cell.initParams(createRng(4));
    expect(maxAbsDiff(p.kernel, again.kernel) + maxAbsDiff(p.recurrentKernel, again.recurrentKernel)).toBe(0);
    const noForget = lstmCell({ units, inputSize: 2, unitForgetBias: false }).initParams(createRng(4));
    expect(Array.from(noForget.bias.dataSync())).toEqual(new Array(12).fill(0));
    [p, again, noForget].forEach(disposeParams);
  });

  it('keeps [h, c] as state, and its step leaves only the returned tensors behind', () => {
    const cell = lstmCell({ units: 4, inputSize: 2 });
    const p = cell.initParams(createRng(2));
    const x = tf.ones([1, 2]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const state = tf.tidy(() => cell.step(p, x, cell.zeroState(1)).state);
    expect(state.map((s) => s.shape)).toEqual([
      [1, 4],
      [1, 4],
    ]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose(state);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x]);
    disposeParams(p);
  });

  describe('rejects bad input with an RnnkitError naming expected and actual shapes', () => {
    const cell = lstmCell({ units: 4, inputSize: 2 });
    const cases: [string, RegExp, string, (p: ReturnType<typeof cell.initParams>) => unknown][] = [
      ['an input of rank 3', /input x_t must have rank 2 \[\?, 2\], got rank 3 \[1, 1, 2\]/, 'RANK_MISMATCH', (p) => cell.step(p, tf.ones([1, 1, 2]) as unknown as tf.Tensor2D, cell.zeroState(1))],
      ['the wrong feature size', /input x_t must have shape \[\?, 2\], got \[1, 3\]/, 'SHAPE_MISMATCH', (p) => cell.step(p, tf.ones([1, 3]) as tf.Tensor2D, cell.zeroState(1))],
      ['a state of another batch size', /state c must have shape \[1, 4\], got \[2, 4\]/, 'SHAPE_MISMATCH', (p) => cell.step(p, tf.ones([1, 2]) as tf.Tensor2D, [tf.zeros([1, 4]), tf.zeros([2, 4])] as tf.Tensor2D[])],
      ['only h as state', /state must be \[h, c\] \(2 tensors\), got 1 tensors/, 'INVALID_ARGUMENT', (p) => cell.step(p, tf.ones([1, 2]) as tf.Tensor2D, [tf.zeros([1, 4]) as tf.Tensor2D])],
      ['a kernel of the wrong shape', /kernel must have shape \[2, 16\], got \[2, 12\]/, 'SHAPE_MISMATCH', (p) => cell.step({ ...p, kernel: tf.zeros([2, 12]) as tf.Tensor2D }, tf.ones([1, 2]) as tf.Tensor2D, cell.zeroState(1))],
      ['a bias of the wrong shape', /bias must have shape \[16\], got \[12\]/, 'SHAPE_MISMATCH', (p) => cell.step({ ...p, bias: tf.zeros([12]) as tf.Tensor1D }, tf.ones([1, 2]) as tf.Tensor2D, cell.zeroState(1))],
      ['an int32 input', /input x_t must have dtype float32, got int32/, 'INVALID_ARGUMENT', (p) => cell.step(p, tf.ones([1, 2], 'int32') as tf.Tensor2D, cell.zeroState(1))],
      ['a plain array input', /input x_t must be a tf.Tensor, got an array/, 'INVALID_ARGUMENT', (p) => cell.step(p, [[1, 2]] as unknown as tf.Tensor2D, cell.zeroState(1))],
    ];
    for (const [label, message, code, call] of cases) {
      it(label, () => {
        const p = cell.initParams(createRng(1));
        const before = tf.memory().numTensors;
        let caught: unknown;
        tf.tidy(() => {
          try {
            call(p);
          } catch (e) {
            caught = e;
          }
        });
        expect(caught).toBeInstanceOf(RnnkitError);
        expect((caught as RnnkitError).code).toBe(code);
        expect((caught as RnnkitError).message).toMatch(/^LSTM cell: /);
        expect((caught as RnnkitError).message).toMatch(message);
        expect(tf.memory().numTensors).toBe(before);
        disposeParams(p);
      });
    }

    it('a disposed weight', () => {
      const p = cell.initParams(createRng(1));
      p.kernel.dispose();
      expect(() => tf.tidy(() => cell.step(p, tf.ones([1, 2]) as tf.Tensor2D, cell.zeroState(1)).output)).toThrow(/LSTM cell: kernel \[2, 16\] has been disposed/);
      tf.dispose([p.recurrentKernel, p.bias]);
    });

    it('bad options', () => {
      expect(() => lstmCell({ units: 0, inputSize: 2 })).toThrow(/lstmCell: units must be a positive integer, got 0/);
      expect(() => lstmCell({ units: 2, inputSize: 2, activation: 'softmax' as 'tanh' })).toThrow(RnnkitError);
    });
  });
});
