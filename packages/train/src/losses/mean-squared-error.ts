// Mean squared error: ℓ(e) = e²,  ℓ'(e) = 2e,  e = p − y.

import { mul, square } from '@tensorflow/tfjs-core';
import { regressionLoss } from './loss.js';
import type { Loss } from './loss.js';

/**
 * Mean squared error, maskable: `Σ w·(p − y)² / Σ w` over every unmasked element.
 *
 * @example
 * ```ts
 * const { value, gradient } = meanSquaredError().valueAndGradient(predictions, targets, mask);
 * ```
 */
export function meanSquaredError(): Loss {
  return regressionLoss('meanSquaredError', (e) => ({ penalty: square(e), derivative: mul(e, 2) }));
}
