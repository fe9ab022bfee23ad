// The column names in a CSV's header row, read the way parseCsvSeries reads them (papaparse,
// RFC 4180 quoting, CRLF/LF/CR, a leading BOM dropped, blank lines skipped, names trimmed), so a
// caller can list or check the columns before parsing the whole file.

import { RnnkitError } from '@rnnkit/core';
import { eachCsvRecord } from './csv-records.js';

/** Options of {@link readCsvHeader}. */
export interface ReadCsvHeaderOptions {
  /**
   * Field delimiter (the same option as `parseCsvSeries`'s).
   * @default ','
   */
  readonly delimiter?: string;
}

const WHERE = 'readCsvHeader';

/**
 * Reads the column names from the first non-blank line of CSV text, without reading the rows
 * below it. Empty input (or only blank lines) throws `EMPTY_INPUT`; a malformed header (an
 * unterminated quote) throws `PARSE_ERROR` naming the 1-based file line.
 *
 * @example
 * ```ts
 * readCsvHeader('\uFEFF"Date","Temp"\r\n"1981-01-01",20.7\r\n'); // ['Date', 'Temp']
 * readCsvHeader('a;b\n1;2\n', { delimiter: ';' });                 // ['a', 'b']
 * ```
 */
export function readCsvHeader(text: string, options: ReadCsvHeaderOptions = {}): string[] {
  const { delimiter = ',' } = options;
  if (typeof text !== 'string') throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: text must be a string, got ${typeof text}`);
  let names: string[] | undefined;
  let failure: RnnkitError | undefined;
  eachCsvRecord(text, delimiter, ({ fields, line, error }) => {
    if (error) {
      failure = new RnnkitError('PARSE_ERROR', `${WHERE}: line ${line} (1-based line in the file): ${error.message}`, { line, code: error.code });
      return false;
    }
    if (fields.length === 1 && fields[0] === '') return true; // a blank line
    names = fields.map((n) => n.trim());
    return false;
  });
  if (failure) throw failure;
  if (!names) throw new RnnkitError('EMPTY_INPUT', `${WHERE}: the CSV is empty: it has no header row`);
  return names;
}
