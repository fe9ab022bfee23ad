import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { evaluateMetric } from '../metrics/metric.js';
import { rmse } from '../metrics/regression-metrics.js';
import { persistenceForecast } from './persistence.js';

describe('persistenceForecast', () => {
  it('forecasts the last value of each window, for chosen features and horizons', () => {
    const windows = tf.tensor3d([[[1, 10], [2, 20], [3, 30]], [[4, 40], [5, 50], [6, 60]]]);
    expect(persistenceForecast(windows).arraySync()).toEqual([[3, 30], [6, 60]]);
    expect(persistenceForecast(windows, { targetFeatures: [1] }).arraySync()).toEqual([[30], [60]]);
    expect(persistenceForecast(windows, { targetFeatures: [0], horizon: 2 }).arraySync()).toEqual([[[3], [3]], [[6], [6]]]);
    expect(persistenceForecast(tf.tensor2d([[1, 2, 3]])).arraySync()).toEqual([[3]]);
  });

  it('on a line with slope s its RMSE is |s| (by hand: every one-step change is s)', () => {
    const s = 0.5;
    const windows = tf.tensor3d(Array.from({ length: 4 }, (_, b) => Array.from({ length: 3 }, (_, t) => [s * (b + t)])));
    const targets = tf.tensor2d(Array.from({ length: 4 }, (_, b) => [s * (b + 3)]));
    expect(evaluateMetric(rmse(), persistenceForecast(windows), targets)).toBeCloseTo(0.5, 6);
  });

  it('rejects a feature index outside the window', () => {
    expect(() => persistenceForecast(tf.zeros([1, 2, 1]), { targetFeatures: [1] })).toThrow(/target feature 1 is not in \[0, 1\)/);
  });
});
