// The one in-memory layout for a series: rows (time steps) × columns (features), packed
// row-major into a single Float32Array. Everything else in the package reads views of it.

import { RnnkitError } from '@rnnkit/core';

/**
 * A univariate or multivariate series packed row-major: the value of column `c` at time step
 * `t` is `values[t * columns + c]`. {@link parseCsvSeries} returns one, with names and dates.
 *
 * @example
 * ```ts
 * const series: SeriesMatrix = { values: Float32Array.of(1, 10, 2, 20), rows: 2, columns: 2, columnNames: ['a', 'b'] };
 * ```
 */
export interface SeriesMatrix {
  /** The values, row-major, `rows * columns` long. */
  readonly values: Float32Array;
  /** Number of time steps. */
  readonly rows: number;
  /** Number of features per time step. */
  readonly columns: number;
  /** One name per column, when known (a CSV header). */
  readonly columnNames?: readonly string[];
  /** One date (the CSV cell's text) per row, when the series has a date column. */
  readonly dates?: readonly string[];
}

/**
 * What series-taking functions accept: a univariate series (`number[]`, `Float32Array`, any
 * array-like of numbers), a multivariate series as rows (`number[][]`), or a {@link SeriesMatrix}.
 */
export type SeriesInput = ArrayLike<number> | readonly ArrayLike<number>[] | SeriesMatrix;

/** A column chosen by its name in `columnNames` or by its 0-based index. */
export type ColumnSelector = string | number;

/**
 * `true` when `input` is a {@link SeriesMatrix}.
 *
 * @example
 * ```ts
 * isSeriesMatrix({ values: Float32Array.of(1, 2), rows: 2, columns: 1 }); // true
 * isSeriesMatrix([1, 2]);                                               // false
 * ```
 */
export function isSeriesMatrix(input: unknown): input is SeriesMatrix {
  return typeof input === 'object' && input !== null && (input as SeriesMatrix).values instanceof Float32Array && 'columns' in input;
}

/** A series normalised to a matrix, and whether the input was 1-D (one number per step). */
export interface PackedSeries {
  readonly matrix: SeriesMatrix;
  readonly rank: 1 | 2;
}

/**
 * Packs `input` into a {@link SeriesMatrix}. A `Float32Array` or a `SeriesMatrix` is used as is
 * (no copy); anything else is copied once. Throws on empty, ragged or non-finite input.
 */
export function packSeries(where: string, what: string, input: SeriesInput): PackedSeries {
  if (isSeriesMatrix(input)) {
    if (input.rows * input.columns !== input.values.length || input.rows < 0 || input.columns <= 0) {
      throw new RnnkitError(
        'SHAPE_MISMATCH',
        `${where}: ${what} says ${input.rows} rows × ${input.columns} columns but has ${input.values.length} values`,
      );
    }
    checkNotEmpty(where, what, input.rows);
    checkFiniteValues(where, what, input.values, input.columns);
    return { matrix: input, rank: 2 };
  }
  if (input === null || typeof input !== 'object' || typeof (input as ArrayLike<unknown>).length !== 'number') {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${what} must be an array of numbers, an array of rows or a SeriesMatrix, got ${typeof input}`);
  }
  const rows = input.length;
  checkNotEmpty(where, what, rows);
  const first = (input as ArrayLike<unknown>)[0];
  if (typeof first === 'number') {
    const values = input instanceof Float32Array ? input : Float32Array.from(input as ArrayLike<number>);
    checkFiniteValues(where, what, values, 1);
    return { matrix: { values, rows, columns: 1 }, rank: 1 };
  }
  const table = input as readonly ArrayLike<number>[];
  const columns = first !== null && typeof first === 'object' ? (first as ArrayLike<number>).length : 0;
  if (columns === 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${what}[0] must be a number or a non-empty row of numbers, got ${JSON.stringify(first)}`);
  }
  const values = new Float32Array(rows * columns);
  for (let t = 0; t < rows; t++) {
    const row = table[t];
    if (row === undefined || row === null || row.length !== columns) {
      throw new RnnkitError(
        'SHAPE_MISMATCH',
        `${where}: ${what} row ${t} has ${row?.length ?? 0} values, expected ${columns} like row 0`,
        { row: t, expected: columns, actual: row?.length ?? 0 },
      );
    }
    for (let c = 0; c < columns; c++) values[t * columns + c] = row[c] as number;
  }
  checkFiniteValues(where, what, values, columns);
  return { matrix: { values, rows, columns }, rank: 2 };
}

/** Resolves a column name or index against a matrix's columns. */
export function resolveColumn(where: string, matrix: SeriesMatrix, column: ColumnSelector): number {
  if (typeof column === 'number') {
    if (!Number.isInteger(column) || column < 0 || column >= matrix.columns) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: column index ${column} is out of range, the series has ${matrix.columns} column(s)`);
    }
    return column;
  }
  const index = matrix.columnNames?.indexOf(column) ?? -1;
  if (index < 0) {
    const names = matrix.columnNames ? matrix.columnNames.map((n) => JSON.stringify(n)).join(', ') : 'none (the series has no column names)';
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: no column named ${JSON.stringify(column)}; columns are ${names}`);
  }
  return index;
}

function checkNotEmpty(where: string, what: string, rows: number): void {
  if (rows === 0) throw new RnnkitError('EMPTY_INPUT', `${where}: ${what} is empty (0 time steps)`);
}

function checkFiniteValues(where: string, what: string, values: Float32Array, columns: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      const at = columns === 1 ? `index ${i}` : `row ${Math.floor(i / columns)}, column ${i % columns}`;
      throw new RnnkitError('NON_FINITE', `${where}: ${what} has a non-finite value ${v} at ${at}`, { index: i, value: v });
    }
  }
}
