// The metric contract: a metric streams over batches as a (sum, count) pair and finishes with
// a formula of the totals, so an epoch's metric is exact over all its batches (an RMSE of
// batch RMSEs would not be).

import { sum as tfSum, mul, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { positionWeights } from '../losses/loss.js';

/** Names of the built-in metrics. */
export type MetricName = 'rmse' | 'mae' | 'mape' | 'accuracy' | 'perplexity' | 'bitsPerCharacter';

/** Running totals of a metric. */
export type MetricTotals = { sum: number; count: number };

/** A streaming metric. */
export interface Metric {
  readonly name: MetricName;
  /** Totals of one batch (masked positions excluded). Reads the result off the device. */
  accumulate(predictions: Tensor, targets: Tensor, mask?: Tensor | null): MetricTotals;
  /** The metric of accumulated totals. */
  finalize(totals: MetricTotals): number;
}

/**
 * The metric of one batch.
 *
 * @example
 * ```ts
 * evaluateMetric(rmse(), predictions, targets); // a number
 * ```
 */
export function evaluateMetric(metric: Metric, predictions: Tensor, targets: Tensor, mask?: Tensor | null): number {
  return metric.finalize(metric.accumulate(predictions, targets, mask));
}

/** Adds a batch's totals to running ones. */
export function addTotals(a: MetricTotals, b: MetricTotals): MetricTotals {
  return { sum: a.sum + b.sum, count: a.count + b.count };
}

/** Σ w·f(elements) and Σ w for an elementwise quantity, `perPosition` elements per mask entry. */
export function maskedTotals(
  where: string,
  values: Tensor,
  mask: Tensor | null | undefined,
  perPosition: number,
): MetricTotals {
  const [s, n] = tidy(() => {
    const { weights, total } = positionWeights(where, values, mask, perPosition);
    return [tfSum(mul(values, weights)), total];
  });
  const totals = { sum: s.dataSync()[0] as number, count: n.dataSync()[0] as number };
  s.dispose();
  n.dispose();
  // positionWeights floors a zero count at ε; a fully masked batch counts nothing.
  if (totals.count < 1e-6) totals.count = 0;
  return totals;
}
