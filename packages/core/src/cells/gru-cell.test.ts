import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellParams } from '../cell.js';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { expectGradientsMatch } from './__fixtures__/gradient-check.js';
import { referenceSequence } from './__fixtures__/reference-cells.js';
import type { Matrix, ReferenceParams } from './__fixtures__/reference-cells.js';
import { expectTfLayerParity, maxAbsDiff, unroll } from './__fixtures__/sequence.js';
import { gruCell } from './gru-cell.js';
import type { GruCellOptions } from './gru-cell.js';

beforeAll(useCpuBackend);

const disposeParams = (p: CellParams): void => tf.dispose([p.kernel, p.recurrentKernel, p.bias]);

/** initParams with a random (non-zero) bias of the cell's shape. */
function paramsWithBias(options: GruCellOptions, seed: number, biasStd = 0.5): CellParams {
  const cell = gruCell(options);
  const p = cell.initParams(createRng(seed));
  p.bias.dispose();
  return { ...p, bias: tf.randomNormal<tf.Rank>(cell.paramShapes().bias, 0, biasStd, 'float32', seed + 1) as tf.Tensor1D | tf.Tensor2D };
}

describe('gruCell', () => {
  const [batch, steps, inputSize, units] = [3, 7, 4, 5];

  const beforeVariants: [string, Partial<GruCellOptions>][] = [
    ['default', {}],
    ['without bias', { useBias: false }],
    ['relu activation', { activation: 'relu' }],
    ["hard_sigmoid gates (tf.layers' default)", { recurrentActivation: 'hard_sigmoid' }],
    ['hard_sigmoid gates and activation', { activation: 'hard_sigmoid', recurrentActivation: 'hard_sigmoid' }],
  ];
  for (const [label, extra] of beforeVariants) {
    it(`resetAfter: false matches tf.layers GRU outputs and final h from a given state: ${label}`, () => {
      const options = { units, inputSize, resetAfter: false, ...extra };
      const cell = gruCell(options);
      const p = paramsWithBias(options, 1);
      expectTfLayerParity(cell, p, (settings) => tfl.layers.gru(settings));
      disposeParams(p);
    });
  }

  const afterVariants: [string, Partial<GruCellOptions>][] = [
    ['default', {}],
    ['without bias', { useBias: false }],
    ['relu activation', { activation: 'relu' }],
    ['hard_sigmoid gates', { recurrentActivation: 'hard_sigmoid' }],
  ];
  for (const [label, extra] of afterVariants) {
    it(`resetAfter: true matches the float64 formula (r applied after the recurrent matmul, bias [2, 3·units]): ${label}`, () => {
      const options = { units, inputSize, resetAfter: true, ...extra };
      const cell = gruCell(options);
      const p = paramsWithBias(options, 11);
      expect(p.bias.shape).toEqual([2, 3 * units]);
      const xs = tf.randomNormal([batch, steps, inputSize], 0, 1, 'float32', 13) as tf.Tensor3D;
      const initial = [tf.randomNormal([batch, units], 0, 1, 'float32', 15) as tf.Tensor2D];
      const before = tf.memory().numTensors;

      const ours = unroll(cell, p, xs, initial);
      const reference = referenceSequence(
        cell.config,
        { kernel: p.kernel.arraySync() as Matrix, recurrentKernel: p.recurrentKernel.arraySync() as Matrix, bias: p.bias.arraySync() as Matrix } satisfies ReferenceParams,
        xs.arraySync(),
        initial.map((s) => s.arraySync()),
      );
      const theirs = tf.tensor3d(reference.outputs);
      const finalH = tf.tensor2d(reference.state[0]!);
      expect(maxAbsDiff(ours.outputs, theirs)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(ours.state[0]!, finalH)).toBeLessThanOrEqual(1e-5);
      tf.dispose([ours.outputs, ...ours.state, theirs, finalH]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([xs, ...initial]);
      disposeParams(p);
    });
  }

  it('resetAfter: true and false are different functions of the same kernels', () => {
    const after = gruCell({ units, inputSize });
    const beforeCell = gruCell({ units, inputSize, resetAfter: false });
    const p = after.initParams(createRng(21));
    const pBefore = { ...p, bias: tf.zeros([3 * units]) as tf.Tensor1D };
    const x = tf.randomNormal([batch, inputSize], 0, 1, 'float32', 22) as tf.Tensor2D;
    const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 23) as tf.Tensor2D;
    const [a, b] = [tf.tidy(() => after.step(p, x, [h0]).output), tf.tidy(() => beforeCell.step(pBefore, x, [h0]).output)];
    // With zero biases the two differ only in r ⊙ (h·U_h) versus (r ⊙ h)·U_h.
    expect(maxAbsDiff(a, b)).toBeGreaterThan(1e-3);
    tf.dispose([a, b, x, h0, pBefore.bias]);
    disposeParams(p);
  });

  const gradientCases: [string, Partial<GruCellOptions>, { withMask?: boolean; noOutputGradient?: boolean }][] = [];
  for (const resetAfter of [true, false]) {
    gradientCases.push(
      [`resetAfter: ${resetAfter}`, { resetAfter }, {}],
      [`resetAfter: ${resetAfter}, with a recurrent-dropout mask (matmuls only, carry unmasked)`, { resetAfter }, { withMask: true }],
      [`resetAfter: ${resetAfter}, with no output gradient`, { resetAfter }, { noOutputGradient: true }],
      [`resetAfter: ${resetAfter}, without bias`, { resetAfter, useBias: false }, {}],
    );
  }
  for (const [label, extra, options] of gradientCases) {
    it(`backward step equals tf.grads and float64 central differences: ${label}`, () => {
      const cellOptions = { units: 4, inputSize: 3, ...extra };
      const cell = gruCell(cellOptions);
      const p = paramsWithBias(cellOptions, 7);
      expectGradientsMatch(cell, p, { seed: 9, batch: 2, ...options });
      disposeParams(p);
    });
  }

  for (const resetAfter of [true, false]) {
    const hardCases: [string, Partial<GruCellOptions>, { withMask?: boolean; noOutputGradient?: boolean }][] = [
      [`resetAfter: ${resetAfter}, hard_sigmoid gates`, { resetAfter, recurrentActivation: 'hard_sigmoid' }, {}],
      [`resetAfter: ${resetAfter}, hard_sigmoid gates, with a recurrent-dropout mask`, { resetAfter, recurrentActivation: 'hard_sigmoid' }, { withMask: true }],
    ];
    for (const [label, extra, options] of hardCases) {
      it(`backward step equals tf.grads and float64 central differences on both the slope and the clipped parts: ${label}`, () => {
        const cellOptions = { units: 4, inputSize: 3, ...extra };
        const cell = gruCell(cellOptions);
        // A wide bias puts some gate inputs beyond ±2.5 (clipped, derivative 0) and keeps others on the slope.
        const p = paramsWithBias(cellOptions, 7, 3);
        const { activationInputs } = expectGradientsMatch(cell, p, { seed: 9, batch: 2, ...options });
        const inputs = activationInputs['hard_sigmoid'] ?? [];
        expect(inputs.filter((v) => Math.abs(v) > 2.5).length).toBeGreaterThanOrEqual(3);
        expect(inputs.filter((v) => Math.abs(v) < 2.5).length).toBeGreaterThanOrEqual(3);
        disposeParams(p);
      });
    }
  }

  it('initializes Keras-style: glorot kernel [in, 3u], orthogonal recurrent kernel [u, 3u], zero bias', () => {
    for (const resetAfter of [true, false]) {
      const cell = gruCell({ units: 3, inputSize: 2, resetAfter });
      const p = cell.initParams(createRng(4));
      expect([p.kernel.shape, p.recurrentKernel.shape, p.bias.shape]).toEqual([[2, 9], [3, 9], resetAfter ? [2, 9] : [9]]);
      expect(Array.from(p.bias.dataSync())).toEqual(new Array(resetAfter ? 18 : 9).fill(0));
      expect(tf.tidy(() => maxAbsDiff(tf.matMul(p.recurrentKernel, p.recurrentKernel, false, true), tf.eye(3)))).toBeLessThanOrEqual(1e-6);
      disposeParams(p);
    }
  });

  it('explains the two bias layouts when a tf.layers bias meets resetAfter: true', () => {
    const cell = gruCell({ units: 4, inputSize: 2 });
    const p = cell.initParams(createRng(1));
    const wrong = { ...p, bias: tf.zeros([12]) as tf.Tensor1D };
    const x = tf.ones([1, 2]) as tf.Tensor2D;
    let caught: unknown;
    try {
      tf.tidy(() => cell.step(wrong, x, cell.zeroState(1)).output);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RnnkitError);
    expect((caught as RnnkitError).code).toBe('RANK_MISMATCH');
    expect((caught as RnnkitError).message).toMatch(/^GRU cell: bias must have rank 2 \[2, 12\], got rank 1 \[12\]; resetAfter: true keeps/);
    tf.dispose([wrong.bias, x]);
    disposeParams(p);
  });
});
