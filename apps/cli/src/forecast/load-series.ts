// Reading the CSV a forecast command was given: which columns (the target, the input features,
// the dates), checked against the header so that a wrong name is reported with the names that
// exist, then parsed by @rnnkit/data with the chosen missing-value policy.

import { parseCsvSeries, readCsvHeader } from '@rnnkit/data';
import type { CsvSeries, MissingPolicy } from '@rnnkit/data';
import { CliError } from '../cli-error.js';
import { inContext } from '../describe-error.js';

/** Which columns to read, as the user gave them (all optional). */
export interface ColumnRequest {
  readonly column?: string | undefined;
  readonly dateColumn?: string | undefined;
  readonly features?: readonly string[] | undefined;
  readonly missing: MissingPolicy;
}

/** The columns in use and the parsed series (inputs first, in `features` order). */
export interface LoadedSeries {
  readonly series: CsvSeries;
  /** Target column name. */
  readonly target: string;
  /** Input column names (the target alone by default). */
  readonly features: readonly string[];
  /** Date column name, when there is one. */
  readonly dateColumn: string | undefined;
}

/** Header names that are taken as the date column when --date-column is not given. */
const DATE_NAMES = /^(date|time|datetime|timestamp|day|week|month|year|period|ds)$/i;

/** Column names in the CSV's header row, read by @rnnkit/data as parseCsvSeries reads them. */
function headerOf(path: string, text: string): Promise<string[]> {
  return inContext(path, () => readCsvHeader(text), {
    EMPTY_INPUT: 'give a CSV file with a header row and data rows',
    PARSE_ERROR: 'fix the quotes in the header row',
  });
}

function checkName(path: string, names: readonly string[], name: string, option: string): void {
  if (!names.includes(name)) {
    throw new CliError(
      'usage',
      `${path} has no column ${JSON.stringify(name)} (${option}); its columns are ${names.map((n) => JSON.stringify(n)).join(', ')}`,
      `pass one of them to ${option}`,
    );
  }
}

/**
 * Parses the series a forecast needs from a CSV file's text.
 *
 * @example
 * ```ts
 * const text = await readInputFile('temps.csv', 'CSV file');
 * const { series, target } = await loadForecastSeries('temps.csv', text, { column: 'Temp', missing: 'error' });
 * ```
 */
export async function loadForecastSeries(path: string, text: string, request: ColumnRequest): Promise<LoadedSeries> {
  const names = await headerOf(path, text);
  if (request.dateColumn !== undefined) checkName(path, names, request.dateColumn, '--date-column');
  const dateColumn = request.dateColumn ?? names.find((n) => DATE_NAMES.test(n) && n !== request.column && !request.features?.includes(n));
  if (request.column !== undefined) checkName(path, names, request.column, '--column');
  for (const f of request.features ?? []) checkName(path, names, f, '--features');
  const target = request.column ?? [...names].reverse().find((n) => n !== dateColumn);
  if (target === undefined) {
    throw new CliError('data', `${path} has only the date column ${JSON.stringify(dateColumn)}`, 'give a CSV with a numeric column to forecast');
  }
  const features = request.features ?? [target];
  const columns = [...new Set([...features, target])];
  const series = await inContext(path, () => parseCsvSeries(text, { columns, missing: request.missing, ...(dateColumn === undefined ? {} : { dateColumn }) }), {
    PARSE_ERROR: dateColumn === undefined ? 'fix that cell, or name the date column with --date-column' : 'fix that cell, or choose other columns with --column/--features',
    MISSING_VALUE: 'fill the gap, or pass --missing drop, ffill or interpolate',
    EMPTY_INPUT: 'give a CSV file with data rows under the header',
  });
  return { series, target, features, dateColumn };
}
