// One GRU time step on raw buffers, both of Keras's forms (gate order z, r, h — see
// cells/gru-cell.ts). Forward, a_k already holds x_k·W + b_in:
//   resetAfter:  u = hm·U + b_rec (one gemm into scratch); z = σ(a_z + u_z), r = σ(a_r + u_r),
//                ĥ = φ(a_h + r ⊙ u_h)                    (u_h kept in `extra`)
//   resetBefore: a_zr += hm·U_zr (gemm), z, r; rhm = r ⊙ hm; a_h += rhm·U_h (gemm); ĥ = φ(a_h)
//   h′ = z ⊙ h_{k−1} + (1 − z) ⊙ ĥ
// Backward, with dĥ = dh ⊙ (1 − z) ⊙ φ'(ĥ), da_z = dh ⊙ (h_{k−1} − ĥ) ⊙ σ'(z):
//   resetAfter:  da_r = dĥ ⊙ u_h ⊙ σ'(r); input side [da_z|da_r|dĥ], recurrent side
//                [da_z|da_r|dĥ ⊙ r]; dhm = (recurrent side)·Uᵀ
//   resetBefore: drhm = dĥ·U_hᵀ; da_r = drhm ⊙ hm ⊙ σ'(r); dhm = drhm ⊙ r + [da_z|da_r]·U_zrᵀ
//   dh_{k−1} (direct) = dh ⊙ z

import type { Activation } from '../cell.js';
import { activateRange, scalarDerivative } from './activation-range.js';
import type { BackwardRows, StepContext } from './step-context.js';
import { recurrentInputGradient } from './step-context.js';

export function gruForwardStep(ctx: StepContext, k: number, sigma: Activation, phi: Activation, resetAfter: boolean): void {
  const { batch: B, units: U, width: GU, trace } = ctx;
  const { gates, extra, hm, rhm } = trace;
  const R = trace.recurrentKernel;
  const scratch = trace.scratch;
  const a0 = k * B * GU;
  const s0 = k * B * U;
  // σ/φ over a row range: the SIMD pass where there is one, else JavaScript.
  const act = (kind: Activation, offset: number, n: number): void => {
    if (!ctx.math.gates?.activate(kind, gates, offset, n)) activateRange(kind, gates, offset, n);
  };
  // The SIMD passes (σ sigmoid, φ tanh) need every buffer in the kernels' memory (the streaming
  // stepper's are too; a JS-math trace never reaches here with `gates` set).
  const simd = sigma === 'sigmoid' && phi === 'tanh' ? ctx.math.gates : null;
  if (resetAfter) {
    ctx.math.gemm(false, B, GU, U, hm, s0, U, R, 0, GU, scratch, 0, GU, false);
    if (simd) {
      simd.gruForward(trace, k, 'after');
      return;
    }
    const bRec = trace.input.biasRecurrent;
    for (let b = 0; b < B; b++) {
      const row = a0 + b * GU;
      const u = b * GU;
      for (let j = 0; j < 2 * U; j++) gates[row + j] = (gates[row + j] as number) + (scratch[u + j] as number) + (bRec ? (bRec[j] as number) : 0);
      act(sigma, row, 2 * U);
      const s = s0 + b * U;
      for (let j = 0; j < U; j++) {
        const uh = (scratch[u + 2 * U + j] as number) + (bRec ? (bRec[2 * U + j] as number) : 0);
        extra[s + j] = uh;
        gates[row + 2 * U + j] = (gates[row + 2 * U + j] as number) + (gates[row + U + j] as number) * uh;
      }
      act(phi, row + 2 * U, U);
    }
    blendStates(ctx, k);
    return;
  }
  ctx.math.gemm(false, B, 2 * U, U, hm, s0, U, R, 0, GU, gates, a0, GU, true);
  if (simd) {
    simd.gruForward(trace, k, 'zr');
    ctx.math.gemm(false, B, U, U, rhm, s0, U, R, 2 * U, GU, gates, a0 + 2 * U, GU, true);
    simd.gruForward(trace, k, 'h');
    return;
  }
  for (let b = 0; b < B; b++) {
    const row = a0 + b * GU;
    const s = s0 + b * U;
    act(sigma, row, 2 * U);
    for (let j = 0; j < U; j++) rhm[s + j] = (gates[row + U + j] as number) * (hm[s + j] as number);
  }
  ctx.math.gemm(false, B, U, U, rhm, s0, U, R, 2 * U, GU, gates, a0 + 2 * U, GU, true);
  for (let b = 0; b < B; b++) act(phi, a0 + b * GU + 2 * U, U);
  blendStates(ctx, k);
}

/** h′ = z ⊙ h_{k−1} + (1 − z) ⊙ ĥ, from the activated gates of step k. */
function blendStates(ctx: StepContext, k: number): void {
  const { batch: B, units: U, width: GU, trace } = ctx;
  const { gates, h } = trace;
  for (let b = 0; b < B; b++) {
    const row = (k * B + b) * GU;
    const s = (k * B + b) * U;
    for (let j = 0; j < U; j++) {
      const z = gates[row + j] as number;
      h[s + B * U + j] = z * (h[s + j] as number) + (1 - z) * (gates[row + 2 * U + j] as number);
    }
  }
}

export function gruBackwardStep(ctx: StepContext, k: number, rows: BackwardRows, sigma: Activation, phi: Activation, resetAfter: boolean): void {
  const { batch: B, units: U, width: GU, trace } = ctx;
  const { gates, h, extra, hm } = trace;
  const { dh, dA, dAu, dhDirect, dhm, tmp } = rows;
  const dSigma = scalarDerivative(sigma);
  const dPhi = scalarDerivative(phi);
  const a0 = k * B * GU;
  const s0 = k * B * U;
  const simd = ctx.math.gates;
  if (simd && sigma === 'sigmoid' && phi === 'tanh') simd.gruBackward(trace, rows, k, resetAfter);
  else for (let b = 0; b < B; b++) {
    const row = a0 + b * GU;
    const s = s0 + b * U;
    const r0 = b * U;
    for (let j = 0; j < U; j++) {
      const z = gates[row + j] as number, r = gates[row + U + j] as number, cand = gates[row + 2 * U + j] as number;
      const dhv = dh[r0 + j] as number;
      const dCand = dhv * (1 - z) * dPhi(cand);
      const daz = dhv * ((h[s + j] as number) - cand) * dSigma(z);
      dA[row + j] = daz;
      dA[row + 2 * U + j] = dCand;
      dhDirect[r0 + j] = dhv * z;
      if (resetAfter) {
        const dar = dCand * (extra[s + j] as number) * dSigma(r);
        dA[row + U + j] = dar;
        dAu[row + j] = daz;
        dAu[row + U + j] = dar;
        dAu[row + 2 * U + j] = dCand * r;
      }
    }
  }
  if (resetAfter) {
    recurrentInputGradient(ctx, k, rows);
    return;
  }
  // drhm = dĥ·U_hᵀ (rows 2U… of Uᵀ), then da_r, then dhm = drhm ⊙ r + [da_z|da_r]·U_zrᵀ.
  ctx.math.gemm(false, B, U, U, dA, a0 + 2 * U, GU, ctx.recurrentT, 2 * U * U, U, tmp, 0, U, false);
  for (let b = 0; b < B; b++) {
    const row = a0 + b * GU;
    const s = s0 + b * U;
    for (let j = 0; j < U; j++) {
      dA[row + U + j] = (tmp[b * U + j] as number) * (hm[s + j] as number) * dSigma(gates[row + U + j] as number);
    }
  }
  ctx.math.gemm(false, B, U, 2 * U, dA, a0, GU, ctx.recurrentT, 0, U, dhm, 0, U, false);
  for (let b = 0; b < B; b++) {
    const row = a0 + b * GU;
    for (let j = 0; j < U; j++) dhm[b * U + j] = (dhm[b * U + j] as number) + (tmp[b * U + j] as number) * (gates[row + U + j] as number);
  }
}
