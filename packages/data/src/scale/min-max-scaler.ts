// Min–max scaling per column, as scikit-learn's MinMaxScaler:
//   x' = (x − min) / (max − min) · (high − low) + low,  with max − min = 0 treated as 1.

import { RnnkitError } from '@rnnkit/core';
import { affineScaler, columnValues, NEAR_ZERO_SCALE } from './scaler.js';
import type { Scaler, ScalerJSON } from './scaler.js';

/** Options of {@link minMaxScaler}. */
export interface MinMaxScalerOptions {
  /**
   * The range the training minimum and maximum map to.
   * @default [0, 1]
   */
  readonly featureRange?: readonly [number, number];
}

/** An unfitted min–max scaler: call `fit` with the training part only. */
export interface MinMaxScalerFactory {
  fit(train: Parameters<typeof columnValues>[1]): Scaler;
}

/**
 * Min–max scaler. Fit it on the training part only; validation and test data are then scaled
 * with the training min and max (so they may land outside `featureRange`, which is honest).
 *
 * @example
 * ```ts
 * const { train, test } = splitSeries(series, { train: 0.8 });
 * const scaler = minMaxScaler().fit(train);
 * const trainScaled = scaler.transform(train); // in [0, 1]
 * const testScaled = scaler.transform(test);   // same min/max as train
 * scaler.inverse(testScaled);                  // ≈ test
 * ```
 */
export function minMaxScaler(options: MinMaxScalerOptions = {}): MinMaxScalerFactory {
  const featureRange = options.featureRange ?? [0, 1];
  const [low, high] = featureRange;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RnnkitError('INVALID_ARGUMENT', `minMaxScaler: featureRange must be [low, high] with low < high, got [${String(low)}, ${String(high)}]`);
  }
  return {
    fit: (train) => {
      const data = columnValues('minMaxScaler.fit', train);
      const min = new Array<number>(data.columns).fill(Infinity);
      const max = new Array<number>(data.columns).fill(-Infinity);
      for (let t = 0; t < data.rows; t++) {
        for (let c = 0; c < data.columns; c++) {
          const v = data.get(t, c);
          if (v < (min[c] as number)) min[c] = v;
          if (v > (max[c] as number)) max[c] = v;
        }
      }
      return minMaxFromStats({ kind: 'minMax', version: 1, min, max, featureRange: [low, high], ...(data.columnNames ? { columnNames: data.columnNames } : {}) });
    },
  };
}

/** Rebuilds a fitted min–max scaler from its JSON. */
export function minMaxFromStats(json: Extract<ScalerJSON, { kind: 'minMax' }>): Scaler {
  const [low, high] = json.featureRange;
  const a = json.min.map((lo, c) => {
    const range = (json.max[c] as number) - lo;
    // scikit-learn's _handle_zeros_in_scale: a range under 10·eps counts as constant (its
    // reciprocal would overflow to Infinity and 0·Infinity gives NaN).
    return (high - low) / (range < NEAR_ZERO_SCALE ? 1 : range);
  });
  const b = json.min.map((lo, c) => low - lo * (a[c] as number));
  return affineScaler('minMax', a, b, json.columnNames, () => ({ ...json, min: [...json.min], max: [...json.max] }));
}
