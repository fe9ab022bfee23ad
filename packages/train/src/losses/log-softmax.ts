// Numerically stable log-softmax over the last axis:
//   log softmax(z)_k = z_k − m − log Σ_j exp(z_j − m),   m = max_j z_j
// Subtracting the max keeps exp() ≤ 1, so large logits never overflow.

import { exp, log, max, sub, sum, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Log-probabilities from logits, stable for any finite logits.
 *
 * @example
 * ```ts
 * logSoftmax(tf.tensor2d([[1000, 0]])).arraySync(); // [[0, -1000]]
 * ```
 */
export function logSoftmax<T extends Tensor>(logits: T): T {
  return tidy(() => {
    const shifted = sub(logits, max(logits, -1, true));
    return sub(shifted, log(sum(exp(shifted), -1, true))) as T;
  });
}
