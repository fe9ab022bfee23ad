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

import { add, matMul, mul, sum, zeros } from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { activate, activationGradFromOutput, checkActivation } from '../activations.js';
import type { Activation, CellParams, RecurrentCell } from '../cell.js';
import { checkPositiveInt, checkShape } from '../check.js';
import { glorotUniform } from '../init/glorot-uniform.js';
import { orthogonal } from '../init/orthogonal.js';
import type { Rng } from '../rng.js';

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
export interface SimpleRnnCache {
  x: Tensor2D;
  hPrevMasked: Tensor2D;
  h: Tensor2D;
  recurrentMask: Tensor2D | null;
}

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
  const where = 'SimpleRNN cell';

  return {
    kind: 'SimpleRNN',
    units,
    inputSize,
    stateSizes: [units],
    gateCount: 1,
    config: { kind: 'SimpleRNN', units, inputSize, activation: phi, useBias },
    paramShapes: () => ({ kernel: [inputSize, units], recurrentKernel: [units, units], bias: [units] }),
    initParams: (rng: Rng): CellParams => ({
      kernel: glorotUniform([inputSize, units], rng) as Tensor2D,
      recurrentKernel: orthogonal([units, units], rng) as Tensor2D,
      bias: zeros([units]) as Tensor1D,
    }),
    zeroState: (batchSize) => [zeros([batchSize, units])],

    step(params, x, state, stepOptions = {}) {
      checkShape(where, 'input x_t', x, [null, inputSize]);
      const hPrev = state[0] as Tensor2D;
      checkShape(where, 'state h', hPrev, [x.shape[0], units]);
      const mask = stepOptions.recurrentMask ?? null;
      const hPrevMasked: Tensor2D = mask ? mul(hPrev, mask) : hPrev;
      let z = add(matMul(x, params.kernel), matMul(hPrevMasked, params.recurrentKernel));
      if (useBias) z = add(z, params.bias);
      const h = activate(phi, z) as Tensor2D;
      return { output: h, state: [h], cache: { x, hPrevMasked, h, recurrentMask: mask } };
    },

    backward(params, cache, dOutput, dState) {
      const dNext = dState[0] ?? null;
      let dh: Tensor2D;
      if (dOutput && dNext) dh = add(dOutput, dNext);
      else dh = (dOutput ?? dNext ?? zeros(cache.h.shape)) as Tensor2D;
      const dz = mul(dh, activationGradFromOutput(phi, cache.h)) as Tensor2D;
      const dx: Tensor2D = matMul(dz, params.kernel, false, true);
      let dhPrev: Tensor2D = matMul(dz, params.recurrentKernel, false, true);
      if (cache.recurrentMask) dhPrev = mul(dhPrev, cache.recurrentMask);
      return {
        dx,
        dState: [dhPrev],
        dParams: {
          kernel: matMul(cache.x, dz, true, false),
          recurrentKernel: matMul(cache.hPrevMasked, dz, true, false),
          bias: useBias ? (sum(dz, 0) as Tensor1D) : (zeros([units]) as Tensor1D),
        },
      };
    },
  };
}
