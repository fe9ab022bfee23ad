// The fitted-scaler contract shared by minMaxScaler and standardScaler: a per-column affine
// map x' = a·x + b, its inverse x = (x' − b) / a, and a JSON form that restores it exactly.

import { RnnkitError } from '@rnnkit/core';
import { isSeriesMatrix, resolveColumn } from '../series/series-matrix.js';
import type { ColumnSelector, SeriesMatrix } from '../series/series-matrix.js';

/** Options of {@link Scaler.transform} and {@link Scaler.inverse}. */
export interface ScaleOptions {
  /**
   * For 1-D input on a scaler fitted to several columns: whose statistics to use (e.g. the
   * target column, to un-scale a model's predictions).
   * @default 0 when the scaler has one column; required otherwise
   */
  readonly column?: ColumnSelector;
}

/** The JSON form of a fitted scaler; {@link scalerFromJSON} restores it. */
export type ScalerJSON =
  | {
      readonly kind: 'minMax';
      readonly version: 1;
      readonly min: readonly number[];
      readonly max: readonly number[];
      readonly featureRange: readonly [number, number];
      readonly columnNames?: readonly string[];
    }
  | {
      readonly kind: 'standard';
      readonly version: 1;
      readonly mean: readonly number[];
      readonly std: readonly number[];
      readonly columnNames?: readonly string[];
    };

/**
 * A scaler fitted to a training part. `transform` and `inverse` return a new series of the
 * input's kind (`number[]`, `number[][]`, `Float32Array`, `SeriesMatrix`); they never fit again,
 * so test data is scaled with the training statistics (values may fall outside the range).
 */
export interface Scaler {
  readonly kind: 'minMax' | 'standard';
  /** Number of columns it was fitted on. */
  readonly columns: number;
  transform(series: SeriesMatrix, options?: ScaleOptions): SeriesMatrix;
  transform(series: readonly (readonly number[])[], options?: ScaleOptions): number[][];
  transform(series: readonly number[], options?: ScaleOptions): number[];
  transform(series: ArrayLike<number>, options?: ScaleOptions): Float32Array;
  inverse(series: SeriesMatrix, options?: ScaleOptions): SeriesMatrix;
  inverse(series: readonly (readonly number[])[], options?: ScaleOptions): number[][];
  inverse(series: readonly number[], options?: ScaleOptions): number[];
  inverse(series: ArrayLike<number>, options?: ScaleOptions): Float32Array;
  toJSON(): ScalerJSON;
}

type AnySeries = SeriesMatrix | readonly (readonly number[])[] | ArrayLike<number>;

/** Per-column statistics (float64) of a training part; throws on empty or non-finite data. */
export function columnValues(where: string, train: AnySeries): { columns: number; rows: number; get: (t: number, c: number) => number; columnNames?: readonly string[] } {
  let result: { columns: number; rows: number; get: (t: number, c: number) => number; columnNames?: readonly string[] };
  if (isSeriesMatrix(train)) {
    const m = train;
    result = { columns: m.columns, rows: m.rows, get: (t, c) => m.values[t * m.columns + c] as number, ...(m.columnNames ? { columnNames: m.columnNames } : {}) };
  } else if (train.length > 0 && typeof (train as ArrayLike<unknown>)[0] === 'object') {
    const table = train as readonly (readonly number[])[];
    const columns = table[0]?.length ?? 0;
    result = { columns, rows: table.length, get: (t, c) => table[t]?.[c] as number };
    table.forEach((row, t) => {
      if (row.length !== columns) throw new RnnkitError('SHAPE_MISMATCH', `${where}: row ${t} has ${row.length} values, expected ${columns}`);
    });
  } else {
    const flat = train as ArrayLike<number>;
    result = { columns: 1, rows: flat.length, get: (t) => flat[t] as number };
  }
  if (result.rows === 0 || result.columns === 0) throw new RnnkitError('EMPTY_INPUT', `${where}: cannot fit on an empty training part`);
  for (let t = 0; t < result.rows; t++) {
    for (let c = 0; c < result.columns; c++) {
      const v = result.get(t, c);
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new RnnkitError('NON_FINITE', `${where}: training value at row ${t}, column ${c} is ${String(v)}, not a finite number`);
      }
    }
  }
  return result;
}

/** Builds the Scaler methods from per-column coefficients x' = a[c]·x + b[c]. */
export function affineScaler(
  kind: Scaler['kind'],
  a: readonly number[],
  b: readonly number[],
  columnNames: readonly string[] | undefined,
  toJSON: () => ScalerJSON,
): Scaler {
  const where = `${kind}Scaler`;
  const columns = a.length;
  const apply = (series: AnySeries, options: ScaleOptions, f: (x: number, c: number) => number): unknown => {
    if (isSeriesMatrix(series)) {
      checkColumns(where, series.columns, columns);
      const values = new Float32Array(series.values.length);
      for (let i = 0; i < values.length; i++) values[i] = f(series.values[i] as number, i % columns);
      return { ...series, values };
    }
    if (series.length > 0 && typeof (series as ArrayLike<unknown>)[0] === 'object') {
      return (series as readonly (readonly number[])[]).map((row) => {
        checkColumns(where, row.length, columns);
        return row.map((x, c) => f(x, c));
      });
    }
    const column = pickColumn(where, options.column, columns, columnNames);
    const flat = series as ArrayLike<number>;
    if (Array.isArray(flat)) return flat.map((x: number) => f(x, column));
    return Float32Array.from(flat, (x) => f(x, column));
  };
  return {
    kind,
    columns,
    transform: ((series: AnySeries, options: ScaleOptions = {}) => apply(series, options, (x, c) => (a[c] as number) * x + (b[c] as number))) as Scaler['transform'],
    inverse: ((series: AnySeries, options: ScaleOptions = {}) => apply(series, options, (x, c) => (x - (b[c] as number)) / (a[c] as number))) as Scaler['inverse'],
    toJSON,
  };
}

function checkColumns(where: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new RnnkitError('SHAPE_MISMATCH', `${where}: the scaler was fitted on ${expected} column(s), got rows of ${actual}`, { expected, actual });
  }
}

function pickColumn(where: string, column: ColumnSelector | undefined, columns: number, columnNames: readonly string[] | undefined): number {
  if (column === undefined) {
    if (columns === 1) return 0;
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: 1-D input on a scaler fitted to ${columns} columns needs options.column`);
  }
  const probe: SeriesMatrix = { values: new Float32Array(0), rows: 0, columns, ...(columnNames ? { columnNames } : {}) };
  return resolveColumn(where, probe, column);
}

/** Scales below this (10·machine epsilon, scikit-learn's rule) are treated as 1: the feature is constant. */
export const NEAR_ZERO_SCALE = 10 * Number.EPSILON;
