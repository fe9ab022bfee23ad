// Backpropagation through time over one recurrent layer's forward trace: the cell's analytic
// backward step, looped from the last processing step k = T−1 down to 0 (no tf.grad).
//
// Forward (what the layer computed, see @rnnkit/core's RnnCache), step mask m_k:
//   (o'_k, s'_k) = cell.step(x̃_k, s_{k−1})
//   o_k = m_k ⊙ o'_k + (1 − m_k) ⊙ (zeroOutputForMask ? 0 : o_{k−1})
//   s_k = m_k ⊙ s'_k + (1 − m_k) ⊙ s_{k−1}
// Backward, gO = ∂L/∂o_k carried, gS = ∂L/∂s_k carried (from a later chunk, or 0):
//   gO += ∂L/∂output at step k
//   r   = cell.backward(s'_k's cache, m_k ⊙ gO, m_k ⊙ gS)       ‖m_k ⊙ (gO + gS_h)‖ = ‖∂L/∂h_k‖
//   dx[t_k] = r.dx ⊙ inputMask      dParams += r.dParams
//   gS  = r.dState + (1 − m_k) ⊙ gS
//   gO  = zeroOutputForMask ? 0 : (1 − m_k) ⊙ gO                (0 without a mask)

import { add, dispose, mul, norm, stack, sub, tidy, transpose, unstack, zeros } from '@tensorflow/tfjs-core';
import type { Scalar, Tensor, Tensor2D, Tensor3D, TensorContainer } from '@tensorflow/tfjs-core';
import { checkShape } from '@rnnkit/core';
import type { CellParamGradients, CellParams, RecurrentCell, RnnCache } from '@rnnkit/core';

/**
 * The part of a recurrent layer's forward cache (@rnnkit/core's `RnnCache`) that BPTT reads, so
 * a layer's `forward(x, ctx).cache` can be passed as is.
 *
 * @example
 * ```ts
 * const trace: RecurrentTrace = lstmLayer.forward(x, { training: true }).cache; // an RnnCache
 * ```
 */
export type RecurrentTrace<CellCache = unknown> = Pick<
  RnnCache<CellCache>,
  'steps' | 'timeIndices' | 'stepMasks' | 'inputMask' | 'returnSequences' | 'zeroOutputForMask' | 'batchSize' | 'timeSteps' | 'inputSize' | 'units'
>;

/** Options of {@link backpropThroughTime}. */
export interface BpttOptions {
  /**
   * ∂L/∂(final state), one entry per state tensor (`null` = 0): a later chunk's gradient, or
   * the gradient of returned states.
   * @default all zero
   */
  dFinalState?: readonly (Tensor2D | null)[];
  /**
   * Also return ‖∂L/∂h_k‖ (Frobenius over the batch) for every processing step k.
   * @default false
   */
  recordHiddenGradNorms?: boolean;
}

/** Gradients from {@link backpropThroughTime}; all tensors are new and owned by the caller. */
export type BpttResult = {
  /** ∂L/∂x `[batch, T, inputSize]`, in input time order. */
  dx: Tensor3D;
  /** ∂L/∂params summed over all steps (a `bias` entry even for a cell without bias). */
  dParams: CellParamGradients;
  /** ∂L/∂(initial state), one tensor per state. */
  dInitialState: Tensor2D[];
  /** ‖∂L/∂h_k‖ per processing step k = 0…T−1, when recorded. */
  hiddenGradNorms: number[] | null;
};

const addOrTake = (a: Tensor2D | null, b: Tensor2D | null): Tensor2D | null => (a && b ? add<Tensor2D>(a, b) : (a ?? b));

/** `tf.tidy` for results holding `null`s (tfjs walks them fine; its types do not allow them). */
export function tidyWithNulls<T>(fn: () => T): T {
  return tidy(fn as () => TensorContainer) as T;
}

/** What is carried from processing step k to k − 1. */
type Carry = { gO: Tensor2D | null; gS: Tensor2D[]; sum: CellParamGradients | null };

/**
 * Backpropagates `dOutput` (∂L/∂output of the layer) through the time steps of `trace`.
 *
 * @example
 * ```ts
 * const { output, cache } = layer.forward(x, { training: true });
 * const { gradient } = meanSquaredError().valueAndGradient(output, y);
 * const { dx, dParams } = backpropThroughTime(layer.cell, layer.params, cache, gradient);
 * ```
 */
export function backpropThroughTime<CellCache>(
  cell: RecurrentCell<CellCache>,
  params: CellParams,
  trace: RecurrentTrace<CellCache>,
  dOutput: Tensor,
  options: BpttOptions = {},
): BpttResult {
  const { batchSize, timeSteps, units, returnSequences, stepMasks, inputMask, zeroOutputForMask } = trace;
  checkShape(`BPTT (${cell.kind})`, '∂L/∂output', dOutput, returnSequences ? [batchSize, timeSteps, units] : [batchSize, units]);
  // Time-major first: unstacking axis 0 copies contiguous blocks; axis 1 is ~20× slower on cpu.
  const dOutputSteps = returnSequences ? tidy(() => unstack(transpose(dOutput, [1, 0, 2]), 0) as Tensor2D[]) : null;
  const dxByTime = new Array<Tensor2D>(timeSteps);
  const norms: Scalar[] = [];

  // Each step's carry is new (the first holds clones of the caller's dFinalState), so the
  // previous one is freed as soon as the next exists: memory stays one step deep.
  let carry: Carry = {
    gO: null,
    gS: cell.stateSizes.map((size, i) => options.dFinalState?.[i]?.clone() ?? (zeros([batchSize, size]) as Tensor2D)),
    sum: null,
  };
  for (let k = timeSteps - 1; k >= 0; k--) {
    const { gO, gS, sum } = carry;
    const next = tidyWithNulls((): Carry & { dx: Tensor2D; norm: Scalar | null } => {
      const fromAbove = dOutputSteps ? (dOutputSteps[k] as Tensor2D) : k === timeSteps - 1 ? (dOutput as Tensor2D) : null;
      const outputGrad = addOrTake(gO, fromAbove);
      const m = stepMasks ? (stepMasks[k] as Tensor2D) : null;
      const dOut = outputGrad && m ? mul<Tensor2D>(outputGrad, m) : outputGrad;
      const dState = m ? gS.map((g) => mul<Tensor2D>(g, m)) : gS;
      const r = cell.backward(params, trace.steps[k] as CellCache, dOut, dState);
      const keepOut = m ? sub(1, m) : null; // 1 − m_k: where the carried values pass through
      return {
        dx: inputMask ? mul<Tensor2D>(r.dx, inputMask) : r.dx,
        norm: options.recordHiddenGradNorms ? (norm(addOrTake(dOut, dState[0] as Tensor2D) as Tensor2D) as Scalar) : null,
        sum: sum
          ? { kernel: add(sum.kernel, r.dParams.kernel), recurrentKernel: add(sum.recurrentKernel, r.dParams.recurrentKernel), bias: add(sum.bias, r.dParams.bias) }
          : r.dParams,
        gS: r.dState.map((d, i) => (keepOut ? add<Tensor2D>(d, mul(keepOut, gS[i] as Tensor2D)) : d)),
        gO: keepOut && outputGrad && !zeroOutputForMask ? mul<Tensor2D>(keepOut, outputGrad) : null,
      };
    });
    dispose([...(gO ? [gO] : []), ...gS, ...(sum ? [sum.kernel, sum.recurrentKernel, sum.bias] : [])]);
    dxByTime[trace.timeIndices[k] as number] = next.dx;
    if (next.norm) norms.push(next.norm);
    carry = next;
  }

  const dx = stack(dxByTime, 1) as Tensor3D;
  dispose([...dxByTime, ...(dOutputSteps ?? []), ...(carry.gO ? [carry.gO] : [])]);
  let hiddenGradNorms: number[] | null = null;
  if (options.recordHiddenGradNorms) {
    // Collected from k = T−1 down; reported in processing order k = 0…T−1.
    const stacked = stack(norms.reverse());
    hiddenGradNorms = Array.from(stacked.dataSync());
    dispose([stacked, ...norms]);
  }
  return { dx, dParams: carry.sum as CellParamGradients, dInitialState: carry.gS, hiddenGradNorms };
}
