import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../__fixtures__/error-of.js';
import { parseCsvSeries } from './parse-csv-series.js';

const fixture = (name: string): string => readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
const dataset = (name: string): string => readFileSync(new URL(`../../datasets/${name}`, import.meta.url), 'utf8');

describe('parseCsvSeries on the bundled daily-min-temperatures.csv', () => {
  const text = dataset('daily-min-temperatures.csv');

  it('reads all 3650 rows of the CRLF, quoted-date file, equal to a plain line-by-line reading', () => {
    expect(text.includes('\r\n')).toBe(true);
    const s = parseCsvSeries(text, { dateColumn: 'Date' });
    expect(s.rows).toBe(3650);
    expect(s.columns).toBe(1);
    expect(s.columnNames).toEqual(['Temp']);
    // Reference: the file read without a CSV parser (it has no embedded commas or line breaks).
    const lines = text.split('\r\n').slice(1);
    expect(lines).toHaveLength(3650);
    const expected = lines.map((l) => Math.fround(Number(l.split(',')[1])));
    expect(Array.from(s.values)).toEqual(expected);
    expect(s.dates).toEqual(lines.map((l) => (l.split(',')[0] as string).replaceAll('"', '')));
  });

  it('has the first and last values of the file', () => {
    const s = parseCsvSeries(text, { dateColumn: 0, columns: 'Temp' });
    expect(s.dates?.[0]).toBe('1981-01-01');
    expect(s.values[0]).toBe(Math.fround(20.7));
    expect(s.dates?.[3649]).toBe('1990-12-31');
    expect(s.values[3649]).toBe(Math.fround(13.0));
    expect(s.lines[0]).toBe(2);
    expect(s.lines[3649]).toBe(3651);
  });
});

describe('parseCsvSeries missing-value policies (fixture with blanks and NA)', () => {
  const text = fixture('blanks.csv');
  // rows: A = 1, _, 3, 4, NA, 8   B = 10, 20, _, 40, _, 70

  it("'error' (default) names the line and the column of the first gap", () => {
    const e = errorOf(() => parseCsvSeries(text, { dateColumn: 'Date' }));
    expect(e.code).toBe('MISSING_VALUE');
    expect(e.message).toContain('line 3');
    expect(e.message).toContain('column "A"');
  });

  it("'drop' keeps only complete rows", () => {
    const s = parseCsvSeries(text, { dateColumn: 'Date', missing: 'drop' });
    expect(s.dates).toEqual(['2020-01-01', '2020-01-04', '2020-01-06']);
    expect(Array.from(s.values)).toEqual([1, 10, 4, 40, 8, 70]);
    expect(s.lines).toEqual([2, 5, 7]);
  });

  it("'ffill' repeats the previous value of each column", () => {
    const s = parseCsvSeries(text, { dateColumn: 'Date', missing: 'ffill' });
    expect(Array.from(s.values)).toEqual([1, 10, 1, 20, 3, 20, 4, 40, 4, 40, 8, 70]);
  });

  it("'interpolate' fills linearly between neighbours (worked by hand)", () => {
    const s = parseCsvSeries(text, { dateColumn: 'Date', missing: 'interpolate' });
    // A: 1, (1+3)/2 = 2, 3, 4, (4+8)/2 = 6, 8   B: 10, 20, (20+40)/2 = 30, 40, (40+70)/2 = 55, 70
    expect(Array.from(s.values)).toEqual([1, 10, 2, 20, 3, 30, 4, 40, 6, 55, 8, 70]);
  });

  it('cannot fill a leading gap (ffill) or a trailing one (interpolate)', () => {
    const lead = 'x,y\n1,\n2,5\n';
    expect(errorOf(() => parseCsvSeries(lead, { missing: 'ffill' })).message).toMatch(/line 2.*column "y".*no earlier value/);
    const trail = 'x,y\n1,5\n2,\n';
    expect(errorOf(() => parseCsvSeries(trail, { missing: 'interpolate' })).message).toMatch(/line 3.*column "y".*no later value/);
    expect(Array.from(parseCsvSeries(trail, { missing: 'ffill' }).values)).toEqual([1, 5, 2, 5]);
  });
});

describe('parseCsvSeries errors and CSV features', () => {
  it('a stray text cell names the file line (counting a quoted multi-line field), the column and the text', () => {
    const e = errorOf(() => parseCsvSeries(fixture('stray-text.csv'), { dateColumn: 'date', columns: ['Temp'] }));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toContain('line 5 (1-based line in the file; the header is line 1)');
    expect(e.message).toContain('column "Temp" (index 2)');
    expect(e.message).toContain('found "oops"');
    expect(e.details).toMatchObject({ line: 5, column: 'Temp', columnIndex: 2, text: 'oops' });
  });

  it('reads quoted fields with commas and line breaks, and LF files', () => {
    const s = parseCsvSeries(fixture('stray-text.csv').replace('oops', '3.5'), { dateColumn: 'date', columns: ['Temp'] });
    expect(Array.from(s.values)).toEqual([1.5, 2.5, 3.5, 4]);
    expect(s.lines).toEqual([2, 3, 5, 6]);
  });

  it('selects columns by index without a header', () => {
    const s = parseCsvSeries('1,2,3\n4,5,6\n', { header: false, columns: [2, 0] });
    expect(s.columnNames).toBeUndefined();
    expect(Array.from(s.values)).toEqual([3, 1, 6, 4]);
  });

  it('accepts a semicolon delimiter, a BOM and blank lines', () => {
    const s = parseCsvSeries('\uFEFFa;b\n1;2\n\n3;4\n', { delimiter: ';' });
    expect(s.columnNames).toEqual(['a', 'b']);
    expect(Array.from(s.values)).toEqual([1, 2, 3, 4]);
    expect(s.lines).toEqual([2, 4]);
  });

  it('refuses empty input, unknown columns, ragged rows and unterminated quotes', () => {
    expect(errorOf(() => parseCsvSeries('')).code).toBe('EMPTY_INPUT');
    expect(errorOf(() => parseCsvSeries('"Date","Temp"\r\n')).code).toBe('EMPTY_INPUT');
    const unknown = errorOf(() => parseCsvSeries('a,b\n1,2\n', { columns: ['c'] }));
    expect(unknown.code).toBe('INVALID_ARGUMENT');
    expect(unknown.message).toContain('"a", "b"');
    const ragged = errorOf(() => parseCsvSeries('a,b\n1,2\n3\n'));
    expect(ragged.code).toBe('PARSE_ERROR');
    expect(ragged.message).toContain('line 3');
    expect(errorOf(() => parseCsvSeries('a,b\n1,2\n"3,4\n')).code).toBe('PARSE_ERROR');
    expect(errorOf(() => parseCsvSeries('a\n1e999\n')).code).toBe('PARSE_ERROR');
    expect(errorOf(() => parseCsvSeries('a\n1\n', { missing: 'sometimes' as 'drop' })).code).toBe('INVALID_ARGUMENT');
  });
});
