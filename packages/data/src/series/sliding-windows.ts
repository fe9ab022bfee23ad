// The forecasting view of a series: `window` past rows → the next `horizon` rows.
// The lecture's table (35, 32, 45, 48, 41, 39, 36 with window 3):
//   [35, 32, 45] → 48,  [32, 45, 48] → 41,  [45, 48, 41] → 39,  [48, 41, 39] → 36.

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { packSeries, resolveColumn } from './series-matrix.js';
import type { ColumnSelector, SeriesInput } from './series-matrix.js';
import { createWindowDataset } from './window-dataset.js';
import type { WindowDataset } from './window-dataset.js';

/** Options of {@link slidingWindows}. */
export interface SlidingWindowsOptions {
  /** Past rows per input window. Required. */
  readonly window: number;
  /**
   * Future rows to predict: 1 for next-step, more for multi-step forecasting.
   * @default 1
   */
  readonly horizon?: number;
  /**
   * Rows between the starts of two consecutive windows.
   * @default 1
   */
  readonly stride?: number;
  /**
   * Columns (names or indices) fed to the model.
   * @default all columns
   */
  readonly inputColumns?: readonly ColumnSelector[];
  /**
   * Columns (names or indices) to predict.
   * @default all columns
   */
  readonly targetColumns?: readonly ColumnSelector[];
  /**
   * Windows per batch.
   * @default 32
   */
  readonly batchSize?: number;
  /**
   * Visit windows in a new random order each epoch.
   * @default false
   */
  readonly shuffle?: boolean;
  /**
   * Seed of the shuffling stream.
   * @default 0
   */
  readonly seed?: number;
}

const WHERE = 'slidingWindows';

/**
 * Supervised samples for forecasting: window `k` is rows `k·stride … k·stride + window − 1`
 * (the `inputColumns`), its target the next `horizon` rows (the `targetColumns`). Inputs have
 * shape `[window, inputColumns.length]` (ready for an RNN), targets `[horizon · targetColumns.length]`
 * in time-major order (step t+1's columns, then step t+2's, …). There are
 * `floor((rows − window − horizon) / stride) + 1` windows.
 *
 * @example
 * ```ts
 * const ds = slidingWindows([35, 32, 45, 48, 41, 39, 36], { window: 3 });
 * ds.size;      // 4
 * ds.sample(0); // { x: [35, 32, 45], y: [48] }
 * ds.sample(3); // { x: [48, 41, 39], y: [36] }
 * ```
 */
export function slidingWindows(series: SeriesInput, options: SlidingWindowsOptions): WindowDataset {
  const { window, horizon = 1, stride = 1, batchSize = 32, shuffle = false, seed = 0 } = options;
  checkPositiveInt(WHERE, 'window', window);
  checkPositiveInt(WHERE, 'horizon', horizon);
  checkPositiveInt(WHERE, 'stride', stride);
  checkPositiveInt(WHERE, 'batchSize', batchSize);
  const { matrix } = packSeries(WHERE, 'series', series);
  const pick = (which: string, columns: readonly ColumnSelector[] | undefined): readonly number[] | undefined => {
    if (columns === undefined) return undefined;
    if (columns.length === 0) throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: ${which} must name at least one column`);
    const picked = columns.map((c) => resolveColumn(WHERE, matrix, c));
    const isAll = picked.length === matrix.columns && picked.every((c, i) => c === i);
    return isAll ? undefined : picked;
  };
  const inputs = pick('inputColumns', options.inputColumns);
  const targets = pick('targetColumns', options.targetColumns);

  const needed = window + horizon;
  if (matrix.rows < needed) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `${WHERE}: window ${window} + horizon ${horizon} needs ${needed} rows, but the series has ${matrix.rows}`,
      { needed, rows: matrix.rows },
    );
  }

  return createWindowDataset(WHERE, {
    values: matrix.values,
    columns: matrix.columns,
    selected: inputs,
    flat: false,
    sequenceLength: window,
    samplingRate: 1,
    firstRow: 0,
    stride,
    count: Math.floor((matrix.rows - needed) / stride) + 1,
    target: {
      values: matrix.values,
      columns: matrix.columns,
      selected: targets,
      rowOffset: window,
      horizon,
      shape: [horizon * (targets ? targets.length : matrix.columns)],
    },
    batchSize,
    shuffle,
    seed,
  });
}
