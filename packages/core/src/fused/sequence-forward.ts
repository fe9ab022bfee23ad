// The fused forward pass over a whole sequence:
//   1. input projection of all T steps as ONE matmul: A = X̃[T·B × I] · W[I × G·U] (+ b_in)
//   2. per step k: one recurrent matmul into A_k and one fused pass over the gates (cell kernels)
//   3. Keras masking: a row with m_k = 0 carries h (and c) and the previous output
// Everything the backward pass needs stays in the returned trace.

import { gruForwardStep } from './gru-kernel.js';
import { lstmForwardStep } from './lstm-kernel.js';
import type { FusedMath, SequenceInput, SequenceTrace } from './sequence-types.js';
import { gateCount } from './sequence-types.js';
import { simpleRnnForwardStep } from './simple-rnn-kernel.js';
import type { StepContext } from './step-context.js';

const EMPTY = new Float32Array(0);

export function forwardSequence(math: FusedMath, input: SequenceInput): SequenceTrace {
  const { spec, batch: B, steps: T, stepMask, recurrentMask } = input;
  const { units: U, inputSize: I, kind } = spec;
  const GU = gateCount(kind) * U;
  const BU = B * U;

  const TBU = T * BU;
  const trace = { input, finalState: [] as Float32Array[] } as unknown as SequenceTrace;
  math.bind(trace, {
    x: T * B * I,
    kernel: I * GU,
    recurrentKernel: U * GU,
    gates: T * B * GU,
    h: (T + 1) * BU,
    c: kind === 'LSTM' ? (T + 1) * BU : 0,
    extra: kind === 'LSTM' || (kind === 'GRU' && spec.resetAfter) ? TBU : 0,
    hm: recurrentMask ? TBU : { of: 'h', start: 0, length: TBU },
    rhm: kind === 'GRU' && !spec.resetAfter ? TBU : 0,
    outputs: stepMask ? TBU : { of: 'h', start: BU, length: TBU },
    scratch: kind === 'GRU' ? B * GU : 0,
  }, ['x', 'kernel', 'recurrentKernel', 'gates']); // set in full just below (gates: bias rows, then the projection)
  const { gates, h, c } = trace;
  trace.x.set(input.x);
  trace.kernel.set(input.kernel);
  trace.recurrentKernel.set(input.recurrentKernel);
  // A = b_in (each row) + X̃·W: one matmul for all T steps.
  const bias = input.biasIn;
  if (bias) for (let row = 0; row < T * B * GU; row += GU) gates.set(bias, row);
  math.gemm(false, T * B, GU, I, trace.x, 0, I, trace.kernel, 0, GU, gates, 0, GU, bias !== null);
  h.set(input.initialState[0] as Float32Array);
  if (kind === 'LSTM') c.set(input.initialState[1] as Float32Array);
  const ctx: StepContext = { math, trace, batch: B, units: U, width: GU, recurrentT: EMPTY };

  // U does not change over the steps: the native gemm packs it once for all of them.
  const unpin = math.pin(trace.recurrentKernel);
  try {
    for (let k = 0; k < T; k++) {
      if (recurrentMask) {
        for (let i = 0; i < BU; i++) trace.hm[k * BU + i] = (trace.h[k * BU + i] as number) * (recurrentMask[i] as number);
      }
      if (kind === 'LSTM') lstmForwardStep(ctx, k, spec.recurrentActivation, spec.activation);
      else if (kind === 'GRU') gruForwardStep(ctx, k, spec.recurrentActivation, spec.activation, spec.resetAfter);
      else simpleRnnForwardStep(ctx, k, spec.activation);
      if (stepMask) applyStepMask(trace, k, B, U, stepMask, input.zeroOutputForMask);
    }
  } finally {
    unpin();
  }
  trace.finalState = [trace.h.slice(T * BU)];
  if (kind === 'LSTM') trace.finalState.push(trace.c.slice(T * BU));
  return trace;
}

/** Rows with m_k = 0 keep h_{k−1} (and c_{k−1}) and output the carried o_{k−1} (or 0). */
function applyStepMask(trace: SequenceTrace, k: number, B: number, U: number, stepMask: Float32Array, zeroOutput: boolean): void {
  const { h, c, outputs } = trace;
  const BU = B * U;
  for (let b = 0; b < B; b++) {
    const next = (k + 1) * BU + b * U;
    const out = k * BU + b * U;
    if ((stepMask[k * B + b] as number) !== 0) {
      outputs.set(h.subarray(next, next + U), out);
      continue;
    }
    h.copyWithin(next, next - BU, next - BU + U);
    if (c.length > 0) c.copyWithin(next, next - BU, next - BU + U);
    if (zeroOutput || k === 0) outputs.fill(0, out, out + U);
    else outputs.copyWithin(out, out - BU, out - BU + U);
  }
}
