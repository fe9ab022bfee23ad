// Gated recurrent unit (Cho et al. 2014), as Keras's `GRUCell`, in both of Keras's forms.
// Gate order of the fused kernels: z, r, h (update, reset, candidate — Keras's).
//
//   forward:   hm = h_{t−1} ⊙ m                          (m: recurrent-dropout mask, else 1)
//              [x_z | x_r | x_h] = x_t·W + b_in
//              resetAfter = false (Cho v3; tf.layers):    b_in = b [3·units], no b_rec
//                  z = σ(x_z + hm·U_z)    r = σ(x_r + hm·U_r)    ĥ = φ(x_h + (r ⊙ hm)·U_h)
//              resetAfter = true (Cho v1; Keras's default, cuDNN, PyTorch): b = [b_in; b_rec] [2, 3·units]
//                  [u_z | u_r | u_h] = hm·U + b_rec
//                  z = σ(x_z + u_z)       r = σ(x_r + u_r)       ĥ = φ(x_h + r ⊙ u_h)
//              h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ
//   backward:  dh = ∂L/∂y_t + ∂L/∂h_t (from step t+1)
//              dâ = dh ⊙ (1 − z) ⊙ φ'(ĥ)      da_z = dh ⊙ (h_{t−1} − ĥ) ⊙ σ'(z)
//              resetAfter = false:  d(r⊙hm) = dâ·U_hᵀ    da_r = d(r⊙hm) ⊙ hm ⊙ σ'(r)
//                  dhm = d(r⊙hm) ⊙ r + [da_z | da_r]·[U_z | U_r]ᵀ
//                  dU = [hmᵀ·[da_z | da_r] | (r⊙hm)ᵀ·dâ]
//              resetAfter = true:   da_r = dâ ⊙ u_h ⊙ σ'(r)     du = [da_z | da_r | dâ ⊙ r]
//                  dhm = du·Uᵀ    dU = hmᵀ·du    db_rec = Σ_batch du
//              da = [da_z | da_r | dâ]:   dx_t = da·Wᵀ    dW = x_tᵀ·da    db_in = Σ_batch da
//              dh_{t−1} = dh ⊙ z + dhm ⊙ m
//
// The mask m enters the recurrent matmuls only; the carry z ⊙ h_{t−1} uses the unmasked state
// (Keras 3; tf.layers also masks the carry). σ: `recurrentActivation`, φ: `activation`. G = 3.

import { add, concat, mul, split, squeeze, stack, sub } from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { activate, activationGradFromOutput, checkActivation } from '../activations.js';
import type { Activation, CellParams, RecurrentCell } from '../cell.js';
import { checkPositiveInt } from '../check.js';
import { zeros } from '../init/zeros.js';
import { affine, affineBackward } from './affine.js';
import { cellScaffold, openStep } from './cell-scaffold.js';
import type { ScaffoldSpec } from './cell-scaffold.js';
import { incomingGradient } from './incoming-gradient.js';

/** Options of {@link gruCell}. */
export interface GruCellOptions {
  /** Width of the hidden state. */
  units: number;
  /** Number of input features per time step. */
  inputSize: number;
  /**
   * φ, applied to the candidate ĥ.
   * @default 'tanh'
   */
  activation?: Activation;
  /**
   * σ, applied to the gates z and r. Keras 2+ and rnnkit default to sigmoid; tf.layers defaults to
   * `'hard_sigmoid'` = clip(0.2·x + 0.5, 0, 1), which matches models saved by tf.layers with default settings.
   * @default 'sigmoid'
   */
  recurrentActivation?: Activation;
  /**
   * Add bias vectors.
   * @default true
   */
  useBias?: boolean;
  /**
   * Apply the reset gate after the recurrent matmul, with separate input and recurrent biases
   * (bias `[2, 3·units]`): Keras's default since TF 2, the cuDNN and PyTorch form. `false` is the
   * original form that tf.layers implements (bias `[3·units]`).
   * @default true
   */
  resetAfter?: boolean;
}

/** What the backward step of a GRU needs from its forward step. */
// A type alias (not an interface) so a step result can be returned from `tf.tidy`.
export type GruCache = {
  x: Tensor2D;
  hPrev: Tensor2D;
  hPrevMasked: Tensor2D;
  z: Tensor2D;
  r: Tensor2D;
  /** The candidate ĥ. */
  candidate: Tensor2D;
  /** resetAfter: u_h = hm·U_h + b_rec,h (what r multiplies); otherwise r ⊙ hm. */
  resetInput: Tensor2D;
  /** The recurrent-dropout mask m, if the step had one. */
  recurrentMask: Tensor2D | undefined;
};

/**
 * A GRU cell (Keras `GRUCell`, gate order z, r, h) with `resetAfter` true (Keras/cuDNN/PyTorch)
 * or false (tf.layers). State is `[h]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { gruCell, createRng } from '@rnnkit/core';
 *
 * const cell = gruCell({ units: 8, inputSize: 3 }); // resetAfter: true, bias [2, 24]
 * const params = cell.initParams(createRng(1));
 * const h = tf.tidy(() => cell.step(params, tf.ones([2, 3]), cell.zeroState(2)).output);
 * ```
 */
export function gruCell(options: GruCellOptions): RecurrentCell<GruCache> {
  const { units, inputSize, activation = 'tanh', recurrentActivation = 'sigmoid', useBias = true, resetAfter = true } = options;
  checkPositiveInt('gruCell', 'units', units);
  checkPositiveInt('gruCell', 'inputSize', inputSize);
  const phi = checkActivation('gruCell', activation);
  const sigma = checkActivation('gruCell', recurrentActivation);
  const biasShape = resetAfter ? [2, 3 * units] : [3 * units];
  const biasHint = resetAfter
    ? 'resetAfter: true keeps input and recurrent biases as [2, 3·units] (Keras); a [3·units] bias (tf.layers) needs resetAfter: false'
    : 'resetAfter: false takes one [3·units] bias (tf.layers); a [2, 3·units] bias (Keras default) needs resetAfter: true';
  const spec: ScaffoldSpec = { kind: 'GRU', where: 'GRU cell', inputSize, units, gateCount: 3, stateCount: 1, biasShape, biasHint };

  /** [b_in, b_rec] (b_rec null without resetAfter), or nulls without bias. */
  const biases = (bias: CellParams['bias']): [Tensor1D | null, Tensor1D | null] => {
    if (!useBias) return [null, null];
    if (!resetAfter) return [bias as Tensor1D, null];
    const [bIn, bRec] = split(bias, 2, 0).map((b) => squeeze(b, [0]) as Tensor1D) as [Tensor1D, Tensor1D];
    return [bIn, bRec];
  };

  const cell: RecurrentCell<GruCache> = {
    ...cellScaffold(spec),
    config: { kind: 'GRU', units, inputSize, activation: phi, recurrentActivation: sigma, useBias, resetAfter },

    step(params, x, state, stepOptions = {}) {
      const { hPrev, hPrevMasked, mask } = openStep(spec, params, x, state, stepOptions);
      const [bIn, bRec] = biases(params.bias);
      const [xz, xr, xh] = split(affine(x, params.kernel, bIn), 3, 1) as [Tensor2D, Tensor2D, Tensor2D];
      let z: Tensor2D, r: Tensor2D, candidate: Tensor2D, resetInput: Tensor2D;
      if (resetAfter) {
        const [uz, ur, uh] = split(affine(hPrevMasked, params.recurrentKernel, bRec), 3, 1) as [Tensor2D, Tensor2D, Tensor2D];
        z = activate(sigma, add(xz, uz));
        r = activate(sigma, add(xr, ur));
        resetInput = uh;
        candidate = activate(phi, add(xh, mul(r, uh)));
      } else {
        const [uzr, uh] = split(params.recurrentKernel, [2 * units, units], 1) as [Tensor2D, Tensor2D];
        const [uz, ur] = split(affine(hPrevMasked, uzr), 2, 1) as [Tensor2D, Tensor2D];
        z = activate(sigma, add(xz, uz));
        r = activate(sigma, add(xr, ur));
        resetInput = mul(r, hPrevMasked);
        candidate = activate(phi, add(xh, affine(resetInput, uh)));
      }
      const h: Tensor2D = add(mul(z, hPrev), mul(sub(1, z), candidate));
      return { output: h, state: [h], cache: { x, hPrev, hPrevMasked, z, r, candidate, resetInput, recurrentMask: mask } };
    },

    backward(params, cache, dOutput, dState) {
      const { x, hPrev, z, candidate, recurrentMask } = cache;
      const dh = incomingGradient(dOutput, dState[0], [x.shape[0], units]);
      const dCandidate: Tensor2D = mul(mul(dh, sub(1, z)), activationGradFromOutput(phi, candidate));
      const daz: Tensor2D = mul(mul(dh, sub(hPrev, candidate)), activationGradFromOutput(sigma, z));
      const recurrent = resetAfter
        ? recurrentBackwardResetAfter(params.recurrentKernel, cache, daz, dCandidate)
        : recurrentBackwardResetBefore(params.recurrentKernel, cache, daz, dCandidate);
      const input = affineBackward(x, params.kernel, concat([daz, recurrent.dar, dCandidate], 1), useBias);
      const dhPrev: Tensor2D = add(mul(dh, z), recurrentMask ? mul(recurrent.dhm, recurrentMask) : recurrent.dhm);
      let dBias: Tensor1D | Tensor2D;
      if (!useBias) dBias = zeros(biasShape) as Tensor1D | Tensor2D;
      else if (resetAfter) dBias = stack([input.dBias as Tensor1D, recurrent.dBiasRecurrent as Tensor1D]) as Tensor2D;
      else dBias = input.dBias as Tensor1D;
      return { dx: input.dx, dState: [dhPrev], dParams: { kernel: input.dWeight, recurrentKernel: recurrent.dKernel, bias: dBias } };
    },
  };
  return cell;

  /** resetAfter: du = [da_z | da_r | dâ ⊙ r] flows into u = hm·U + b_rec. */
  function recurrentBackwardResetAfter(u: Tensor2D, cache: GruCache, daz: Tensor2D, dCandidate: Tensor2D): RecurrentGradients {
    const dar: Tensor2D = mul(mul(dCandidate, cache.resetInput), activationGradFromOutput(sigma, cache.r));
    const back = affineBackward(cache.hPrevMasked, u, concat([daz, dar, mul<Tensor2D>(dCandidate, cache.r)], 1), useBias);
    return { dar, dhm: back.dx, dKernel: back.dWeight, dBiasRecurrent: back.dBias };
  }

  /** resetAfter = false: dâ flows through (r ⊙ hm)·U_h, [da_z | da_r] through hm·[U_z | U_r]. */
  function recurrentBackwardResetBefore(u: Tensor2D, cache: GruCache, daz: Tensor2D, dCandidate: Tensor2D): RecurrentGradients {
    const [uzr, uh] = split(u, [2 * units, units], 1) as [Tensor2D, Tensor2D];
    const candidatePath = affineBackward(cache.resetInput, uh, dCandidate, false); // dx = ∂L/∂(r ⊙ hm)
    const dar: Tensor2D = mul(mul(candidatePath.dx, cache.hPrevMasked), activationGradFromOutput(sigma, cache.r));
    const gatePath = affineBackward(cache.hPrevMasked, uzr, concat([daz, dar], 1), false);
    return {
      dar,
      dhm: add<Tensor2D>(mul(candidatePath.dx, cache.r), gatePath.dx),
      dKernel: concat([gatePath.dWeight, candidatePath.dWeight], 1),
      dBiasRecurrent: null,
    };
  }
}

/** What the recurrent half of a GRU backward step hands to the shared tail. */
interface RecurrentGradients {
  dar: Tensor2D;
  dhm: Tensor2D;
  dKernel: Tensor2D;
  dBiasRecurrent: Tensor1D | null;
}
