// What forecast and demo write about a fitted forecaster: the score table, the settings as JSON
// and the tail of the series that `rnnkit predict` continues from.

import { formatTable } from '../output/format-table.js';
import type { FittedForecaster } from './fit-forecaster.js';
import type { ForecastInfo } from './forecast-metadata.js';

/**
 * The last `window` rows of the series, for `rnnkit predict` without a CSV.
 *
 * @example
 * ```ts
 * seriesTail(fitted, 30).values.length; // 30 × columns
 * ```
 */
export function seriesTail(fitted: FittedForecaster, window: number): ForecastInfo['tail'] {
  const { series } = fitted.data.loaded;
  const from = series.rows - window;
  return {
    columns: [...(series.columnNames ?? [])],
    values: Array.from(series.values.subarray(from * series.columns)),
    dates: series.dates ? series.dates.slice(from) : null,
  };
}

/**
 * The RMSE/MAE table printed by forecast and demo.
 *
 * @example
 * ```ts
 * scoreTable([{ name: 'LSTM', rmse: 2.19, mae: 1.7 }], ' (°C)');
 * ```
 */
export function scoreTable(rows: readonly { name: string; rmse: number; mae: number }[], unit: string): string {
  return formatTable(
    ['forecaster', `RMSE${unit}`, `MAE${unit}`],
    rows.map((r) => [r.name, r.rmse.toFixed(3), r.mae.toFixed(3)]),
  );
}
