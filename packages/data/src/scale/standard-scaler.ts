// Standardisation per column, as scikit-learn's StandardScaler:
//   x' = (x − mean) / std,  std the population standard deviation (ddof = 0), a std under 10·eps treated as 1.

import { affineScaler, columnValues, NEAR_ZERO_SCALE } from './scaler.js';
import type { Scaler, ScalerJSON } from './scaler.js';

/** An unfitted standard scaler: call `fit` with the training part only. */
export interface StandardScalerFactory {
  fit(train: Parameters<typeof columnValues>[1]): Scaler;
}

/**
 * Standard (z-score) scaler. Fit it on the training part only; other parts are scaled with
 * the training mean and standard deviation.
 *
 * @example
 * ```ts
 * const scaler = standardScaler().fit([[1, 10], [3, 30]]);
 * scaler.transform([[2, 20]]); // [[0, 0]]
 * scaler.toJSON();             // { kind: 'standard', version: 1, mean: [2, 20], std: [1, 10] }
 * ```
 */
export function standardScaler(): StandardScalerFactory {
  return {
    fit: (train) => {
      const data = columnValues('standardScaler.fit', train);
      const mean = new Array<number>(data.columns).fill(0);
      const std = new Array<number>(data.columns).fill(0);
      for (let t = 0; t < data.rows; t++) for (let c = 0; c < data.columns; c++) mean[c] = (mean[c] as number) + data.get(t, c);
      for (let c = 0; c < data.columns; c++) mean[c] = (mean[c] as number) / data.rows;
      // Two-pass variance: stable for series far from zero (temperatures in kelvin, prices).
      for (let t = 0; t < data.rows; t++) {
        for (let c = 0; c < data.columns; c++) {
          const d = data.get(t, c) - (mean[c] as number);
          std[c] = (std[c] as number) + d * d;
        }
      }
      for (let c = 0; c < data.columns; c++) std[c] = Math.sqrt((std[c] as number) / data.rows);
      return standardFromStats({ kind: 'standard', version: 1, mean, std, ...(data.columnNames ? { columnNames: data.columnNames } : {}) });
    },
  };
}

/** Rebuilds a fitted standard scaler from its JSON. */
export function standardFromStats(json: Extract<ScalerJSON, { kind: 'standard' }>): Scaler {
  const a = json.std.map((s) => 1 / (s < NEAR_ZERO_SCALE ? 1 : s));
  const b = json.mean.map((m, c) => -m * (a[c] as number));
  return affineScaler('standard', a, b, json.columnNames, () => ({ ...json, mean: [...json.mean], std: [...json.std] }));
}
