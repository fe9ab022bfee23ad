// Elman recurrent cell (Keras `SimpleRNNCell`).
//
//   forward:   z_t = x_t·W + (h_{t−1} ⊙ m)·U + b        h_t = φ(z_t)
//   backward:  dh  = ∂L/∂y_t + ∂L/∂h_t (from step t+1)
//              dz  = dh ⊙ φ'(z_t)          (φ' from h_t: tanh → 1 − h², relu → [h > 0])
//              dx_t = dz·Wᵀ    dh_{t−1} = (dz·Uᵀ) ⊙ m
//              dW = x_tᵀ·dz    dU = (h_{t−1} ⊙ m)ᵀ·dz    db = Σ_batch dz
//
// m is the optional recurrent-dropout mask (1 without dropout). One gate block: G = 1.
// Weights: kernel W [inputSize, units], recurrentKernel U [units, units], bias b [units].

import { add, mul } from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { activate, activationGradFromOutput, checkActivation } from '../activations.js';
import type { Activation, RecurrentCell } from '../cell.js';
import { checkPositiveInt } from '../check.js';
import { zeros } from '../init/zeros.js';
import { affine, affineBackward } from './affine.js';
import { cellScaffold, openStep } from './cell-scaffold.js';
import type { ScaffoldSpec } from './cell-scaffold.js';
import { incomingGradient } from './incoming-gradient.js';

/** Options of {@link simpleRnnCell}. */
export interface SimpleRnnCellOptions {
  /** Width of the hidden state. */
  units: number;
  /** Number of input features per time step. */
  inputSize: number;
  /**
   * Nonlinearity φ.
   * @default 'tanh'
   */
  activation?: Extract<Activation, 'tanh' | 'relu'>;
  /**
   * Add a bias vector.
   * @default true
   */
  useBias?: boolean;
}

/** What the backward step of a SimpleRNN needs from its forward step. */
// A type alias (not an interface) so a step result can be returned from `tf.tidy`.
export type SimpleRnnCache = {
  x: Tensor2D;
  hPrevMasked: Tensor2D;
  h: Tensor2D;
  /** The recurrent-dropout mask m, if the step had one. */
  recurrentMask: Tensor2D | undefined;
};

/**
 * An Elman RNN cell: h_t = φ(x_t·W + h_{t−1}·U + b).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { simpleRnnCell, createRng } from '@rnnkit/core';
 *
 * const cell = simpleRnnCell({ units: 8, inputSize: 3 });
 * const params = cell.initParams(createRng(1));
 * const { output } = tf.tidy(() => cell.step(params, tf.ones([2, 3]), cell.zeroState(2)));
 * ```
 */
export function simpleRnnCell(options: SimpleRnnCellOptions): RecurrentCell<SimpleRnnCache> {
  const { units, inputSize, activation = 'tanh', useBias = true } = options;
  checkPositiveInt('simpleRnnCell', 'units', units);
  checkPositiveInt('simpleRnnCell', 'inputSize', inputSize);
  const phi = checkActivation('simpleRnnCell', activation);
  const spec: ScaffoldSpec = { kind: 'SimpleRNN', where: 'SimpleRNN cell', inputSize, units, gateCount: 1, stateCount: 1, biasShape: [units] };

  return {
    ...cellScaffold(spec),
    config: { kind: 'SimpleRNN', units, inputSize, activation: phi, useBias },

    step(params, x, state, stepOptions = {}) {
      const { hPrevMasked, mask } = openStep(spec, params, x, state, stepOptions);
      const z: Tensor2D = add(affine(x, params.kernel, useBias ? (params.bias as Tensor1D) : null), affine(hPrevMasked, params.recurrentKernel));
      const h = activate(phi, z);
      return { output: h, state: [h], cache: { x, hPrevMasked, h, recurrentMask: mask } };
    },

    backward(params, cache, dOutput, dState) {
      const dh = incomingGradient(dOutput, dState[0], [cache.x.shape[0], units]);
      const dz: Tensor2D = mul(dh, activationGradFromOutput(phi, cache.h));
      const input = affineBackward(cache.x, params.kernel, dz, useBias);
      const recurrent = affineBackward(cache.hPrevMasked, params.recurrentKernel, dz, false);
      return {
        dx: input.dx,
        dState: [cache.recurrentMask ? mul<Tensor2D>(recurrent.dx, cache.recurrentMask) : recurrent.dx],
        dParams: { kernel: input.dWeight, recurrentKernel: recurrent.dWeight, bias: input.dBias ?? (zeros([units]) as Tensor1D) },
      };
    },
  };
}
