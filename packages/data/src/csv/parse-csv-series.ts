// CSV text → SeriesMatrix, through papaparse (see csv-records.ts: RFC 4180 quoted fields,
// embedded delimiters and line breaks, CRLF/LF/CR, BOM). Errors name the line as a user sees it in an editor: 1-based, the
// header being line 1, and a record spanning several lines reported at the line it starts on.

import { RnnkitError } from '@rnnkit/core';
import type { ColumnSelector, SeriesMatrix } from '../series/series-matrix.js';
import { checkOneOf } from '../validate.js';
import { eachCsvRecord } from './csv-records.js';
import { fillMissing } from './fill-missing.js';
import type { MissingPolicy } from './fill-missing.js';

/** Options of {@link parseCsvSeries}. */
export interface ParseCsvSeriesOptions {
  /**
   * Value columns, by header name or 0-based index, in the order wanted.
   * @default every column except the date column
   */
  readonly columns?: ColumnSelector | readonly ColumnSelector[];
  /**
   * The date column (name or index); its cells are kept as text in `dates`.
   * @default undefined (no date column)
   */
  readonly dateColumn?: ColumnSelector;
  /**
   * Whether the first line is a header with column names.
   * @default true
   */
  readonly header?: boolean;
  /**
   * Field delimiter.
   * @default ','
   */
  readonly delimiter?: string;
  /**
   * What to do with missing values: `'error'` (throw `MISSING_VALUE` naming line and column),
   * `'drop'` (drop the row), `'ffill'` (repeat the previous value), `'interpolate'` (linear in
   * the row position between the neighbouring values). A gap with no value before it (ffill) or
   * on one side (interpolate) still throws.
   * @default 'error'
   */
  readonly missing?: MissingPolicy;
  /**
   * Cell texts (after trimming spaces) that mean "missing".
   * @default ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']
   */
  readonly naValues?: readonly string[];
}

/** A parsed CSV series: the matrix plus the names of its columns (with a header) and its dates. */
export interface CsvSeries extends SeriesMatrix {
  /** 1-based line in the file where each kept row starts. */
  readonly lines: readonly number[];
}

const WHERE = 'parseCsvSeries';
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FLOAT32_MAX = 3.4028234663852886e38;
const DEFAULT_NA = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL'];

/**
 * Parses CSV text into a numeric series. A cell that is neither a number nor one of `naValues`
 * throws `PARSE_ERROR` naming the line (1-based, as in an editor: the header is line 1), the
 * column and the text found; a row with the wrong number of fields or an unterminated quote
 * throws `PARSE_ERROR` too. Blank lines are skipped. Values are stored as float32.
 *
 * @example
 * ```ts
 * const csv = '"Date","Temp"\r\n"1981-01-01",20.7\r\n"1981-01-02",17.9\r\n';
 * const s = parseCsvSeries(csv, { dateColumn: 'Date' });
 * s.columnNames; // ['Temp']
 * s.dates;       // ['1981-01-01', '1981-01-02']
 * s.values;      // Float32Array [20.7, 17.9]
 * ```
 */
export function parseCsvSeries(text: string, options: ParseCsvSeriesOptions = {}): CsvSeries {
  const { header = true, delimiter = ',', missing = 'error', naValues = DEFAULT_NA } = options;
  checkOneOf(WHERE, 'missing', missing, ['error', 'drop', 'ffill', 'interpolate']);
  if (typeof text !== 'string') throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: text must be a string, got ${typeof text}`);
  const na = new Set(naValues);
  const lineLabel = (line: number): string => `line ${line}${header ? ' (1-based line in the file; the header is line 1)' : ' (1-based line in the file)'}`;

  let names: string[] | undefined;
  let fieldCount = -1;
  let valueColumns: number[] = [];
  let dateIndex = -1;
  const values: number[] = [];
  const dates: string[] = [];
  const lines: number[] = [];
  let failure: RnnkitError | undefined;

  const setUp = (first: string[]): void => {
    fieldCount = first.length;
    names = header ? first.map((n) => n.trim()) : undefined;
    const resolve = (c: ColumnSelector, what: string): number => {
      if (typeof c === 'number') {
        if (!Number.isInteger(c) || c < 0 || c >= fieldCount) {
          throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: ${what} index ${c} is out of range, the file has ${fieldCount} column(s)`);
        }
        return c;
      }
      const i = names ? names.indexOf(c) : -1;
      if (i < 0) {
        const known = names ? names.map((n) => JSON.stringify(n)).join(', ') : 'none (header: false; use indices)';
        throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: no ${what} named ${JSON.stringify(c)}; the columns are ${known}`);
      }
      return i;
    };
    dateIndex = options.dateColumn === undefined ? -1 : resolve(options.dateColumn, 'date column');
    const wanted = options.columns === undefined ? undefined : Array.isArray(options.columns) ? options.columns : [options.columns as ColumnSelector];
    valueColumns = wanted ? wanted.map((c) => resolve(c, 'column')) : [...Array(fieldCount).keys()].filter((i) => i !== dateIndex);
    if (valueColumns.length === 0) throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: no value columns to read`);
  };

  const columnLabel = (i: number): string => (names ? `column ${JSON.stringify(names[i])} (index ${i})` : `column ${i}`);

  const readRow = (fields: string[], line: number): void => {
    if (fields.length !== fieldCount) {
      throw new RnnkitError('PARSE_ERROR', `${WHERE}: ${lineLabel(line)} has ${fields.length} fields, expected ${fieldCount}`, {
        line,
        expected: fieldCount,
        actual: fields.length,
      });
    }
    for (const c of valueColumns) {
      const cell = (fields[c] as string).trim();
      if (na.has(cell)) values.push(NaN);
      else if (NUMBER.test(cell) && Math.abs(Number(cell)) <= FLOAT32_MAX) values.push(Number(cell));
      else {
        throw new RnnkitError(
          'PARSE_ERROR',
          `${WHERE}: ${lineLabel(line)}, ${columnLabel(c)}: expected a number (float32 range), found ${JSON.stringify(fields[c])}`,
          { line, column: names?.[c] ?? c, columnIndex: c, text: fields[c] },
        );
      }
    }
    if (dateIndex >= 0) {
      const date = (fields[dateIndex] as string).trim();
      dates.push(na.has(date) ? '' : date);
    }
    lines.push(line);
  };

  eachCsvRecord(text, delimiter, ({ fields, line, error }) => {
    try {
      if (error) throw new RnnkitError('PARSE_ERROR', `${WHERE}: ${lineLabel(line)}: ${error.message}`, { line, code: error.code });
      if (fields.length === 1 && fields[0] === '') return true; // a blank line
      if (fieldCount < 0) {
        setUp(fields);
        if (header) return true;
      }
      readRow(fields, line);
      return true;
    } catch (e) {
      failure = e instanceof RnnkitError ? e : new RnnkitError('PARSE_ERROR', `${WHERE}: ${lineLabel(line)}: ${String(e)}`, { line });
      return false;
    }
  });
  if (failure) throw failure;
  if (lines.length === 0) {
    throw new RnnkitError('EMPTY_INPUT', `${WHERE}: the CSV has no data rows${fieldCount >= 0 && header ? ' (only a header)' : ''}`);
  }

  const filled = fillMissing(WHERE, {
    values,
    columns: valueColumns.length,
    dates: dateIndex >= 0 ? dates : undefined,
    lines,
    policy: missing,
    describe: (row, column) => `${lineLabel(lines[row] as number)}, ${columnLabel(column < 0 ? dateIndex : (valueColumns[column] as number))}`,
  });
  const columnNames = names ? valueColumns.map((c) => (names as string[])[c] as string) : undefined;
  return {
    values: Float32Array.from(filled.values),
    rows: filled.lines.length,
    columns: valueColumns.length,
    ...(columnNames ? { columnNames } : {}),
    ...(filled.dates ? { dates: filled.dates } : {}),
    lines: filled.lines,
  };
}
