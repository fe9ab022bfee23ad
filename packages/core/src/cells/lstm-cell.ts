// Long short-term memory cell (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et
// al. 2000), as Keras's `LSTMCell`. Gate order of the fused kernels: i, f, c, o (Keras's).
//
//   forward:   a = x_t·W + (h_{t−1} ⊙ m)·U + b          a = [a_i | a_f | a_c | a_o]
//              i = σ(a_i)   f = σ(a_f)   g = φ(a_c)   o = σ(a_o)
//              c_t = f ⊙ c_{t−1} + i ⊙ g                h_t = o ⊙ φ(c_t)
//   backward:  dh  = ∂L/∂y_t + ∂L/∂h_t (from step t+1)
//              do  = dh ⊙ φ(c_t)
//              dc  = ∂L/∂c_t (from step t+1) + dh ⊙ o ⊙ φ'(c_t)
//              di  = dc ⊙ g    df = dc ⊙ c_{t−1}    dg = dc ⊙ i    dc_{t−1} = dc ⊙ f
//              da  = [di ⊙ σ'(i) | df ⊙ σ'(f) | dg ⊙ φ'(g) | do ⊙ σ'(o)]
//              dx_t = da·Wᵀ    dh_{t−1} = (da·Uᵀ) ⊙ m
//              dW = x_tᵀ·da    dU = (h_{t−1} ⊙ m)ᵀ·da    db = Σ_batch da
//
// σ is `recurrentActivation` (sigmoid, or hard_sigmoid as tf.layers' default), φ is `activation`
// (tanh); both derivatives are taken from the activations' outputs. m is the optional
// recurrent-dropout mask. G = 4.
// Weights: kernel W [inputSize, 4·units], recurrentKernel U [units, 4·units], bias b [4·units].

import { add, concat, mul, split } from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { activate, activationGradFromOutput, checkActivation } from '../activations.js';
import type { Activation, RecurrentCell } from '../cell.js';
import { checkPositiveInt } from '../check.js';
import { unitForgetBias as unitForgetBiasInit, zeros } from '../init/zeros.js';
import { affine, affineBackward } from './affine.js';
import { cellScaffold, openStep } from './cell-scaffold.js';
import type { ScaffoldSpec } from './cell-scaffold.js';
import { incomingGradient } from './incoming-gradient.js';

/** Options of {@link lstmCell}. */
export interface LstmCellOptions {
  /** Width of the hidden state h and the cell state c. */
  units: number;
  /** Number of input features per time step. */
  inputSize: number;
  /**
   * φ, applied to the candidate g and to c_t before the output gate.
   * @default 'tanh'
   */
  activation?: Activation;
  /**
   * σ, applied to the gates i, f, o. Keras 2+ and rnnkit default to sigmoid; tf.layers defaults to
   * `'hard_sigmoid'` = clip(0.2·x + 0.5, 0, 1), which matches models saved by tf.layers with default settings.
   * @default 'sigmoid'
   */
  recurrentActivation?: Activation;
  /**
   * Add a bias vector.
   * @default true
   */
  useBias?: boolean;
  /**
   * `initParams` sets the forget-gate bias to 1 (Jozefowicz et al. 2015), as Keras does.
   * @default true
   */
  unitForgetBias?: boolean;
}

/** What the backward step of an LSTM needs from its forward step. */
// A type alias (not an interface) so a step result can be returned from `tf.tidy`.
export type LstmCache = {
  x: Tensor2D;
  hPrevMasked: Tensor2D;
  cPrev: Tensor2D;
  i: Tensor2D;
  f: Tensor2D;
  g: Tensor2D;
  o: Tensor2D;
  /** φ(c_t). */
  cActivated: Tensor2D;
  /** The recurrent-dropout mask m, if the step had one. */
  recurrentMask: Tensor2D | undefined;
};

/**
 * An LSTM cell (Keras `LSTMCell`, gate order i, f, c, o). State is `[h, c]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { lstmCell, createRng } from '@rnnkit/core';
 *
 * const cell = lstmCell({ units: 8, inputSize: 3 });
 * const params = cell.initParams(createRng(1));
 * const { output, state } = tf.tidy(() => {
 *   const r = cell.step(params, tf.ones([2, 3]), cell.zeroState(2));
 *   return { output: r.output, state: r.state }; // state = [h, c]
 * });
 * ```
 */
export function lstmCell(options: LstmCellOptions): RecurrentCell<LstmCache> {
  const { units, inputSize, activation = 'tanh', recurrentActivation = 'sigmoid', useBias = true, unitForgetBias = true } = options;
  checkPositiveInt('lstmCell', 'units', units);
  checkPositiveInt('lstmCell', 'inputSize', inputSize);
  const phi = checkActivation('lstmCell', activation);
  const sigma = checkActivation('lstmCell', recurrentActivation);
  const spec: ScaffoldSpec = {
    kind: 'LSTM',
    where: 'LSTM cell',
    inputSize,
    units,
    gateCount: 4,
    stateCount: 2,
    biasShape: [4 * units],
    initialBias: () => (useBias && unitForgetBias ? unitForgetBiasInit(units) : (zeros([4 * units]) as Tensor1D)),
  };

  return {
    ...cellScaffold(spec),
    config: { kind: 'LSTM', units, inputSize, activation: phi, recurrentActivation: sigma, useBias, unitForgetBias },

    step(params, x, state, stepOptions = {}) {
      const { hPrevMasked, mask } = openStep(spec, params, x, state, stepOptions);
      const cPrev = state[1] as Tensor2D;
      const a: Tensor2D = add(affine(x, params.kernel, useBias ? (params.bias as Tensor1D) : null), affine(hPrevMasked, params.recurrentKernel));
      const [ai, af, ac, ao] = split(a, 4, 1) as [Tensor2D, Tensor2D, Tensor2D, Tensor2D];
      const i = activate(sigma, ai);
      const f = activate(sigma, af);
      const g = activate(phi, ac);
      const o = activate(sigma, ao);
      const c: Tensor2D = add(mul(f, cPrev), mul(i, g));
      const cActivated = activate(phi, c);
      const h: Tensor2D = mul(o, cActivated);
      return { output: h, state: [h, c], cache: { x, hPrevMasked, cPrev, i, f, g, o, cActivated, recurrentMask: mask } };
    },

    backward(params, cache, dOutput, dState) {
      const { x, hPrevMasked, cPrev, i, f, g, o, cActivated, recurrentMask } = cache;
      const dh = incomingGradient(dOutput, dState[0], [x.shape[0], units]);
      const dcFromH: Tensor2D = mul(mul(dh, o), activationGradFromOutput(phi, cActivated));
      const dc: Tensor2D = dState[1] ? add(dState[1], dcFromH) : dcFromH;
      const dai: Tensor2D = mul(mul(dc, g), activationGradFromOutput(sigma, i));
      const daf: Tensor2D = mul(mul(dc, cPrev), activationGradFromOutput(sigma, f));
      const dac: Tensor2D = mul(mul(dc, i), activationGradFromOutput(phi, g));
      const dao: Tensor2D = mul(mul(dh, cActivated), activationGradFromOutput(sigma, o));
      const da = concat([dai, daf, dac, dao], 1);
      const input = affineBackward(x, params.kernel, da, useBias);
      const recurrent = affineBackward(hPrevMasked, params.recurrentKernel, da, false);
      return {
        dx: input.dx,
        dState: [recurrentMask ? mul<Tensor2D>(recurrent.dx, recurrentMask) : recurrent.dx, mul<Tensor2D>(dc, f)],
        dParams: { kernel: input.dWeight, recurrentKernel: recurrent.dWeight, bias: input.dBias ?? (zeros([4 * units]) as Tensor1D) },
      };
    },
  };
}
