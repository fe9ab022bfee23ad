import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledDatasetPath, bundledDatasets, loadBundledSeries, loadCsvSeries } from './bundled-datasets.js';

describe('bundled datasets', () => {
  it('every bundled CSV exists, loads, and has the documented number of rows', async () => {
    for (const d of bundledDatasets) {
      const path = bundledDatasetPath(d.name);
      expect(existsSync(path)).toBe(true);
      const s = await loadBundledSeries(d.name);
      expect(s.rows).toBe(d.rows);
      expect(s.columnNames).toEqual([d.valueColumn]);
      // last value against the file's last line
      const last = readFileSync(path, 'utf8').trimEnd().split(/\r?\n/).pop() as string;
      expect(s.values[s.rows - 1]).toBe(Math.fround(Number(last.split(',')[1])));
    }
  });

  it('daily-min-temperatures starts on 1981-01-01 at 20.7 °C', async () => {
    const s = await loadBundledSeries('daily-min-temperatures');
    expect([s.dates?.[0], s.values[0]]).toEqual(['1981-01-01', Math.fround(20.7)]);
  });

  it('loadCsvSeries reports a missing file as IO_ERROR', async () => {
    await expect(loadCsvSeries('/nonexistent/file.csv')).rejects.toMatchObject({ code: 'IO_ERROR' });
  });

  it('an unknown name is an INVALID_ARGUMENT', () => {
    expect(() => bundledDatasetPath('nope' as 'airline-passengers')).toThrow(/choose one of/);
  });
});
