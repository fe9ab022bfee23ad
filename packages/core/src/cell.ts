// The contract every recurrent cell meets: a params factory plus a pure forward step,
// with the analytic backward step beside it. Layers loop the step over time; @rnnkit/train's
// BPTT loops the backward step from t = T−1 down to 0.

import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/** Keras class names of the cells rnnkit implements. */
export type CellKind = 'SimpleRNN' | 'LSTM' | 'GRU';

/**
 * Activation names a cell accepts (Keras spelling, as written into saved files).
 * `'hard_sigmoid'` is Keras 2's and tf.layers' clip(0.2·x + 0.5, 0, 1).
 */
export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'hard_sigmoid' | 'linear';

/**
 * Weights of a cell, in Keras's layout: `kernel [inputSize, G·units]`,
 * `recurrentKernel [units, G·units]`, `bias [G·units]` (GRU with `resetAfter`: `[2, 3·units]`).
 */
export type CellParams = {
  kernel: Tensor2D;
  recurrentKernel: Tensor2D;
  bias: Tensor1D | Tensor2D;
};

/** Gradients of a loss with respect to each cell weight, same shapes as {@link CellParams}. */
export type CellParamGradients = CellParams;

/** Options for one forward step. */
export interface CellStepOptions {
  /**
   * Recurrent dropout: a `[batch, units]` mask (already scaled by 1/(1−rate)) multiplied into
   * the previous hidden state where it enters the recurrent matmul only (Keras semantics).
   * @default undefined (no recurrent dropout)
   */
  recurrentMask?: Tensor2D;
}

/** What one forward step returns. */
// A type alias (not an interface) so results can be returned from `tf.tidy`.
export type CellStepResult<Cache> = {
  /** The step's output `[batch, units]` (equal to the new hidden state h_t). */
  output: Tensor2D;
  /** The new state: `[h]` for SimpleRNN and GRU, `[h, c]` for LSTM. */
  state: Tensor2D[];
  /** What the backward step needs (inputs and activations of this step). */
  cache: Cache;
};

/** What one backward step returns. */
// A type alias (not an interface) so results can be returned from `tf.tidy`.
export type CellBackwardResult = {
  /** ∂L/∂x_t, `[batch, inputSize]`. */
  dx: Tensor2D;
  /** ∂L/∂state_{t−1}, one tensor per state tensor. */
  dState: Tensor2D[];
  /** This step's contribution to ∂L/∂params (BPTT sums these over t). */
  dParams: CellParamGradients;
};

/** Serializable settings of a cell (Keras config names in camelCase). */
export interface CellConfig {
  kind: CellKind;
  units: number;
  inputSize: number;
  activation: Activation;
  recurrentActivation?: Activation;
  useBias: boolean;
  unitForgetBias?: boolean;
  resetAfter?: boolean;
}

/**
 * A recurrent cell. `step` is pure: it reads params and state, returns new tensors, and never
 * mutates or disposes its inputs. Call it inside `tf.tidy`.
 */
export interface RecurrentCell<Cache = unknown> {
  readonly kind: CellKind;
  readonly units: number;
  readonly inputSize: number;
  /** Width of each state tensor: `[units]` or, for LSTM, `[units, units]` (h, c). */
  readonly stateSizes: readonly number[];
  /** Number of fused gate blocks G in the kernels (1, 4 or 3). */
  readonly gateCount: number;
  readonly config: Readonly<CellConfig>;
  /** Shapes of each weight, Keras layout. */
  paramShapes(): { kernel: [number, number]; recurrentKernel: [number, number]; bias: number[] };
  /** Fresh weights: glorotUniform kernel, orthogonal recurrent kernel, zero (or unit-forget) bias. */
  initParams(rng: Rng): CellParams;
  /** Zero state for a batch. */
  zeroState(batchSize: number): Tensor2D[];
  /** One time step forward. */
  step(params: CellParams, x: Tensor2D, state: readonly Tensor2D[], options?: CellStepOptions): CellStepResult<Cache>;
  /**
   * One time step backward: given ∂L/∂h_t from above (`dOutput`) and ∂L/∂state_t from the
   * next step (`dState`), returns ∂L/∂x_t, ∂L/∂state_{t−1} and this step's weight gradients.
   */
  backward(params: CellParams, cache: Cache, dOutput: Tensor2D | null, dState: readonly (Tensor2D | null)[]): CellBackwardResult;
}

/** Any tensor-valued map, used when a cache is handed around generically. */
export type TensorMap = Record<string, Tensor>;
