import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slidingWindows } from './sliding-windows.js';
import { errorCode } from '../__fixtures__/error-code.js';


describe('slidingWindows', () => {
  it("reproduces the lecture's table: 35, 32, 45, 48, 41, 39, 36 with window 3", () => {
    const ds = slidingWindows([35, 32, 45, 48, 41, 39, 36], { window: 3 });
    const table = Array.from({ length: ds.size }, (_, i) => {
      const { x, y } = ds.sample(i);
      return [Array.from(x), Array.from(y ?? [])];
    });
    expect(table).toEqual([
      [[35, 32, 45], [48]],
      [[32, 45, 48], [41]],
      [[45, 48, 41], [39]],
      [[48, 41, 39], [36]],
    ]);
    const [batch] = [...ds];
    expect(batch?.xsShape).toEqual([4, 3, 1]); // RNN-ready [batch, steps, features]
    expect(batch?.ysShape).toEqual([4, 1]);
    expect(Array.from(batch?.ys ?? [])).toEqual([48, 41, 39, 36]);
  });

  it('multi-step horizon: window 3, horizon 2 on the same series', () => {
    const ds = slidingWindows([35, 32, 45, 48, 41, 39, 36], { window: 3, horizon: 2 });
    expect(ds.size).toBe(3);
    expect(Array.from(ds.sample(0).y ?? [])).toEqual([48, 41]);
    expect(Array.from(ds.sample(2).x)).toEqual([45, 48, 41]);
    expect(Array.from(ds.sample(2).y ?? [])).toEqual([39, 36]);
  });

  it('multivariate: inputs and targets chosen by column name, targets time-major', () => {
    const series = {
      values: Float32Array.from({ length: 8 * 3 }, (_, i) => Math.floor(i / 3) * 10 + (i % 3)), // row t = [10t, 10t+1, 10t+2]
      rows: 8,
      columns: 3,
      columnNames: ['temp', 'humidity', 'wind'],
    };
    const ds = slidingWindows(series, { window: 2, horizon: 2, inputColumns: ['wind', 'temp'], targetColumns: ['temp', 'humidity'], stride: 2 });
    // starts 0, 2, 4 (start 6 would need rows 6..9)
    expect(ds.size).toBe(3);
    expect(ds.sampleShape).toEqual([2, 2]);
    expect(ds.targetShape).toEqual([4]);
    expect(Array.from(ds.sample(1).x)).toEqual([22, 20, 32, 30]);
    expect(Array.from(ds.sample(1).y ?? [])).toEqual([40, 41, 50, 51]);
    // the same by column index
    const byIndex = slidingWindows(series, { window: 2, horizon: 2, inputColumns: [2, 0], targetColumns: [0, 1], stride: 2 });
    expect(Array.from(byIndex.sample(2).y ?? [])).toEqual(Array.from(ds.sample(2).y ?? []));
  });

  it('window counts and contents match brute force for random shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (rows, columns, window, horizon, stride) => {
          const table = Array.from({ length: rows }, (_, t) => Array.from({ length: columns }, (_, c) => t * 100 + c));
          if (rows < window + horizon) {
            expect(errorCode(() => slidingWindows(table, { window, horizon, stride }))).toBe('INVALID_ARGUMENT');
            return;
          }
          const ds = slidingWindows(table, { window, horizon, stride, batchSize: 4 });
          const starts: number[] = [];
          for (let s = 0; s + window + horizon <= rows; s += stride) starts.push(s);
          expect(ds.size).toBe(starts.length);
          const xs = [...ds].flatMap((b) => Array.from(b.xs));
          const ys = [...ds].flatMap((b) => Array.from(b.ys ?? []));
          expect(xs).toEqual(starts.flatMap((s) => table.slice(s, s + window).flat()));
          expect(ys).toEqual(starts.flatMap((s) => table.slice(s + window, s + window + horizon).flat()));
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });

  it('refuses bad input with RnnkitErrors', () => {
    expect(errorCode(() => slidingWindows([], { window: 3 }))).toBe('EMPTY_INPUT');
    expect(errorCode(() => slidingWindows([1, 2, 3], { window: 3 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => slidingWindows([1, 2, 3], { window: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => slidingWindows([1, 2, 3], { window: 1, horizon: -1 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => slidingWindows([1, 2, 3], { window: 1, stride: 1.5 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => slidingWindows([[1, 2], [3, 4], [5, 6]], { window: 1, targetColumns: ['x'] }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => slidingWindows([[1, 2], [3, 4], [5, 6]], { window: 1, inputColumns: [2] }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => slidingWindows([[1, 2], [3, 4], [5, 6]], { window: 1, inputColumns: [] }))).toBe('INVALID_ARGUMENT');
    expect(() => slidingWindows([1, 2, 3], { window: 3 })).toThrow(/window 3 \+ horizon 1 needs 4 rows, but the series has 3/);
  });
});
