import { describe, expect, it } from 'vitest';
import { nextDates } from './next-dates.js';

describe('nextDates', () => {
  it('continues daily ISO dates across month and year ends, and leap days', () => {
    expect(nextDates(['1990-12-30', '1990-12-31'], 2)).toEqual(['1991-01-01', '1991-01-02']);
    expect(nextDates(['1992-02-27', '1992-02-28'], 2)).toEqual(['1992-02-29', '1992-03-01']);
  });

  it('keeps a step of several days and continues monthly dates', () => {
    expect(nextDates(['2020-01-01', '2020-01-08'], 2)).toEqual(['2020-01-15', '2020-01-22']);
    expect(nextDates(['1960-11', '1960-12'], 3)).toEqual(['1961-01', '1961-02', '1961-03']);
  });

  it('gives up on irregular or non-ISO dates', () => {
    expect(nextDates(['1990-12-31'], 1)).toBeNull();
    expect(nextDates(['31/12/1990', '01/01/1991'], 1)).toBeNull();
    expect(nextDates(['1990-12-31', '1990-12-31'], 1)).toBeNull();
    expect(nextDates(['1990-12-31 10:00', '1990-12-31 11:00'], 1)).toBeNull();
  });
});
