// Chronological split of a series into train / validation / test: contiguous, in time order,
// never shuffled (a shuffled split leaks the future into training).

import { RnnkitError } from '@rnnkit/core';
import { checkInRange } from '../validate.js';
import { isSeriesMatrix } from './series-matrix.js';
import type { SeriesMatrix } from './series-matrix.js';

/** A split point: a row index, or a date (ISO text, `Date`, or epoch milliseconds with `dates`). */
export type SplitPoint = number | string | Date;

/** Options of {@link splitSeries}: either fractions (`train`, `validation`) or split points (`at`). */
export interface SplitSeriesOptions {
  /**
   * Fraction of the rows in the training part (the first rows). Ignored when `at` is given.
   * @default 0.8
   */
  readonly train?: number;
  /**
   * Fraction of the rows in the validation part (right after the training part); the test part
   * is the rest.
   * @default 0
   */
  readonly validation?: number;
  /**
   * One split point (train | test) or two (train | validation | test). A number is a row
   * index (the part before it ends at row index − 1); a string or `Date` is a date, and the
   * part before it holds the rows dated strictly earlier.
   * @default undefined (use the fractions)
   */
  readonly at?: SplitPoint | readonly SplitPoint[];
  /**
   * The rows' dates, for date split points, when the series carries no `dates` of its own.
   * @default the series' `dates`
   */
  readonly dates?: readonly (string | number | Date)[];
}

/** The three parts, each of the input's kind (views for typed arrays and matrices); any may be empty but `train`. */
export interface SeriesSplit<T> {
  readonly train: T;
  readonly validation: T;
  readonly test: T;
}

type Splittable = ArrayLike<number> | readonly ArrayLike<number>[] | SeriesMatrix;

const WHERE = 'splitSeries';

/**
 * Splits `series` chronologically. Row boundaries are `round(rows · train)` and
 * `round(rows · (train + validation))` for fractions, or the given points.
 *
 * @example
 * ```ts
 * const { train, test } = splitSeries(temperatures, { train: 0.8 });
 * const { train: a, validation: b, test: c } = splitSeries(series, { at: ['1988-01-01', '1989-01-01'] });
 * ```
 */
export function splitSeries<T extends Splittable>(series: T, options: SplitSeriesOptions = {}): SeriesSplit<T> {
  const matrix = isSeriesMatrix(series) ? series : undefined;
  const rows = matrix ? matrix.rows : (series as ArrayLike<unknown>).length;
  if (rows === 0) throw new RnnkitError('EMPTY_INPUT', `${WHERE}: the series is empty`);

  let bounds: [number, number];
  if (options.at !== undefined) {
    const points = Array.isArray(options.at) ? (options.at as readonly SplitPoint[]) : [options.at as SplitPoint];
    if (points.length < 1 || points.length > 2) {
      throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: at must hold one or two split points, got ${points.length}`);
    }
    const resolved = points.map((p) => resolvePoint(p, rows, options.dates ?? matrix?.dates));
    bounds = resolved.length === 1 ? [resolved[0] as number, resolved[0] as number] : [resolved[0] as number, resolved[1] as number];
  } else {
    const train = options.train ?? 0.8;
    const validation = options.validation ?? 0;
    checkInRange(WHERE, 'train', train, 0, 1);
    checkInRange(WHERE, 'validation', validation, 0, 1);
    if (train + validation > 1 + 1e-12) {
      throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: train + validation must be ≤ 1, got ${train} + ${validation}`);
    }
    bounds = [Math.round(rows * train), Math.min(rows, Math.round(rows * (train + validation)))];
  }
  const [a, b] = bounds;
  if (a <= 0 || b < a) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: the split leaves ${Math.max(0, a)} training rows of ${rows} (boundaries ${a}, ${b})`, {
      boundaries: bounds,
    });
  }
  return { train: sliceRows(series, 0, a), validation: sliceRows(series, a, b), test: sliceRows(series, b, rows) };
}

function resolvePoint(point: SplitPoint, rows: number, dates: readonly (string | number | Date)[] | undefined): number {
  if (typeof point === 'number') {
    if (!Number.isInteger(point) || point < 0 || point > rows) {
      throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: split index must be an integer in [0, ${rows}], got ${point}`);
    }
    return point;
  }
  if (!dates) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: split point ${String(point)} is a date, but the series has no dates (pass options.dates)`);
  }
  if (dates.length !== rows) {
    throw new RnnkitError('SHAPE_MISMATCH', `${WHERE}: dates has ${dates.length} entries for ${rows} rows`);
  }
  const when = toTime(point, 'split point');
  let previous = -Infinity;
  let index = rows;
  for (let i = 0; i < rows; i++) {
    const t = toTime(dates[i] as string | number | Date, `dates[${i}]`);
    if (t < previous) throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: dates must be in ascending order; dates[${i}] is earlier than dates[${i - 1}]`);
    previous = t;
    if (index === rows && t >= when) index = i;
  }
  return index;
}

function toTime(value: string | number | Date, what: string): number {
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(t)) throw new RnnkitError('PARSE_ERROR', `${WHERE}: ${what} ${JSON.stringify(String(value))} is not a date`);
  return t;
}

function sliceRows<T extends Splittable>(series: T, from: number, to: number): T {
  if (isSeriesMatrix(series)) {
    const part: SeriesMatrix = {
      values: series.values.subarray(from * series.columns, to * series.columns),
      rows: to - from,
      columns: series.columns,
      ...(series.columnNames ? { columnNames: series.columnNames } : {}),
      ...(series.dates ? { dates: series.dates.slice(from, to) } : {}),
    };
    return part as T;
  }
  const array = series as unknown as { subarray?: (a: number, b: number) => T; slice?: (a: number, b: number) => T };
  if (typeof array.subarray === 'function') return array.subarray(from, to);
  if (typeof array.slice === 'function') return array.slice(from, to);
  return Array.prototype.slice.call(series, from, to) as unknown as T;
}
