import { describe, expect, it } from 'vitest';
import { splitSeries } from './split-series.js';
import { errorCode } from '../__fixtures__/error-code.js';

describe('splitSeries', () => {
  it('splits by fractions in time order with round(n·f) boundaries', () => {
    const series = Array.from({ length: 10 }, (_, i) => i);
    const { train, validation, test } = splitSeries(series, { train: 0.7, validation: 0.2 });
    expect(train).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(validation).toEqual([7, 8]);
    expect(test).toEqual([9]);
    expect(splitSeries(series).train).toHaveLength(8); // default 0.8
  });

  it('returns views for typed arrays and keeps dates and names for matrices', () => {
    const values = Float32Array.from({ length: 12 }, (_, i) => i);
    const parts = splitSeries(values, { at: 9 });
    expect(parts.train.buffer).toBe(values.buffer);
    expect(Array.from(parts.test)).toEqual([9, 10, 11]);
    expect(parts.validation).toHaveLength(0);

    const matrix = { values, rows: 6, columns: 2, columnNames: ['a', 'b'], dates: ['2000-01', '2000-02', '2000-03', '2000-04', '2000-05', '2000-06'] };
    const split = splitSeries(matrix, { at: ['2000-03', '2000-05'] });
    expect(split.train.rows).toBe(2);
    expect(split.validation.dates).toEqual(['2000-03', '2000-04']);
    expect(Array.from(split.test.values)).toEqual([8, 9, 10, 11]);
    expect(split.test.columnNames).toEqual(['a', 'b']);
  });

  it('splits at a Date with dates given separately; rows dated before the point go first', () => {
    const dates = ['1990-12-30', '1990-12-31', '1991-01-01', '1991-01-02'];
    const { train, test } = splitSeries([1, 2, 3, 4], { at: new Date('1991-01-01T00:00:00Z'), dates });
    expect(train).toEqual([1, 2]);
    expect(test).toEqual([3, 4]);
  });

  it('refuses bad requests', () => {
    expect(errorCode(() => splitSeries([]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => splitSeries([1, 2], { train: 1.5 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => splitSeries([1, 2], { train: 0.8, validation: 0.5 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => splitSeries([1, 2], { train: 0.1 }))).toBe('INVALID_ARGUMENT'); // 0 training rows
    expect(errorCode(() => splitSeries([1, 2], { at: '2000-01-01' }))).toBe('INVALID_ARGUMENT'); // no dates
    expect(errorCode(() => splitSeries([1, 2], { at: 'soon', dates: ['2000-01-01', '2000-01-02'] }))).toBe('PARSE_ERROR');
    expect(errorCode(() => splitSeries([1, 2], { at: '2000-01-02', dates: ['2000-01-03', '2000-01-01'] }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => splitSeries([1, 2], { at: 3 }))).toBe('INVALID_ARGUMENT');
  });
});
