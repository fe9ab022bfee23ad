// One Elman time step on raw buffers (see cells/simple-rnn-cell.ts). Forward: z_k already holds
// x_k·W + b; add hm_k·U, apply φ in place, copy h′_k into the state sequence. Backward:
// dz_k = dh ⊙ φ'(h′_k), dhm = dz_k·Uᵀ.

import type { Activation } from '../cell.js';
import { activateRange, scalarDerivative } from './activation-range.js';
import type { BackwardRows, StepContext } from './step-context.js';
import { recurrentInputGradient } from './step-context.js';

export function simpleRnnForwardStep(ctx: StepContext, k: number, phi: Activation): void {
  const { batch: B, units: U, trace } = ctx;
  const z0 = k * B * U;
  ctx.math.gemm(false, B, U, U, trace.hm, z0, U, trace.recurrentKernel, 0, U, trace.gates, z0, U, true);
  if (!ctx.math.gates?.activate(phi, trace.gates, z0, B * U)) activateRange(phi, trace.gates, z0, B * U);
  trace.h.set(trace.gates.subarray(z0, z0 + B * U), z0 + B * U);
}

export function simpleRnnBackwardStep(ctx: StepContext, k: number, rows: BackwardRows, phi: Activation): void {
  const { batch: B, units: U, trace } = ctx;
  const z0 = k * B * U;
  const { dh, dA } = rows;
  const { gates } = trace;
  if (phi === 'tanh') {
    for (let i = 0; i < B * U; i++) {
      const y = gates[z0 + i] as number;
      dA[z0 + i] = (dh[i] as number) * (1 - y * y);
    }
  } else {
    const dPhi = scalarDerivative(phi);
    for (let i = 0; i < B * U; i++) dA[z0 + i] = (dh[i] as number) * dPhi(gates[z0 + i] as number);
  }
  rows.dhDirect.fill(0);
  recurrentInputGradient(ctx, k, rows);
}
