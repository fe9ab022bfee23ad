// The data a fused sequence kernel works on: plain Float32Arrays in time-major processing
// order (step k of the loop at rows k·B … k·B + B − 1), so one time step of any sequence
// buffer is one contiguous [B × width] block and the input projection of all T steps is one
// [T·B × I] · [I × G·U] matmul.

import type { Activation, CellKind } from '../cell.js';
import type { Gemm } from './gemm.js';

/** Which cell and its sizes and activations. */
export type FusedCellSpec = {
  kind: CellKind;
  units: number;
  inputSize: number;
  /** φ. */
  activation: Activation;
  /** σ (LSTM and GRU). */
  recurrentActivation: Activation;
  /** GRU only: reset applied after the recurrent matmul (bias [2, 3·units]). */
  resetAfter: boolean;
};

/** Everything one forward pass reads. Sizes: B batch, T steps, I input, U units, G gates. */
export type SequenceInput = {
  spec: FusedCellSpec;
  batch: number;
  steps: number;
  /** x̃ [T·B·I], processing order, input dropout already applied. */
  x: Float32Array;
  /** W [I × G·U]. */
  kernel: Float32Array;
  /** U [U × G·U]. */
  recurrentKernel: Float32Array;
  /** Input bias [G·U], or null without bias. */
  biasIn: Float32Array | null;
  /** GRU resetAfter: the recurrent bias [G·U], else null. */
  biasRecurrent: Float32Array | null;
  /** s_{−1}: [h] or [h, c], each [B·U]. */
  initialState: Float32Array[];
  /** m_k per processing step and row [T·B] (1 keep, 0 carry), or null. */
  stepMask: Float32Array | null;
  /** Recurrent dropout mask [B·U] (scaled), or null. */
  recurrentMask: Float32Array | null;
  /** Masked steps output 0 instead of carrying the previous output (inside Bidirectional). */
  zeroOutputForMask: boolean;
  /** The input dropout mask [B·I] already applied to `x` (the backward applies it to dx), or null. */
  inputMask: Float32Array | null;
};

/** What the forward pass keeps for the backward pass (all owned by the trace). */
export type SequenceTrace = {
  input: SequenceInput;
  /** Gate activations per step [T·B·G·U] (LSTM: i f g o; GRU: z r ĥ; SimpleRNN: h′). */
  gates: Float32Array;
  /** States: h_{k} at block k+1, h_{−1} at block 0 — [(T+1)·B·U]. */
  h: Float32Array;
  /** LSTM cell states, laid out as `h`; empty otherwise. */
  c: Float32Array;
  /** LSTM: φ(c′_k) per step [T·B·U]; GRU resetAfter: u_h = hm·U_h + b_rec,h; else empty. */
  extra: Float32Array;
  /** The recurrent matmul's input per step, h_{k−1} ⊙ m_rec [T·B·U] (a view of `h` without recurrent dropout). */
  hm: Float32Array;
  /** GRU resetBefore: r ⊙ hm per step [T·B·U]; empty otherwise. */
  rhm: Float32Array;
  /** o_k per step [T·B·U] (a view of `h` without a step mask). */
  outputs: Float32Array;
  /** s_{T−1}: [h] or [h, c], each [B·U]. */
  finalState: Float32Array[];
};

/** Gradients from the backward pass. */
export type SequenceGradients = {
  /** ∂L/∂x̃ [T·B·I], processing order (the caller applies the input mask and reorders). */
  dx: Float32Array;
  dKernel: Float32Array;
  dRecurrentKernel: Float32Array;
  /** [G·U], or [2·G·U] (input then recurrent) for GRU resetAfter; zeros without bias. */
  dBias: Float32Array;
  dInitialState: Float32Array[];
  /** ‖∂L/∂h_k‖ per processing step (Frobenius over the batch), when asked for. */
  hiddenGradNorms: number[] | null;
};

/**
 * The arithmetic a kernel runs on: a gemm (JS or WASM SIMD), and `constant(array)` to promise
 * that an array will not change while it is in use (the WASM gemm keeps such a B resident).
 */
export type FusedMath = { readonly name: 'js' | 'wasm'; readonly gemm: Gemm; constant(array: Float32Array): void };

/** Gate count G of a cell kind. */
export function gateCount(kind: CellKind): number {
  return kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
}
