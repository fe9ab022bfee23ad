// Regression metrics over unmasked elements e = p − y:
//   RMSE = sqrt(Σe²/n)    MAE = Σ|e|/n    MAPE = 100·Σ|e/y|/n (%)

import { abs, div, square, sub, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import { checkSameShape } from '../losses/loss.js';
import { maskedTotals } from './metric.js';
import type { Metric, MetricName, MetricTotals } from './metric.js';

function elementwiseMetric(
  name: MetricName,
  element: (predictions: Tensor, targets: Tensor) => Tensor,
  finalize: (totals: MetricTotals) => number,
): Metric {
  return {
    name,
    accumulate(predictions, targets, mask) {
      checkSameShape(name, predictions, targets);
      const values = tidy(() => element(predictions, targets));
      const totals = maskedTotals(name, values, mask, predictions.shape.at(-1) as number);
      values.dispose();
      return totals;
    },
    finalize: (t) => (t.count === 0 ? Number.NaN : finalize(t)),
  };
}

/**
 * Root mean squared error.
 *
 * @example
 * ```ts
 * evaluateMetric(rmse(), tf.tensor2d([[1], [3]]), tf.tensor2d([[0], [0]])); // sqrt(5)
 * ```
 */
export function rmse(): Metric {
  return elementwiseMetric('rmse', (p, y) => square(sub(p, y)), (t) => Math.sqrt(t.sum / t.count));
}

/**
 * Mean absolute error.
 *
 * @example
 * ```ts
 * evaluateMetric(mae(), tf.tensor2d([[1], [3]]), tf.tensor2d([[0], [0]])); // 2
 * ```
 */
export function mae(): Metric {
  return elementwiseMetric('mae', (p, y) => abs(sub(p, y)), (t) => t.sum / t.count);
}

/**
 * Mean absolute percentage error, in percent. Targets equal to 0 make it infinite, so they
 * are refused.
 *
 * @example
 * ```ts
 * evaluateMetric(mape(), tf.tensor2d([[1.1], [1.8]]), tf.tensor2d([[1], [2]])); // 10
 * ```
 */
export function mape(): Metric {
  const metric = elementwiseMetric('mape', (p, y) => abs(div(sub(p, y), y)), (t) => (100 * t.sum) / t.count);
  return {
    ...metric,
    accumulate(predictions, targets, mask) {
      const totals = metric.accumulate(predictions, targets, mask);
      if (!Number.isFinite(totals.sum)) {
        throw new RnnkitError('INVALID_ARGUMENT', 'mape: a target is 0 (or not finite), so the percentage error is undefined; use mae or rmse');
      }
      return totals;
    },
  };
}
