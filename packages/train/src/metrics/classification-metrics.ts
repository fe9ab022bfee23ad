// Metrics of next-token models, from logits z and integer targets y over unmasked positions:
//   accuracy   = mean [argmax z = y]
//   perplexity = exp(mean −log softmax(z)_y)          (nats)
//   bits per character = mean −log₂ softmax(z)_y = mean CE / ln 2

import { argMax, cast, equal, reshape, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkClassTargets, negativeLogLikelihood } from '../losses/sparse-categorical-cross-entropy.js';
import { maskedTotals } from './metric.js';
import type { Metric, MetricName, MetricTotals } from './metric.js';

/** Per-position values `[..., 1]` from logits and int32 targets. */
type PositionValue = (logits: Tensor, ids: Tensor) => Tensor;

const crossEntropy: PositionValue = (logits, ids) => negativeLogLikelihood(logits, ids).nll;

const correct: PositionValue = (logits, ids) =>
  reshape(cast(equal(argMax(logits, -1), ids), 'float32'), [...ids.shape, 1]);

function classMetric(name: MetricName, value: PositionValue, finalize: (t: MetricTotals) => number): Metric {
  return {
    name,
    accumulate(logits, targets, mask) {
      const values = tidy(() => value(logits, checkClassTargets(name, logits, targets)));
      const totals = maskedTotals(name, values, mask, 1);
      values.dispose();
      return totals;
    },
    finalize: (t) => (t.count === 0 ? Number.NaN : finalize(t)),
  };
}

/**
 * Fraction of positions where the highest logit is the target class.
 *
 * @example
 * ```ts
 * evaluateMetric(accuracy(), logits, targetIds, mask); // 0 … 1
 * ```
 */
export function accuracy(): Metric {
  return classMetric('accuracy', correct, (t) => t.sum / t.count);
}

/**
 * Perplexity: e to the mean cross-entropy in nats (a uniform guess over V classes scores V).
 *
 * @example
 * ```ts
 * evaluateMetric(perplexity(), tf.zeros([4, 10]), tf.tensor1d([0, 1, 2, 3], 'int32')); // 10
 * ```
 */
export function perplexity(): Metric {
  return classMetric('perplexity', crossEntropy, (t) => Math.exp(t.sum / t.count));
}

/**
 * Bits per character: the mean cross-entropy in bits (char-rnn's measure).
 *
 * @example
 * ```ts
 * evaluateMetric(bitsPerCharacter(), tf.zeros([4, 8]), ids); // 3 (= log₂ 8)
 * ```
 */
export function bitsPerCharacter(): Metric {
  return classMetric('bitsPerCharacter', crossEntropy, (t) => t.sum / t.count / Math.LN2);
}
