import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../__fixtures__/error-of.js';
import { parseCsvSeries } from './parse-csv-series.js';
import { readCsvHeader } from './read-csv-header.js';

const dataset = (name: string): string => readFileSync(new URL(`../../datasets/${name}`, import.meta.url), 'utf8');

describe('readCsvHeader', () => {
  it('reads the quoted header of the bundled CRLF daily-min-temperatures.csv, as its first line split by hand', () => {
    const text = dataset('daily-min-temperatures.csv');
    expect(text.startsWith('"Date","Temp"\r\n')).toBe(true);
    // Reference: the first CRLF line, split on commas and unquoted by hand (no embedded commas).
    const byHand = (text.split('\r\n')[0] as string).split(',').map((n) => n.replaceAll('"', ''));
    expect(readCsvHeader(text)).toEqual(byHand);
    expect(byHand).toEqual(['Date', 'Temp']);
  });

  it('gives the names parseCsvSeries reports, on every bundled CSV', () => {
    for (const file of ['daily-min-temperatures.csv', 'monthly-sunspots.csv', 'airline-passengers.csv']) {
      const text = dataset(file);
      const [date, ...values] = readCsvHeader(text);
      const parsed = parseCsvSeries(text, { dateColumn: 0 });
      expect(values).toEqual(parsed.columnNames);
      expect(parseCsvSeries(text, { dateColumn: date as string }).rows).toBe(parsed.rows);
    }
  });

  it('unquotes fields with embedded delimiters, doubled quotes and line breaks, and trims names', () => {
    expect(readCsvHeader('"a, b"," say ""hi"" ","x\ny"\n1,2,3\n')).toEqual(['a, b', 'say "hi"', 'x\ny']);
    expect(readCsvHeader(' Date , Temp \n1,2\n')).toEqual(['Date', 'Temp']);
  });

  it('drops a leading BOM, skips blank lines before the header and takes a delimiter', () => {
    expect(readCsvHeader('\uFEFF"Date","Temp"\r\n"1981-01-01",20.7\r\n')).toEqual(['Date', 'Temp']);
    expect(readCsvHeader('\r\n\r\na;b\r\n1;2\r\n', { delimiter: ';' })).toEqual(['a', 'b']);
    expect(readCsvHeader('a;b\n1;2\n')).toEqual(['a;b']);
  });

  it('reads only the header: a malformed row below it does not matter', () => {
    expect(readCsvHeader('a,b\n1,"2\n')).toEqual(['a', 'b']);
  });

  it('refuses empty input with EMPTY_INPUT, like parseCsvSeries', () => {
    for (const text of ['', '\uFEFF', '\n', '\r\n\r\n']) {
      const e = errorOf(() => readCsvHeader(text));
      expect(e.code).toBe('EMPTY_INPUT');
      expect(e.message).toBe('readCsvHeader: the CSV is empty: it has no header row');
      expect(errorOf(() => parseCsvSeries(text)).code).toBe('EMPTY_INPUT');
    }
  });

  it('refuses an unterminated quote in the header with PARSE_ERROR naming the file line, like parseCsvSeries', () => {
    const e = errorOf(() => readCsvHeader('\r\n\r\n"Date,Temp\r\n1,2\r\n'));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toContain('line 3 (1-based line in the file)');
    expect(e.details).toMatchObject({ line: 3 });
    expect(errorOf(() => parseCsvSeries('"Date,Temp\n1,2\n')).code).toBe('PARSE_ERROR');
  });

  it('refuses text that is not a string with INVALID_ARGUMENT', () => {
    expect(errorOf(() => readCsvHeader(42 as unknown as string)).code).toBe('INVALID_ARGUMENT');
  });
});
