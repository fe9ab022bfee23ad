// From a loaded series to what training and evaluation read: a chronological split (fractions or
// dates, @rnnkit/data splitSeries), a standard scaler fitted on the training rows only, and lazy
// window datasets for each part. The windows of the validation and test parts start `window`
// rows before the part, so every one of its rows is a target exactly once.

import { slidingWindows, splitSeries, standardScaler } from '@rnnkit/data';
import type { Scaler, SeriesMatrix, WindowDataset } from '@rnnkit/data';
import { CliError } from '../cli-error.js';
import { inContext } from '../describe-error.js';
import type { LoadedSeries } from './load-series.js';

/** How to split the rows. */
export type SplitRequest = { readonly val: number; readonly test: number } | { readonly validationFrom: string; readonly testFrom: string };

/** Window settings. */
export interface WindowRequest {
  readonly window: number;
  readonly horizon: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** Row ranges [from, to) of the three parts. */
export interface PartRows {
  readonly train: readonly [number, number];
  readonly validation: readonly [number, number];
  readonly test: readonly [number, number];
}

/** Everything training and evaluation read. */
export interface ForecastData {
  readonly loaded: LoadedSeries;
  readonly scaler: Scaler;
  /** The whole series, scaled with the training statistics. */
  readonly scaled: SeriesMatrix;
  readonly rows: PartRows;
  /** Shuffled training windows (a new order each epoch, from `seed`). */
  readonly train: WindowDataset;
  /** Validation windows, in order (`undefined` when the validation part is too short). */
  readonly validation: WindowDataset | undefined;
  /** Test windows, in order. */
  readonly test: WindowDataset;
}

/**
 * Rows [from, to) of a series, as a view (no copy).
 *
 * @example
 * ```ts
 * rowRange(series, 10, 20).rows; // 10
 * ```
 */
export function rowRange(series: SeriesMatrix, from: number, to: number): SeriesMatrix {
  return {
    values: series.values.subarray(from * series.columns, to * series.columns),
    rows: to - from,
    columns: series.columns,
    ...(series.columnNames ? { columnNames: series.columnNames } : {}),
    ...(series.dates ? { dates: series.dates.slice(from, to) } : {}),
  };
}

function partRows(loaded: LoadedSeries, split: SplitRequest, where: string): PartRows {
  const { series } = loaded;
  const parts =
    'val' in split
      ? splitSeries(series, { train: 1 - split.val - split.test, validation: split.val })
      : splitSeries(series, { at: [split.validationFrom, split.testFrom] });
  const trainEnd = parts.train.rows;
  const valEnd = trainEnd + parts.validation.rows;
  if (parts.test.rows === 0) throw new CliError('usage', `${where}: the test part is empty (${series.rows} rows)`, 'raise --test or give more rows');
  return { train: [0, trainEnd], validation: [trainEnd, valEnd], test: [valEnd, series.rows] };
}

/**
 * Splits, scales and windows a loaded series.
 *
 * @example
 * ```ts
 * const data = await prepareForecastData(loaded, { val: 0.1, test: 0.1 }, { window: 30, horizon: 1, batchSize: 32, seed: 0 });
 * ```
 */
export async function prepareForecastData(loaded: LoadedSeries, split: SplitRequest, request: WindowRequest, where: string): Promise<ForecastData> {
  const { window, horizon, batchSize, seed } = request;
  const rows = await inContext(where, () => partRows(loaded, split, where), { INVALID_ARGUMENT: 'choose --val/--test fractions that leave training rows' });
  const [, trainEnd] = rows.train;
  if (trainEnd < window + horizon) {
    throw new CliError('usage', `${where}: the training part has ${trainEnd} rows, too few for --window ${window} and --horizon ${horizon}`, 'lower --window, --val or --test, or give more rows');
  }
  const scaler = await inContext(where, () => standardScaler().fit(rowRange(loaded.series, 0, trainEnd)));
  const scaled = scaler.transform(loaded.series);
  const windows = (from: number, to: number, shuffle: boolean): WindowDataset =>
    slidingWindows(rowRange(scaled, from, to), {
      window,
      horizon,
      inputColumns: [...loaded.features],
      targetColumns: [loaded.target],
      batchSize,
      shuffle,
      seed,
    });
  const [valFrom, valTo] = rows.validation;
  const [testFrom, testTo] = rows.test;
  if (testTo - testFrom < horizon) {
    throw new CliError('usage', `${where}: the test part has ${testTo - testFrom} rows, fewer than --horizon ${horizon}`, 'raise --test or lower --horizon');
  }
  return {
    loaded,
    scaler,
    scaled,
    rows,
    train: windows(0, trainEnd, true),
    validation: valTo - valFrom >= horizon ? windows(valFrom - window, valTo, false) : undefined,
    test: windows(testFrom - window, testTo, false),
  };
}
