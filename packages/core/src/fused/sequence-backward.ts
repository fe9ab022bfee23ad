// The fused backward pass (BPTT) over a whole sequence, processing steps k = T−1 … 0, with
// the carries of rnn-cache.ts (gO: ∂L/∂o carried, gS: ∂L/∂s carried):
//   gO += ∂L/∂o_k;  dh = m_k ⊙ (gO + gS_h);  dc = m_k ⊙ gS_c
//   cell step backward → da_k (kept for all k), dhm, direct paths
//   gS_h ← dhm ⊙ m_rec + direct + (1 − m_k) ⊙ gS_h;  gS_c ← dc_{k−1} + (1 − m_k) ⊙ gS_c
//   gO ← zeroOutputForMask ? 0 : (1 − m_k) ⊙ gO
// Only the recurrent product dhm = da_k·Uᵀ runs per step; the weight gradients are ONE matmul
// each at the end over all T·B rows: dW = X̃ᵀ·dA, dU = HMᵀ·dA_u, db = Σ_rows dA, dX̃ = dA·Wᵀ.

import { transpose } from './gemm.js';
import { gruBackwardStep } from './gru-kernel.js';
import { lstmBackwardStep } from './lstm-kernel.js';
import type { FusedMath, SequenceGradients, SequenceTrace } from './sequence-types.js';
import { gateCount } from './sequence-types.js';
import { simpleRnnBackwardStep } from './simple-rnn-kernel.js';
import type { BackwardRows, StepContext } from './step-context.js';

/** ∂L/∂outputs: the whole sequence [T·B·U] (processing order) or only the last output [B·U]. */
export type OutputGradient = { sequence: Float32Array } | { last: Float32Array };

export function backwardSequence(
  math: FusedMath,
  trace: SequenceTrace,
  dOutput: OutputGradient,
  dFinalState: readonly (Float32Array | null)[],
  recordNorms: boolean,
): SequenceGradients {
  const { input } = trace;
  const { spec, batch: B, steps: T, stepMask, recurrentMask } = input;
  const { units: U, inputSize: I, kind } = spec;
  const GU = gateCount(kind) * U;
  const BU = B * U;
  const resetAfterGru = kind === 'GRU' && spec.resetAfter;

  const rowsAll = T * B;
  // Every buffer of the backward pass, in the math's memory (WASM: module memory, in place).
  const w = {} as Record<'dA' | 'dAu' | 'recurrentT' | 'kernelT' | 'dh' | 'dc' | 'dhDirect' | 'dhm' | 'dcPrev' | 'tmp' | 'gO' | 'gH' | 'gC' | 'nextH' | 'nextC' | 'dKernel' | 'dRecurrentKernel' | 'dBias' | 'dx' | 'dOut' | 'ones', Float32Array>;
  // LSTM and SimpleRNN read a step's gates only to write that step's dA, element by element:
  // dA takes the gates' place (the trace is consumed), so BPTT keeps no second [T·B·G·U] buffer.
  const inPlace = kind !== 'GRU';
  math.bind(w, {
    dA: inPlace ? 0 : rowsAll * GU,
    dAu: resetAfterGru ? rowsAll * GU : { of: 'dA', start: 0, length: rowsAll * GU },
    recurrentT: GU * U,
    kernelT: GU * I,
    dh: BU, dc: BU, dhDirect: BU, dhm: BU, dcPrev: BU, tmp: BU, gO: BU, gH: BU, gC: BU, nextH: BU, nextC: BU,
    dKernel: I * GU,
    dRecurrentKernel: U * GU,
    dBias: resetAfterGru ? 2 * GU : GU,
    dx: rowsAll * I,
    dOut: 'sequence' in dOutput ? T * BU : BU,
    ones: input.biasIn ? rowsAll : 0,
  }, ['recurrentT', 'kernelT', 'dKernel', 'dRecurrentKernel', 'dx', 'dOut']); // transposed / multiplied / copied in full below
  if (inPlace) w.dA = trace.gates;
  const { dAu: dAuBound, recurrentT, gO } = w;
  const dA = w.dA;
  const dAu = resetAfterGru ? dAuBound : dA;
  transpose(trace.recurrentKernel, 0, U, GU, GU, recurrentT, 0);
  const ctx: StepContext = { math, trace, batch: B, units: U, width: GU, recurrentT };
  const rows: BackwardRows = { dh: w.dh, dc: w.dc, dhDirect: w.dhDirect, dhm: w.dhm, dcPrev: w.dcPrev, dA, dAu, tmp: w.tmp };
  let { gH, gC, nextH, nextC } = w;
  if (dFinalState[0]) gH.set(dFinalState[0]);
  if (dFinalState[1]) gC.set(dFinalState[1]);
  const norms: number[] = [];
  w.dOut.set('sequence' in dOutput ? dOutput.sequence : dOutput.last);
  const backwardStep = (k: number): void => {
    if (kind === 'LSTM') lstmBackwardStep(ctx, k, rows, spec.recurrentActivation, spec.activation);
    else if (kind === 'GRU') gruBackwardStep(ctx, k, rows, spec.recurrentActivation, spec.activation, spec.resetAfter);
    else simpleRnnBackwardStep(ctx, k, rows, spec.activation);
  };
  const simd = math.gates;
  const fast = simd !== null && kind === 'LSTM' && !stepMask && !recurrentMask && spec.recurrentActivation === 'sigmoid' && spec.activation === 'tanh';

  // Uᵀ does not change over the steps: the native gemm packs it once for all of them.
  const unpin = math.pin(recurrentT);
  try {
    for (let k = T - 1; k >= 0; k--) {
      if (fast) {
        // No masks: gO is just ∂L/∂o_k; the SIMD pass updates gC in place, the gemm writes gH.
        const dOut = 'sequence' in dOutput ? w.dOut : k === T - 1 ? w.dOut : null;
        const sumSquares = simd.lstmBackward(dOut, 'sequence' in dOutput ? k * BU : 0, gH, gC, trace, dA, k);
        if (recordNorms) norms.push(Math.sqrt(sumSquares));
        math.gemm(false, B, U, GU, dA, k * B * GU, GU, recurrentT, 0, U, gH, 0, U, false);
        continue;
      }
      if (simd && kind === 'SimpleRNN' && spec.activation === 'tanh' && !stepMask && !recurrentMask) {
        // The same without masks, SimpleRNN tanh: one SIMD pass writes dz_k; the gemm writes gH.
        const dOut = 'sequence' in dOutput ? w.dOut : k === T - 1 ? w.dOut : null;
        const sumSquares = simd.tanhBackward(dOut, 'sequence' in dOutput ? k * BU : 0, gH, trace, dA, k);
        if (recordNorms) norms.push(Math.sqrt(sumSquares));
        math.gemm(false, B, U, GU, dA, k * B * GU, GU, recurrentT, 0, U, gH, 0, U, false);
        continue;
      }
      if (!stepMask && !recurrentMask) {
        // No masks: gO is just ∂L/∂o_k (nothing carries), so dh = ∂L/∂o_k + gH and gH ← dhm + direct.
        const dh = rows.dh;
        const dOutRow = 'sequence' in dOutput ? k * BU : k === T - 1 ? 0 : -1;
        let sumSquares = 0;
        for (let j = 0; j < BU; j++) {
          const d = (dOutRow >= 0 ? (w.dOut[dOutRow + j] as number) : 0) + (gH[j] as number);
          dh[j] = d;
          sumSquares += d * d;
        }
        if (recordNorms) norms.push(Math.sqrt(sumSquares));
        if (kind === 'LSTM') rows.dc.set(gC);
        backwardStep(k);
        const { dhm, dhDirect, dcPrev } = rows;
        for (let j = 0; j < BU; j++) nextH[j] = (dhm[j] as number) + (dhDirect[j] as number);
        if (kind === 'LSTM') nextC.set(dcPrev);
        [gH, nextH] = [nextH, gH];
        [gC, nextC] = [nextC, gC];
        continue;
      }
      if ('sequence' in dOutput) addInto(gO, w.dOut, k * BU);
      else if (k === T - 1) addInto(gO, w.dOut, 0);
      let sumSquares = 0;
      for (let b = 0; b < B; b++) {
        const m = stepMask ? (stepMask[k * B + b] as number) : 1;
        for (let j = b * U; j < (b + 1) * U; j++) {
          const d = m * ((gO[j] as number) + (gH[j] as number));
          rows.dh[j] = d;
          rows.dc[j] = m * (gC[j] as number);
          sumSquares += d * d;
        }
      }
      if (recordNorms) norms.push(Math.sqrt(sumSquares));

      backwardStep(k);

      for (let b = 0; b < B; b++) {
        const keep = stepMask ? 1 - (stepMask[k * B + b] as number) : 0;
        for (let j = b * U; j < (b + 1) * U; j++) {
          const fromMatmul = recurrentMask ? (rows.dhm[j] as number) * (recurrentMask[j] as number) : (rows.dhm[j] as number);
          nextH[j] = fromMatmul + (rows.dhDirect[j] as number) + keep * (gH[j] as number);
          if (kind === 'LSTM') nextC[j] = (rows.dcPrev[j] as number) + keep * (gC[j] as number);
          gO[j] = input.zeroOutputForMask ? 0 : keep * (gO[j] as number);
        }
      }
      [gH, nextH] = [nextH, gH];
      [gC, nextC] = [nextC, gC];
    }

  } finally {
    unpin();
  }
  // ── weight and input gradients: one matmul each over all T·B rows ─────────────────────
  const { dKernel, dRecurrentKernel, dBias, kernelT, dx } = w;
  math.gemm(true, I, GU, rowsAll, trace.x, 0, I, dA, 0, GU, dKernel, 0, GU, false);
  if (kind === 'GRU' && !spec.resetAfter) {
    math.gemm(true, U, 2 * U, rowsAll, trace.hm, 0, U, dA, 0, GU, dRecurrentKernel, 0, GU, false);
    math.gemm(true, U, U, rowsAll, trace.rhm, 0, U, dA, 2 * U, GU, dRecurrentKernel, 2 * U, GU, false);
  } else {
    math.gemm(true, U, GU, rowsAll, trace.hm, 0, U, dAu, 0, GU, dRecurrentKernel, 0, GU, false);
  }
  if (input.biasIn) {
    // db = Σ_rows dA as the product 1ᵀ·dA: the gemm's SIMD row kernel instead of a scalar loop.
    w.ones.fill(1);
    math.gemm(false, 1, GU, rowsAll, w.ones, 0, rowsAll, dA, 0, GU, dBias, 0, GU, false);
    if (resetAfterGru) math.gemm(false, 1, GU, rowsAll, w.ones, 0, rowsAll, dAu, 0, GU, dBias, GU, GU, false);
  }
  transpose(trace.kernel, 0, I, GU, GU, kernelT, 0);
  math.gemm(false, rowsAll, I, GU, dA, 0, GU, kernelT, 0, I, dx, 0, I, false);

  // Copies out of the working memory, which is released for the next call.
  const result: SequenceGradients = {
    dx: dx.slice(),
    dKernel: dKernel.slice(),
    dRecurrentKernel: dRecurrentKernel.slice(),
    dBias: dBias.slice(),
    dInitialState: kind === 'LSTM' ? [gH.slice(), gC.slice()] : [gH.slice()],
    hiddenGradNorms: recordNorms ? norms.reverse() : null,
  };
  math.release(w);
  return result;
}

function addInto(target: Float32Array, source: Float32Array, offset: number): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[offset + i] as number);
}
