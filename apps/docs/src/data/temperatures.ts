// The Melbourne daily minimum temperatures (1981–1990, 3,650 days), bundled with @rnnkit/data
// and inlined into the site at build time — no network request.
import { parseCsvSeries } from '@rnnkit/data';
import type { CsvSeries } from '@rnnkit/data';
import csvText from '@datasets/daily-min-temperatures.csv?raw';

let parsed: CsvSeries | null = null;

/** The series, parsed once with @rnnkit/data's CSV reader (`Temp` column, `Date` as dates). */
export function temperatures(): CsvSeries {
  parsed ??= parseCsvSeries(csvText, { dateColumn: 'Date', columns: 'Temp' });
  return parsed;
}
