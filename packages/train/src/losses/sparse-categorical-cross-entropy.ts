// Sparse categorical cross-entropy from logits, maskable:
//   ℓ = −log softmax(z)_y = logsumexp(z) − z_y
//   ∂ℓ/∂z = softmax(z) − onehot(y)
// Reduced as Σ w·ℓ / Σ w over positions (batch, time).

import { cast, div, exp, mul, neg, oneHot, reshape, sub, sum, tidy } from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, checkShape, formatShape } from '@rnnkit/core';
import { logSoftmax } from './log-softmax.js';
import { defineLoss, positionWeights } from './loss.js';
import type { Loss, LossResult } from './loss.js';

/**
 * Checks that `targets` holds integer class ids in [0, classes) shaped like `logits` without
 * its last axis; returns them as int32 (reads the targets: they are small).
 */
export function checkClassTargets(where: string, logits: Tensor, targets: Tensor): Tensor {
  if (logits.rank < 2) {
    throw new RnnkitError('RANK_MISMATCH', `${where}: logits must have rank ≥ 2 [batch, (time,) classes], got ${formatShape(logits.shape)}`, {
      actual: logits.shape,
    });
  }
  checkShape(where, 'targets (class ids)', targets, logits.shape.slice(0, -1));
  const classes = logits.shape.at(-1) as number;
  const values = targets.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: target ${i} is ${v}, expected an integer class id in [0, ${classes})`, {
        index: i,
        value: v,
        classes,
      });
    }
  }
  return cast(targets, 'int32');
}

/**
 * −log softmax(z)_y per position `[..., 1]`, with the log-probabilities and one-hot targets
 * it used. Must run inside `tf.tidy`; `ids` are int32 class ids shaped like `logits[..., 0]`.
 */
export function negativeLogLikelihood(logits: Tensor, ids: Tensor): { nll: Tensor; logp: Tensor; target: Tensor } {
  const classes = logits.shape.at(-1) as number;
  const logp = logSoftmax(logits);
  const target = reshape(oneHot(reshape(ids, [-1]), classes), logits.shape);
  return { nll: neg(sum(mul(logp, target), -1, true)), logp, target };
}

/**
 * Sparse categorical cross-entropy, taking logits (a stable log-softmax is applied inside).
 *
 * @example
 * ```ts
 * // logits [batch, time, vocab], targets [batch, time] integer ids
 * const { value, gradient } = sparseCategoricalCrossEntropy().valueAndGradient(logits, targets);
 * ```
 */
export function sparseCategoricalCrossEntropy(): Loss {
  const where = 'sparseCategoricalCrossEntropy';
  const valueAndGradient = (logits: Tensor, targets: Tensor, mask?: Tensor | null): LossResult =>
    tidy(() => {
      const ids = checkClassTargets(where, logits, targets);
      const { weights, total } = positionWeights(where, logits, mask, 1);
      const { nll, logp, target } = negativeLogLikelihood(logits, ids);
      return {
        value: div(sum(mul(nll, weights)), total) as Scalar,
        gradient: div(mul(sub(exp(logp), target), weights), total),
      };
    });
  return defineLoss(where, valueAndGradient);
}
