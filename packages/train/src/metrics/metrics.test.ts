import * as tf from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { accuracy, bitsPerCharacter, perplexity } from './classification-metrics.js';
import { addTotals, evaluateMetric } from './metric.js';
import { mae, mape, rmse } from './regression-metrics.js';

describe('regression metrics', () => {
  // Errors e = p − y: [1, −2, 0.5, 4]; the mask drops the last position.
  const p = tf.tensor3d([2, 0, 1.5, 8], [1, 4, 1]);
  const y = tf.tensor3d([1, 2, 1, 4], [1, 4, 1]);
  const mask = tf.tensor2d([[1, 1, 1, 0]]);

  it('rmse, mae and mape equal their formulas, with and without a mask', () => {
    expect(evaluateMetric(rmse(), p, y)).toBeCloseTo(Math.sqrt((1 + 4 + 0.25 + 16) / 4), 6);
    expect(evaluateMetric(rmse(), p, y, mask)).toBeCloseTo(Math.sqrt((1 + 4 + 0.25) / 3), 6);
    expect(evaluateMetric(mae(), p, y)).toBeCloseTo((1 + 2 + 0.5 + 4) / 4, 6);
    expect(evaluateMetric(mae(), p, y, mask)).toBeCloseTo(3.5 / 3, 6);
    expect(evaluateMetric(mape(), p, y)).toBeCloseTo((100 * (1 + 1 + 0.5 + 1)) / 4, 4);
  });

  it('streams: totals of two batches give the metric of their union, not a mean of means', () => {
    const a = rmse().accumulate(tf.tensor2d([[1]]), tf.tensor2d([[0]]));
    const b = rmse().accumulate(tf.tensor2d([[3], [3]]), tf.tensor2d([[0], [0]]));
    expect(rmse().finalize(addTotals(a, b))).toBeCloseTo(Math.sqrt(19 / 3), 6);
  });

  it('mape refuses zero targets', () => {
    expect(() => evaluateMetric(mape(), tf.tensor2d([[1]]), tf.tensor2d([[0]]))).toThrow(RnnkitError);
  });
});

describe('next-token metrics', () => {
  it('a uniform model over V classes has perplexity V and log₂V bits per character', () => {
    const logits = tf.zeros([2, 3, 8]);
    const ids = tf.tensor2d([[0, 1, 2], [7, 6, 5]], [2, 3], 'int32');
    expect(evaluateMetric(perplexity(), logits, ids)).toBeCloseTo(8, 4);
    expect(evaluateMetric(bitsPerCharacter(), logits, ids)).toBeCloseTo(3, 5);
  });

  it('perplexity and bits per character equal exp / log₂ of the hand-computed cross-entropy', () => {
    const logits = tf.tensor2d([[2, 0, 0], [0, 1, 0]]);
    const ids = tf.tensor1d([0, 2], 'int32');
    const ce1 = -Math.log(Math.exp(2) / (Math.exp(2) + 2));
    const ce2 = -Math.log(1 / (Math.E + 2));
    expect(evaluateMetric(perplexity(), logits, ids)).toBeCloseTo(Math.exp((ce1 + ce2) / 2), 5);
    expect(evaluateMetric(bitsPerCharacter(), logits, ids)).toBeCloseTo((ce1 + ce2) / 2 / Math.LN2, 5);
    expect(evaluateMetric(perplexity(), logits, ids, tf.tensor1d([1, 0]))).toBeCloseTo(Math.exp(ce1), 5);
  });

  it('accuracy counts argmax hits over unmasked positions', () => {
    const logits = tf.tensor3d([1, 0, 0, 1, 1, 0, 0, 1], [1, 4, 2]);
    const ids = tf.tensor2d([[0, 0, 0, 1]], [1, 4], 'int32');
    expect(evaluateMetric(accuracy(), logits, ids)).toBeCloseTo(3 / 4, 6);
    expect(evaluateMetric(accuracy(), logits, ids, tf.tensor2d([[1, 1, 0, 0]]))).toBeCloseTo(1 / 2, 6);
  });

  it('leaves no tensors behind', () => {
    const logits = tf.randomNormal([3, 5]);
    const ids = tf.tensor1d([0, 1, 4], 'int32');
    const before = tf.memory().numTensors;
    for (const metric of [accuracy(), perplexity(), bitsPerCharacter()]) evaluateMetric(metric, logits, ids);
    evaluateMetric(rmse(), logits, logits);
    expect(tf.memory().numTensors).toBe(before);
  });
});
