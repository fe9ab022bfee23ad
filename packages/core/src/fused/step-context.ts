// What a cell's fused forward and backward step see: the trace being filled (or read), the
// step index k, sizes, and the scratch rows the drivers own. Offsets are in elements.

import type { FusedMath, SequenceTrace } from './sequence-types.js';

export type StepContext = {
  math: FusedMath;
  trace: SequenceTrace;
  /** B, U, G·U. */
  batch: number;
  units: number;
  width: number;
  /** Backward only: Uᵀ [G·U × U] (transposed once per sequence). */
  recurrentT: Float32Array;
};

/** Backward rows of one step, each [B·U] unless noted. */
export type BackwardRows = {
  /** ∂L/∂h′_k reaching the cell (m_k ⊙ (gO + gS_h)). */
  dh: Float32Array;
  /** LSTM: ∂L/∂c′_k from step k+1 (m_k ⊙ gS_c). */
  dc: Float32Array;
  /** Out: ∂L/∂h_{k−1} through paths that bypass the recurrent matmul (GRU: dh ⊙ z). */
  dhDirect: Float32Array;
  /** Out: ∂L/∂(h_{k−1} ⊙ m_rec), the recurrent matmul's input gradient. */
  dhm: Float32Array;
  /** Out: LSTM ∂L/∂c_{k−1}. */
  dcPrev: Float32Array;
  /** Out: rows of ∂L/∂(input-side pre-activation) for step k live in dA at k·B·G·U. */
  dA: Float32Array;
  /** Out: recurrent-side pre-activation gradient (GRU resetAfter; otherwise the same array as dA). */
  dAu: Float32Array;
  /** [B·U] scratch. */
  tmp: Float32Array;
};

/** dhm = dAu_k · Uᵀ: ∂L/∂(recurrent matmul input) of step k. */
export function recurrentInputGradient(ctx: StepContext, k: number, rows: BackwardRows): void {
  const { batch, units, width } = ctx;
  ctx.math.gemm(false, batch, units, width, rows.dAu, k * batch * width, width, ctx.recurrentT, 0, units, rows.dhm, 0, units, false);
}
