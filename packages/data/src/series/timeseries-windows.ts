// Keras `timeseries_dataset_from_array`, lazily, over one Float32Array.
// Reference: keras/src/utils/timeseries_dataset_utils.py —
//   num_seqs = end_index − start_index − (sequence_length − 1)·sampling_rate, capped at len(targets);
//   start positions p = 0, stride, 2·stride, … < num_seqs (relative to start_index);
//   window p = data[start + p + j·rate] for j < sequence_length; its target = targets[start + p].

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { checkNonNegativeInt } from '../validate.js';
import { packSeries } from './series-matrix.js';
import type { SeriesInput } from './series-matrix.js';
import { createWindowDataset } from './window-dataset.js';
import type { WindowDataset } from './window-dataset.js';

/** Options of {@link timeseriesWindows}; names and defaults follow Keras. */
export interface TimeseriesWindowsOptions {
  /** Time steps per window (Keras `sequence_length`). Required. */
  readonly sequenceLength: number;
  /**
   * Rows between the starts of two consecutive windows (Keras `sequence_stride`).
   * @default 1
   */
  readonly sequenceStride?: number;
  /**
   * Rows between two consecutive steps inside a window (Keras `sampling_rate`).
   * @default 1
   */
  readonly samplingRate?: number;
  /**
   * First row windows may use (Keras `start_index`).
   * @default 0
   */
  readonly startIndex?: number;
  /**
   * Rows at or after this one are not used (exclusive; Keras `end_index`).
   * @default data length
   */
  readonly endIndex?: number;
  /**
   * Windows per batch (Keras `batch_size`).
   * @default 128
   */
  readonly batchSize?: number;
  /**
   * Visit windows in a new random order each epoch.
   * @default false
   */
  readonly shuffle?: boolean;
  /**
   * Seed of the shuffling stream (same seed → same order, epoch by epoch).
   * @default 0
   */
  readonly seed?: number;
}

const WHERE = 'timeseriesWindows';

/**
 * Windows over `data` with exactly the semantics of Keras `timeseries_dataset_from_array`:
 * window `p` (counted from `startIndex`) holds rows `startIndex + p + j·samplingRate`,
 * `j < sequenceLength`, windows start every `sequenceStride` rows, and there are
 * `ceil(numSeqs / sequenceStride)` of them with
 * `numSeqs = min(endIndex − startIndex − (sequenceLength − 1)·samplingRate, targets.length)`.
 *
 * `targets[startIndex + p]` is the target of the window that **starts** at that row, so for
 * next-step prediction pass `data[:-L]` and `data[L:]`, as Keras's docs do (see the example).
 * 1-D data gives windows of shape `[sequenceLength]` (as in Keras); rows of `F` numbers give
 * `[sequenceLength, F]`. 1-D targets give scalar targets; rows of `K` give `[K]`.
 *
 * Differences from Keras, all on inputs Keras rejects or handles silently: `endIndex` may equal
 * the data length (Keras requires `<`); a `sequenceStride` or `samplingRate` ≥ the data length
 * is accepted; a range too short for one window, or targets too short for the last window,
 * throws here (Keras yields an empty dataset, or fails later in `tf.gather`). Shuffling
 * permutes all windows per epoch with rnnkit's seeded RNG, so orders differ from NumPy's.
 *
 * @example
 * ```ts
 * const data = Float32Array.from({ length: 100 }, (_, i) => i);
 * const L = 10;
 * // past 10 steps → the next one
 * const ds = timeseriesWindows(data.subarray(0, -L), data.subarray(L), { sequenceLength: L, batchSize: 32 });
 * ds.sample(0); // { x: [0, 1, …, 9], y: [10] }
 * ds.size;      // 90
 * ```
 */
export function timeseriesWindows(
  data: SeriesInput,
  targets: SeriesInput | null | undefined,
  options: TimeseriesWindowsOptions,
): WindowDataset {
  const { sequenceLength, sequenceStride = 1, samplingRate = 1, startIndex = 0, batchSize = 128, shuffle = false, seed = 0 } = options;
  checkPositiveInt(WHERE, 'sequenceLength', sequenceLength);
  checkPositiveInt(WHERE, 'sequenceStride', sequenceStride);
  checkPositiveInt(WHERE, 'samplingRate', samplingRate);
  checkPositiveInt(WHERE, 'batchSize', batchSize);
  checkNonNegativeInt(WHERE, 'startIndex', startIndex);
  const { matrix, rank } = packSeries(WHERE, 'data', data);
  const endIndex = options.endIndex ?? matrix.rows;
  checkPositiveInt(WHERE, 'endIndex', endIndex);
  if (startIndex >= matrix.rows) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: startIndex must be below the data length ${matrix.rows}, got ${startIndex}`);
  }
  if (endIndex > matrix.rows || endIndex <= startIndex) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `${WHERE}: endIndex must be in (startIndex = ${startIndex}, data length = ${matrix.rows}], got ${endIndex}`,
    );
  }

  const span = (sequenceLength - 1) * samplingRate + 1;
  let numSeqs = endIndex - startIndex - (sequenceLength - 1) * samplingRate;
  if (numSeqs <= 0) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `${WHERE}: a window of sequenceLength ${sequenceLength} at samplingRate ${samplingRate} spans ${span} rows, ` +
        `but rows [${startIndex}, ${endIndex}) hold only ${endIndex - startIndex}`,
      { span, available: endIndex - startIndex },
    );
  }

  const packedTargets = targets === null || targets === undefined ? undefined : packSeries(WHERE, 'targets', targets);
  if (packedTargets) {
    numSeqs = Math.min(numSeqs, packedTargets.matrix.rows);
    const lastStart = startIndex + Math.floor((numSeqs - 1) / sequenceStride) * sequenceStride;
    if (lastStart >= packedTargets.matrix.rows) {
      throw new RnnkitError(
        'SHAPE_MISMATCH',
        `${WHERE}: targets has ${packedTargets.matrix.rows} rows, but the window starting at row ${lastStart} needs targets[${lastStart}]`,
        { targets: packedTargets.matrix.rows, needed: lastStart + 1 },
      );
    }
  }

  return createWindowDataset(WHERE, {
    values: matrix.values,
    columns: matrix.columns,
    selected: undefined,
    flat: rank === 1,
    sequenceLength,
    samplingRate,
    firstRow: startIndex,
    stride: sequenceStride,
    count: Math.ceil(numSeqs / sequenceStride),
    target: packedTargets && {
      values: packedTargets.matrix.values,
      columns: packedTargets.matrix.columns,
      selected: undefined,
      rowOffset: 0,
      horizon: 1,
      shape: packedTargets.rank === 1 ? [] : [packedTargets.matrix.columns],
    },
    batchSize,
    shuffle,
    seed,
  });
}
