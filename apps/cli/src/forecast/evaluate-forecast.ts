// Scoring on the test part, in the data's own units: the model's predictions are un-scaled with
// the training scaler and compared with the raw series; persistence (@rnnkit/train) reads the
// raw windows. RMSE and MAE are @rnnkit/train's metrics.

import type { SequentialModel } from '@rnnkit/core';
import { slidingWindows } from '@rnnkit/data';
import type { WindowDataset } from '@rnnkit/data';
import { evaluateMetric, mae, persistenceForecast, rmse } from '@rnnkit/train';
import { reshape, tensor, tensor2d, tidy } from '@tensorflow/tfjs-core';
import type { ForecastData } from './forecast-data.js';
import { rowRange } from './forecast-data.js';

/** Predictions `[windows × horizon]` (row-major) of a model on a window dataset, in data units. */
export interface Predictions {
  /** `windows × horizon` values, row-major. */
  readonly values: Float32Array;
  readonly windows: number;
  readonly horizon: number;
}

/** RMSE and MAE of one forecaster on the test part. */
export interface Score {
  readonly rmse: number;
  readonly mae: number;
}

/**
 * The model's predictions on `dataset` (scaled inputs), un-scaled to the target's units.
 *
 * @example
 * ```ts
 * const { values } = predictDataset(model, data.test, data);
 * ```
 */
export function predictDataset(model: SequentialModel, dataset: WindowDataset, data: Pick<ForecastData, 'scaler' | 'loaded'>): Predictions {
  const horizon = dataset.targetShape?.[0] ?? 1;
  const values = new Float32Array(dataset.size * horizon);
  let offset = 0;
  for (const batch of dataset.batches()) {
    const out = tidy(() => model.predict(tensor(batch.xs, [...batch.xsShape], 'float32')));
    values.set(out.dataSync(), offset);
    offset += out.size;
    out.dispose();
  }
  return { values: data.scaler.inverse(values, { column: data.loaded.target }), windows: dataset.size, horizon };
}

/** The raw (unscaled) target windows of the test part: inputs are the target column alone. */
function rawTestWindows(data: ForecastData, window: number): WindowDataset {
  const [from, to] = data.rows.test;
  return slidingWindows(rowRange(data.loaded.series, from - window, to), {
    window,
    horizon: data.test.targetShape?.[0] ?? 1,
    inputColumns: [data.loaded.target],
    targetColumns: [data.loaded.target],
    batchSize: 256,
  });
}

/**
 * RMSE and MAE of predictions against targets (both `[windows × horizon]`).
 *
 * @example
 * ```ts
 * score(predictions.values, targets, horizon); // { rmse: 2.19, mae: 1.71 }
 * ```
 */
export function score(predicted: Float32Array, actual: Float32Array, horizon: number): Score {
  const rows = actual.length / horizon;
  const p = tensor2d(predicted, [rows, horizon]);
  const y = tensor2d(actual, [rows, horizon]);
  try {
    return { rmse: evaluateMetric(rmse(), p, y), mae: evaluateMetric(mae(), p, y) };
  } finally {
    p.dispose();
    y.dispose();
  }
}

/**
 * The true test values and persistence's forecast of them (tomorrow = today, repeated over the
 * horizon), both `[windows × horizon]` in data units, from the raw test windows.
 *
 * @example
 * ```ts
 * const { actual, persistence } = testBaseline(data, 30);
 * ```
 */
export function testBaseline(data: ForecastData, window: number): { actual: Float32Array; persistence: Float32Array } {
  const raw = rawTestWindows(data, window);
  const horizon = raw.targetShape?.[0] ?? 1;
  const actual = new Float32Array(raw.size * horizon);
  const persistence = new Float32Array(raw.size * horizon);
  let offset = 0;
  for (const batch of raw) {
    const forecast = tidy(() => reshape(persistenceForecast(tensor(batch.xs, [...batch.xsShape], 'float32'), { horizon }), [batch.size, horizon]));
    persistence.set(forecast.dataSync(), offset);
    actual.set(batch.ys as Float32Array, offset);
    offset += forecast.size;
    forecast.dispose();
  }
  return { actual, persistence };
}
