// Node-only: the real datasets shipped in the package's `datasets/` folder, located relative
// to this module, so `loadBundledSeries('daily-min-temperatures')` works offline after install.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RnnkitError } from '@rnnkit/core';
import { parseCsvSeries } from '../csv/parse-csv-series.js';
import type { CsvSeries, ParseCsvSeriesOptions } from '../csv/parse-csv-series.js';

/** Facts about one bundled dataset. */
export interface BundledDataset {
  readonly name: BundledSeriesName;
  readonly file: string;
  readonly description: string;
  readonly rows: number;
  readonly dateColumn: string;
  readonly valueColumn: string;
  readonly source: string;
}

/** Names of the bundled CSV series. */
export type BundledSeriesName = 'daily-min-temperatures' | 'monthly-sunspots' | 'airline-passengers';

/** The bundled series (see `datasets/SOURCES.md` in the package). */
export const bundledDatasets: readonly BundledDataset[] = [
  {
    name: 'daily-min-temperatures',
    file: 'daily-min-temperatures.csv',
    description: 'Daily minimum temperature in Melbourne, 1981–1990 (°C)',
    rows: 3650,
    dateColumn: 'Date',
    valueColumn: 'Temp',
    source: 'Time Series Data Library, citing the Australian Bureau of Meteorology',
  },
  {
    name: 'monthly-sunspots',
    file: 'monthly-sunspots.csv',
    description: 'Monthly mean sunspot number (Zürich), 1749–1983',
    rows: 2820,
    dateColumn: 'Month',
    valueColumn: 'Sunspots',
    source: 'Time Series Data Library, citing Andrews & Herzberg (1985)',
  },
  {
    name: 'airline-passengers',
    file: 'airline-passengers.csv',
    description: 'Monthly international airline passengers (thousands), 1949–1960',
    rows: 144,
    dateColumn: 'Month',
    valueColumn: 'Passengers',
    source: 'Time Series Data Library, citing Box & Jenkins (1976)',
  },
];

const DATASETS_DIR = new URL('../../datasets/', import.meta.url);

function find(name: BundledSeriesName): BundledDataset {
  const found = bundledDatasets.find((d) => d.name === name);
  if (!found) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `bundled dataset ${JSON.stringify(name)} does not exist; choose one of ${bundledDatasets.map((d) => `'${d.name}'`).join(', ')}`,
    );
  }
  return found;
}

/**
 * Absolute path of a bundled dataset's CSV file.
 *
 * @example
 * ```ts
 * bundledDatasetPath('airline-passengers'); // '/…/node_modules/@rnnkit/data/datasets/airline-passengers.csv'
 * ```
 */
export function bundledDatasetPath(name: BundledSeriesName): string {
  return fileURLToPath(new URL(find(name).file, DATASETS_DIR));
}

/**
 * Reads a CSV file from disk and parses it with {@link parseCsvSeries}.
 *
 * @example
 * ```ts
 * const s = await loadCsvSeries('prices.csv', { dateColumn: 'date', columns: ['close'], missing: 'ffill' });
 * ```
 */
export async function loadCsvSeries(path: string, options: ParseCsvSeriesOptions = {}): Promise<CsvSeries> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RnnkitError('IO_ERROR', `loadCsvSeries: cannot read ${path}: ${(cause as Error).message}`, { path }, { cause });
  }
  return parseCsvSeries(text, options);
}

/**
 * Loads a bundled series with its date column and its one value column.
 *
 * @example
 * ```ts
 * const temps = await loadBundledSeries('daily-min-temperatures');
 * temps.rows;        // 3650
 * temps.values[0];   // 20.7 (as float32)
 * temps.dates?.[0];  // '1981-01-01'
 * ```
 */
export async function loadBundledSeries(name: BundledSeriesName): Promise<CsvSeries> {
  const dataset = find(name);
  return loadCsvSeries(bundledDatasetPath(name), { dateColumn: dataset.dateColumn, columns: [dataset.valueColumn] });
}
