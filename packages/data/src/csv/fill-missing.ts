// Missing-value policies for a parsed table (NaN marks a missing value, '' a missing date):
// 'error' throws at the first gap, 'drop' drops rows with a gap, 'ffill' repeats the previous
// value of the column, 'interpolate' draws a straight line between the neighbouring values.

import { RnnkitError } from '@rnnkit/core';

/** How a loader treats a missing value; see {@link parseCsvSeries}. */
export type MissingPolicy = 'error' | 'drop' | 'ffill' | 'interpolate';

/** The table to fill: row-major values, optional dates, the file line of each row. */
export interface MissingInput {
  readonly values: readonly number[];
  readonly columns: number;
  readonly dates: readonly string[] | undefined;
  readonly lines: readonly number[];
  readonly policy: MissingPolicy;
  /** Names a cell for messages; column −1 is the date column. */
  readonly describe: (row: number, column: number) => string;
}

/** The filled table (rows dropped under 'drop'). */
export interface MissingOutput {
  readonly values: number[];
  readonly dates: string[] | undefined;
  readonly lines: number[];
}

/** Applies `input.policy`; throws `MISSING_VALUE` naming the line and column it cannot fill. */
export function fillMissing(where: string, input: MissingInput): MissingOutput {
  const { columns, policy, describe } = input;
  const rows = input.lines.length;
  const missing = (row: number, column: number, why: string): RnnkitError =>
    new RnnkitError('MISSING_VALUE', `${where}: ${describe(row, column)}: missing value${why}`, { row, column });

  if (policy === 'drop') {
    const values: number[] = [];
    const dates: string[] | undefined = input.dates ? [] : undefined;
    const lines: number[] = [];
    for (let t = 0; t < rows; t++) {
      const row = input.values.slice(t * columns, (t + 1) * columns);
      if (row.some(Number.isNaN) || input.dates?.[t] === '') continue;
      values.push(...row);
      dates?.push(input.dates?.[t] as string);
      lines.push(input.lines[t] as number);
    }
    if (lines.length === 0) throw new RnnkitError('EMPTY_INPUT', `${where}: every row has a missing value; nothing is left after 'drop'`);
    return { values, dates, lines };
  }

  input.dates?.forEach((d, t) => {
    if (d === '') throw missing(t, -1, ' (a date cannot be filled; use missing: "drop")');
  });
  const values = input.values.slice();
  for (let c = 0; c < columns; c++) {
    let previous = -1; // last row with a value in this column
    for (let t = 0; t < rows; t++) {
      if (!Number.isNaN(values[t * columns + c] as number)) {
        if (policy === 'interpolate' && previous >= 0 && previous < t - 1) {
          const a = values[previous * columns + c] as number;
          const b = values[t * columns + c] as number;
          for (let k = previous + 1; k < t; k++) values[k * columns + c] = a + ((b - a) * (k - previous)) / (t - previous);
        }
        previous = t;
        continue;
      }
      if (policy === 'error') throw missing(t, c, ' (choose missing: "drop", "ffill" or "interpolate" to accept gaps)');
      if (previous < 0) throw missing(t, c, ` with no earlier value to ${policy === 'ffill' ? 'fill from' : 'interpolate from'}`);
      if (policy === 'ffill') values[t * columns + c] = values[previous * columns + c] as number;
    }
    if (policy === 'interpolate' && previous < rows - 1) {
      throw missing(previous + 1, c, ' with no later value to interpolate to');
    }
  }
  return { values, dates: input.dates?.slice(), lines: input.lines.slice() };
}
