// Huber loss (Huber 1964; Keras `Huber`):
//   ℓ(e) = ½e²            if |e| ≤ δ
//          δ(|e| − ½δ)    otherwise
//   ℓ'(e) = clip(e, −δ, δ)

import { abs, clipByValue, lessEqual, mul, square, sub, where } from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import { regressionLoss } from './loss.js';
import type { Loss } from './loss.js';

/** Options of {@link huber}. */
export interface HuberOptions {
  /**
   * Threshold δ where the loss turns from quadratic to linear.
   * @default 1
   */
  delta?: number;
}

/**
 * Huber loss, maskable: quadratic for small errors, linear for large ones.
 *
 * @example
 * ```ts
 * const { value, gradient } = huber({ delta: 0.5 }).valueAndGradient(predictions, targets);
 * ```
 */
export function huber(options: HuberOptions = {}): Loss {
  const { delta = 1 } = options;
  if (!(delta > 0) || !Number.isFinite(delta)) {
    throw new RnnkitError('INVALID_ARGUMENT', `huber: delta must be a positive finite number, got ${String(delta)}`, { delta });
  }
  return regressionLoss('huber', (e) => {
    const size = abs(e);
    return {
      penalty: where(lessEqual(size, delta), mul(square(e), 0.5), mul(sub(size, 0.5 * delta), delta)),
      derivative: clipByValue(e, -delta, delta),
    };
  });
}
