// Mean absolute error: ℓ(e) = |e|,  ℓ'(e) = sign(e) (0 at e = 0, the subgradient tfjs uses).

import { abs, sign } from '@tensorflow/tfjs-core';
import { regressionLoss } from './loss.js';
import type { Loss } from './loss.js';

/**
 * Mean absolute error, maskable: `Σ w·|p − y| / Σ w`.
 *
 * @example
 * ```ts
 * const loss = meanAbsoluteError().value(predictions, targets);
 * ```
 */
export function meanAbsoluteError(): Loss {
  return regressionLoss('meanAbsoluteError', (e) => ({ penalty: abs(e), derivative: sign(e) }));
}
