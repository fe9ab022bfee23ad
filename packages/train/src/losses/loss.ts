// The loss contract, and the masked mean every loss shares.
//
// A loss returns its value AND ∂value/∂predictions: that gradient is what starts BPTT.
// Reduction: the mean over every unmasked element,
//   L = Σ_i w_i·ℓ_i / Σ_i w_i,    ∂L/∂p_i = w_i·ℓ'_i / Σ_i w_i,
// where w_i is the mask of the position (batch, time) the element belongs to
// (Keras's masked mean: per-step mean over features, then a mask-weighted mean over steps).

import { cast, div, expandDims, maximum, mul, ones, scalar, sub, sum, tidy } from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, checkShape, formatShape } from '@rnnkit/core';

/** Names of the built-in losses. */
export type LossName = 'meanSquaredError' | 'meanAbsoluteError' | 'huber' | 'sparseCategoricalCrossEntropy';

/** A loss value with its gradient with respect to the predictions (same shape as them). */
export type LossResult = {
  value: Scalar;
  gradient: Tensor;
};

/** A training loss: value, and value with gradient. Pure; tidy inside; never disposes inputs. */
export interface Loss {
  readonly name: LossName;
  /**
   * Mean loss over the unmasked positions.
   * @param predictions - model output, `[batch, (time,) features]` (logits for cross-entropy).
   * @param targets - same shape as `predictions`; for cross-entropy integer class ids `[batch, (time)]`.
   * @param mask - optional `[batch, (time)]` 0/1 weights, one per position.
   */
  value(predictions: Tensor, targets: Tensor, mask?: Tensor | null): Scalar;
  /** The value and ∂value/∂predictions, the gradient that starts backpropagation. */
  valueAndGradient(predictions: Tensor, targets: Tensor, mask?: Tensor | null): LossResult;
}

/**
 * Per-element weights `[..., 1]` (broadcast over the last axis of `predictions`) and their
 * total `Σ w` over all elements: `perPosition` elements share each position's mask entry.
 * Must run inside `tf.tidy`.
 */
export function positionWeights(
  where: string,
  predictions: Tensor,
  mask: Tensor | null | undefined,
  perPosition: number,
): { weights: Tensor; total: Scalar } {
  const positionShape = predictions.shape.slice(0, -1);
  if (mask === null || mask === undefined) {
    const count = positionShape.reduce((a, b) => a * b, 1) * perPosition;
    return { weights: ones([...positionShape, 1]), total: scalar(count) };
  }
  checkShape(where, 'mask', mask, positionShape);
  const w = cast(mask, 'float32');
  // A fully masked batch gives 0 / ε = 0, not NaN.
  const total = maximum(mul(sum(w), perPosition), 1e-12) as Scalar;
  return { weights: expandDims(w, -1), total };
}

/** Throws unless `targets` has exactly the shape of `predictions` (regression losses). */
export function checkSameShape(where: string, predictions: Tensor, targets: Tensor): void {
  if (predictions.rank < 2) {
    throw new RnnkitError(
      'RANK_MISMATCH',
      `${where}: predictions must have rank ≥ 2 [batch, (time,) features], got ${formatShape(predictions.shape)}`,
      { actual: predictions.shape },
    );
  }
  checkShape(where, 'targets', targets, predictions.shape);
}

/** An elementwise penalty ℓ(e) of the error e = p − y, and its derivative ℓ'(e). */
export type ElementwisePenalty = (error: Tensor) => { penalty: Tensor; derivative: Tensor };

/**
 * Builds a maskable regression loss from an elementwise penalty of e = p − y:
 * `L = Σ w·ℓ(e) / Σ w`, `∂L/∂p = w·ℓ'(e) / Σ w`.
 */
export function regressionLoss(name: LossName, penalty: ElementwisePenalty): Loss {
  const valueAndGradient = (predictions: Tensor, targets: Tensor, mask?: Tensor | null): LossResult =>
    tidy(() => {
      checkSameShape(name, predictions, targets);
      const { weights, total } = positionWeights(name, predictions, mask, predictions.shape.at(-1) as number);
      const { penalty: l, derivative } = penalty(sub(predictions, targets));
      return {
        value: div(sum(mul(l, weights)), total) as Scalar,
        gradient: div(mul(derivative, weights), total),
      };
    });
  return defineLoss(name, valueAndGradient);
}

/** Completes a loss from its `valueAndGradient` (the value alone drops the gradient). */
export function defineLoss(name: LossName, valueAndGradient: Loss['valueAndGradient']): Loss {
  return {
    name,
    valueAndGradient,
    value: (predictions, targets, mask) =>
      tidy(() => {
        const { value, gradient } = valueAndGradient(predictions, targets, mask);
        gradient.dispose();
        return value;
      }),
  };
}
