// What a recurrent layer's training forward pass keeps for backpropagation through time.
// @rnnkit/train's BPTT reads this; the layer itself has no time-loop backward.

import type { Tensor2D } from '@tensorflow/tfjs-core';

/**
 * Cache of one recurrent layer's forward pass (`rnnLayer.forward(x, ctx).cache`).
 *
 * Notation: T time steps, processing step k = 0…T−1 (oldest first), `t_k = timeIndices[k]`
 * the input time step read at k (`T−1−k` when `goBackwards`, else `k`), m_k the step mask,
 * ⊙ elementwise, s the cell state list (`[h]` or `[h, c]`), o the carried output.
 *
 * Forward, exactly what the layer computed:
 * ```
 * x̃_k          = x[:, t_k, :] ⊙ inputMask                       (inputMask = 1 when null)
 * (o'_k, s'_k) = cell.step(params, x̃_k, s_{k−1}, { recurrentMask })      s_{−1} = initialState
 * o_k          = m_k ⊙ o'_k + (1 − m_k) ⊙ (zeroOutputForMask ? 0 : o_{k−1})   o_{−1} = 0
 * s_k          = m_k ⊙ s'_k + (1 − m_k) ⊙ s_{k−1}                   (m_k = 1 when no mask)
 * output       = returnSequences ? stack(o_0 … o_{T−1}, axis 1) : o_{T−1}
 * finalState   = s_{T−1}
 * ```
 * Output position j of a returned sequence is processing step j (with `goBackwards` the
 * sequence comes out reversed, as in Keras).
 *
 * Backward (BPTT), k = T−1 … 0, starting from gO = 0 (∂L/∂o carried), gS = ∂L/∂finalState or 0:
 * ```
 * gO          += returnSequences ? dOutput[:, k, :] : (k = T−1 ? dOutput : 0)
 * r            = cell.backward(params, steps[k], m_k ⊙ gO, gS.map(g => m_k ⊙ g))
 * dx[:, t_k]   = r.dx ⊙ inputMask
 * dParams     += r.dParams
 * gS           = r.dState[i] + (1 − m_k) ⊙ gS[i]           for each state i
 * gO           = zeroOutputForMask ? 0 : (1 − m_k) ⊙ gO
 * ```
 * and finally ∂L/∂initialState = gS. Without a mask (m_k = 1) this is the plain loop.
 * `r.dParams` has a `bias` entry even when the layer has no bias (`paramWeights.bias === null`):
 * skip it.
 *
 * Every tensor here is owned by the cache: `tf.dispose(cache)` frees them all without touching
 * the layer's weights, its stored state or the caller's inputs.
 */
export type RnnCache<CellCache = unknown> = {
  /** The cell's cache of each processing step, oldest first (`steps[k]` for step k). */
  steps: CellCache[];
  /** Input time index read at each processing step: `goBackwards ? T−1−k : k`. */
  timeIndices: number[];
  /** Per processing step, the mask m_k as float 0/1 `[batch, 1]`; `null` when unmasked. */
  stepMasks: Tensor2D[] | null;
  /** The time mask as float 0/1 `[batch, T]`, in input order; `null` when unmasked. */
  timeMask: Tensor2D | null;
  /** Input dropout mask `[batch, inputSize]` (scaled, fixed over the sequence) or `null`. */
  inputMask: Tensor2D | null;
  /** Recurrent dropout mask `[batch, units]` given to every `cell.step`, or `null`. */
  recurrentMask: Tensor2D | null;
  /** s_{−1}: the states the loop started from (zeros, `initialState`, or the stored state). */
  initialState: Tensor2D[];
  /** s_{T−1}: the states after the last step. */
  finalState: Tensor2D[];
  /** Whether the sequence was read last step first. */
  goBackwards: boolean;
  /** Whether `output` is the whole sequence `[batch, T, units]` (else `[batch, units]`). */
  returnSequences: boolean;
  /** Whether masked steps output 0 instead of carrying o_{k−1} (set inside `bidirectional`). */
  zeroOutputForMask: boolean;
  batchSize: number;
  timeSteps: number;
  inputSize: number;
  units: number;
};
