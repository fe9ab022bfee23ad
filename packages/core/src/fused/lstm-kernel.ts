// One LSTM time step on raw buffers (gate order i, f, c, o — see cells/lstm-cell.ts for the
// equations). Forward: a_k already holds x_k·W + b; add hm_k·U in one gemm, then one pass
// over each row applies σ/φ and writes c′_k, φ(c′_k), h′_k. Backward: one pass writes
// da_k = [di·σ'(i) | df·σ'(f) | dg·φ'(g) | do·σ'(o)] and dc_{k−1} = dc ⊙ f; dhm = da_k·Uᵀ.

import type { Activation } from '../cell.js';
import { activateRange, scalarActivation, scalarDerivative } from './activation-range.js';
import type { BackwardRows, StepContext } from './step-context.js';
import { recurrentInputGradient } from './step-context.js';

export function lstmForwardStep(ctx: StepContext, k: number, sigma: Activation, phi: Activation): void {
  const { batch: B, units: U, width: GU, trace } = ctx;
  const { gates, h, c, extra, hm } = trace;
  const a0 = k * B * GU;
  ctx.math.gemm(false, B, GU, U, hm, k * B * U, U, trace.recurrentKernel, 0, GU, gates, a0, GU, true);
  const simd = ctx.math.gates;
  if (simd && sigma === 'sigmoid' && phi === 'tanh') {
    simd.lstm(gates, a0, c, k * B * U, extra, k * B * U, h, (k + 1) * B * U, B, U);
    return;
  }
  const act = scalarActivation(phi);
  for (let b = 0; b < B; b++) {
    const row = a0 + b * GU;
    activateRange(sigma, gates, row, 2 * U);
    activateRange(phi, gates, row + 2 * U, U);
    activateRange(sigma, gates, row + 3 * U, U);
    const prev = (k * B + b) * U;
    const next = prev + B * U;
    const e = (k * B + b) * U;
    for (let j = 0; j < U; j++) {
      const cNew = (gates[row + U + j] as number) * (c[prev + j] as number) + (gates[row + j] as number) * (gates[row + 2 * U + j] as number);
      const tc = act(cNew);
      c[next + j] = cNew;
      extra[e + j] = tc;
      h[next + j] = (gates[row + 3 * U + j] as number) * tc;
    }
  }
}

export function lstmBackwardStep(ctx: StepContext, k: number, rows: BackwardRows, sigma: Activation, phi: Activation): void {
  const { batch: B, units: U, width: GU, trace } = ctx;
  const { gates, c, extra } = trace;
  const { dh, dc, dA, dcPrev } = rows;
  const dSigma = scalarDerivative(sigma);
  const dPhi = scalarDerivative(phi);
  for (let b = 0; b < B; b++) {
    const row = (k * B + b) * GU;
    const s = (k * B + b) * U;
    const r = b * U;
    for (let j = 0; j < U; j++) {
      const i = gates[row + j] as number, f = gates[row + U + j] as number, g = gates[row + 2 * U + j] as number, o = gates[row + 3 * U + j] as number;
      const tc = extra[s + j] as number;
      const dhv = dh[r + j] as number;
      const dct = (dc[r + j] as number) + dhv * o * dPhi(tc);
      dA[row + j] = dct * g * dSigma(i);
      dA[row + U + j] = dct * (c[s + j] as number) * dSigma(f);
      dA[row + 2 * U + j] = dct * i * dPhi(g);
      dA[row + 3 * U + j] = dhv * tc * dSigma(o);
      dcPrev[r + j] = dct * f;
    }
  }
  rows.dhDirect.fill(0);
  recurrentInputGradient(ctx, k, rows);
}
