import * as tf from '@tensorflow/tfjs-core';
import { isRnnkitError } from '@rnnkit/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../__fixtures__/tf-setup.js';
import { timeseriesWindows } from './timeseries-windows.js';
import type { ArrayBatch } from './window-dataset.js';
import { errorCode } from '../__fixtures__/error-code.js';

beforeAll(useCpuBackend);

const arange = (n: number, scale = 1): Float32Array => Float32Array.from({ length: n }, (_, i) => i * scale);
const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let v = from; v < to; v += step) out.push(v);
  return out;
};
/** Rows of a batch's xs as plain arrays (one window per row). */
const rowsOf = (b: ArrayBatch): number[][] => {
  const width = b.xs.length / b.size;
  return Array.from({ length: b.size }, (_, i) => Array.from(b.xs.subarray(i * width, (i + 1) * width)));
};
const allBatches = (ds: Iterable<ArrayBatch>): ArrayBatch[] => [...ds];

describe('timeseriesWindows — Keras timeseries_dataset_from_array parity', () => {
  it('docs example 1: indices 0…98, sequence_length 10, sampling_rate 2, sequence_stride 3', () => {
    const ds = timeseriesWindows(arange(99), null, { sequenceLength: 10, samplingRate: 2, sequenceStride: 3 });
    // num_seqs = 99 − 9·2 = 81 → starts 0, 3, …, 78 → 27 windows
    expect(ds.size).toBe(27);
    const rows = rowsOf(allBatches(ds)[0] as ArrayBatch);
    expect(rows[0]).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(rows[1]).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(rows[2]).toEqual([6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    expect(rows[26]).toEqual([78, 80, 82, 84, 86, 88, 90, 92, 94, 96]);
  });

  it('docs example 2: data[:-10] with targets data[10:] pairs steps 0–9 with step 10', () => {
    const data = arange(50, 0.5);
    const ds = timeseriesWindows(data.subarray(0, -10), data.subarray(10), { sequenceLength: 10 });
    const first = allBatches(ds)[0] as ArrayBatch;
    expect(Array.from(first.xs.subarray(0, 10))).toEqual(Array.from(data.subarray(0, 10)));
    expect(first.ys?.[0]).toBe(data[10]);
    // every window's target is the step right after it
    for (let i = 0; i < ds.size; i++) expect(ds.sample(i).y?.[0]).toBe(data[i + 10]);
    expect(ds.size).toBe(31); // 40 − 9
  });

  it('docs example 3: two non-overlapping datasets of 20 steps zip into input and target windows', () => {
    const x = arange(100);
    const y = arange(100, 2);
    const inputs = timeseriesWindows(x, null, { sequenceLength: 20, sequenceStride: 20 });
    const targets = timeseriesWindows(y, null, { sequenceLength: 20, sequenceStride: 20 });
    expect(inputs.size).toBe(5);
    expect(Array.from(inputs.sample(0).x)).toEqual(range(0, 20));
    expect(Array.from(targets.sample(1).x)).toEqual(range(20, 40).map((v) => v * 2));
  });

  it('test_basics: 100 points, sequence_length 9, batch_size 5 → 18 batches of 5 and one of 2, target = 2·first', () => {
    const ds = timeseriesWindows(arange(100), arange(100, 2), { sequenceLength: 9, batchSize: 5 });
    const batches = allBatches(ds);
    expect(batches).toHaveLength(19);
    batches.forEach((b, i) => {
      expect(b.xsShape).toEqual([i < 18 ? 5 : 2, 9]);
      expect(b.ysShape).toEqual([b.size]);
      rowsOf(b).forEach((row, j) => {
        expect(row).toEqual(range(i * 5 + j, i * 5 + j + 9));
        expect(b.ys?.[j]).toBe((row[0] as number) * 2);
      });
    });
  });

  it('test_timeseries_regression: offset 3 on 10 points gives 7 single-window batches', () => {
    const data = arange(10);
    const ds = timeseriesWindows(data, data.subarray(3), { sequenceLength: 3, batchSize: 1 });
    const batches = allBatches(ds);
    expect(batches).toHaveLength(7);
    batches.forEach((b, i) => {
      expect(b.xsShape).toEqual([1, 3]);
      expect(Array.from(b.xs)).toEqual(range(i, i + 3));
      expect(b.ys?.[0]).toBe(i + 3);
    });
  });

  it('test_no_targets: 50 points, sequence_length 10, batch_size 5 → 9 batches, the last of 1, no ys', () => {
    const batches = allBatches(timeseriesWindows(arange(50), undefined, { sequenceLength: 10, batchSize: 5 }));
    expect(batches).toHaveLength(9);
    expect(batches[8]?.xsShape).toEqual([1, 10]);
    batches.forEach((b, i) => {
      expect(b.ys).toBeUndefined();
      rowsOf(b).forEach((row, j) => expect(row).toEqual(range(i * 5 + j, i * 5 + j + 10)));
    });
  });

  it('test_sampling_rate: sampling_rate 2 → 16 batches of 5 and one of 4', () => {
    const batches = allBatches(timeseriesWindows(arange(100), arange(100, 2), { sequenceLength: 9, batchSize: 5, samplingRate: 2 }));
    expect(batches).toHaveLength(17);
    expect(batches[16]?.size).toBe(4);
    batches.forEach((b, i) =>
      rowsOf(b).forEach((row, j) => {
        expect(row).toEqual(range(i * 5 + j, i * 5 + j + 18, 2));
        expect(b.ys?.[j]).toBe((row[0] as number) * 2);
      }),
    );
  });

  it('test_sequence_stride: sequence_stride 3 → 6 batches of 5 and one of 1', () => {
    const batches = allBatches(timeseriesWindows(arange(100), arange(100, 2), { sequenceLength: 9, batchSize: 5, sequenceStride: 3 }));
    expect(batches).toHaveLength(7);
    expect(batches[6]?.size).toBe(1);
    batches.forEach((b, i) =>
      rowsOf(b).forEach((row, j) => {
        const start = i * 15 + j * 3;
        expect(row).toEqual(range(start, start + 9));
        expect(b.ys?.[j]).toBe(start * 2);
      }),
    );
  });

  it('start_index 10, end_index 90 with stride 3 and rate 2: windows stay in [10, 90) and targets follow the start', () => {
    const ds = timeseriesWindows(arange(100), arange(100, 2), {
      sequenceLength: 9,
      batchSize: 5,
      sequenceStride: 3,
      samplingRate: 2,
      startIndex: 10,
      endIndex: 90,
    });
    // num_seqs = 80 − 16 = 64 → p = 0, 3, …, 63 → 22 windows starting at 10 + p
    expect(ds.size).toBe(22);
    expect(Array.from(ds.sample(0).x)).toEqual(range(10, 28, 2));
    expect(Array.from(ds.sample(21).x)).toEqual(range(73, 91, 2));
    expect(Math.max(...ds.sample(21).x)).toBeLessThan(90);
    expect(ds.sample(21).y?.[0]).toBe(73 * 2); // targets[start_index + p]
  });

  it('caps the windows at len(targets), as Keras does', () => {
    const ds = timeseriesWindows(arange(20), arange(5), { sequenceLength: 3 });
    expect(ds.size).toBe(5); // min(18, 5)
  });

  it('multivariate rows give [batch, L, F] windows and row targets give [batch, K]', () => {
    const data = Array.from({ length: 6 }, (_, t) => [t, 10 * t]);
    const targets = Array.from({ length: 6 }, (_, t) => [100 + t, 200 + t]);
    const [b] = allBatches(timeseriesWindows(data, targets, { sequenceLength: 2, batchSize: 8 }));
    expect(b?.xsShape).toEqual([5, 2, 2]);
    expect(b?.ysShape).toEqual([5, 2]);
    expect(Array.from(b?.xs.subarray(4, 8) ?? [])).toEqual([1, 10, 2, 20]);
    expect(Array.from(b?.ys?.subarray(2, 4) ?? [])).toEqual([101, 201]);
  });

  it('window counts and contents match a brute-force enumeration for random shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.integer({ min: 1, max: 70 }), { nil: undefined }),
        (n, length, stride, rate, startRaw, endCut, batchSize, targetLength) => {
          const start = startRaw % n;
          const end = Math.max(start + 1, n - endCut);
          const data = arange(n);
          const targets = targetLength === undefined ? undefined : arange(targetLength, -1);
          // Brute force: every s ≡ start (mod stride) whose window fits in [start, end) and whose target exists.
          const starts: number[] = [];
          const cap = targets ? start + targets.length : Infinity; // Keras: p < len(targets)
          for (let s = start; s + (length - 1) * rate < end && s - start < cap - start; s += stride) starts.push(s);
          const build = (): ReturnType<typeof timeseriesWindows> =>
            timeseriesWindows(data, targets, { sequenceLength: length, sequenceStride: stride, samplingRate: rate, startIndex: start, endIndex: end, batchSize });
          // Keras fails (in tf.gather) when a window's target row does not exist; we throw up front.
          if (starts.length === 0 || (targets && starts.some((s) => s >= targets.length))) {
            let error: unknown;
            try {
              build();
            } catch (e) {
              error = e;
            }
            expect(isRnnkitError(error)).toBe(true);
            return;
          }
          const ds = build();
          expect(ds.size).toBe(starts.length);
          const batches = allBatches(ds);
          expect(batches).toHaveLength(Math.ceil(starts.length / batchSize));
          const windows = batches.flatMap(rowsOf);
          starts.forEach((s, k) => {
            expect(windows[k]).toEqual(range(0, length).map((j) => s + j * rate));
            if (targets) expect(ds.sample(k).y?.[0]).toBe(-s);
          });
        },
      ),
      { numRuns: 300, seed: 2 },
    );
  });
});

describe('timeseriesWindows — laziness, shuffling, tensors', () => {
  it('stores no copy of the series: unshuffled windows are views into the input Float32Array', () => {
    const data = arange(1000);
    const ds = timeseriesWindows(data, null, { sequenceLength: 64 });
    const { x } = ds.sample(100);
    expect(x.buffer).toBe(data.buffer);
    expect(x.byteOffset).toBe(100 * 4);
  });

  it('shuffle draws a new permutation each epoch, deterministic for a seed, keeping targets paired', () => {
    const make = (): ReturnType<typeof timeseriesWindows> =>
      timeseriesWindows(arange(10), arange(10, 2), { sequenceLength: 5, batchSize: 1, shuffle: true, seed: 123 });
    const epochFirsts = (ds: ReturnType<typeof timeseriesWindows>): number[][] =>
      [0, 1, 2].map(() => allBatches(ds).map((b) => b.xs[0] as number));
    const a = epochFirsts(make());
    const b = epochFirsts(make());
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(a[1]);
    for (const order of a) expect([...order].sort((u, v) => u - v)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const batch of make()) expect(batch.ys?.[0]).toBe((batch.xs[0] as number) * 2);
  });

  it('yields float32 tensors equal to the arrays, created one batch at a time and owned by the caller', () => {
    const ds = timeseriesWindows(arange(30), arange(30, 2), { sequenceLength: 4, batchSize: 8 });
    const before = tf.memory().numTensors;
    const arrays = allBatches(ds);
    let k = 0;
    for (const { xs, ys } of ds.batches({ as: 'tensors' })) {
      expect(tf.memory().numTensors).toBe(before + 2); // only this batch's xs and ys exist
      expect(xs.shape).toEqual(arrays[k]?.xsShape);
      expect(ys?.shape).toEqual(arrays[k]?.ysShape);
      expect(Array.from(xs.dataSync())).toEqual(Array.from(arrays[k]?.xs ?? []));
      expect(Array.from(ys?.dataSync() ?? [])).toEqual(Array.from(arrays[k]?.ys ?? []));
      tf.dispose([xs, ys as tf.Tensor]);
      k++;
    }
    expect(k).toBe(ds.numBatches);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses bad input with RnnkitError codes', () => {
    expect(errorCode(() => timeseriesWindows([], null, { sequenceLength: 2 }))).toBe('EMPTY_INPUT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 4 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 2, samplingRate: 3 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 1, sequenceStride: -1 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 1, batchSize: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 1, startIndex: 3 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 1, startIndex: 2, endIndex: 2 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 1, endIndex: 4 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => timeseriesWindows([1, NaN, 3], null, { sequenceLength: 1 }))).toBe('NON_FINITE');
    expect(errorCode(() => timeseriesWindows([[1, 2], [3]], null, { sequenceLength: 1 }))).toBe('SHAPE_MISMATCH');
    // startIndex 5 with 3 targets: the window starting at row 5 would need targets[5]
    expect(errorCode(() => timeseriesWindows(arange(10), arange(3), { sequenceLength: 1, startIndex: 5 }))).toBe('SHAPE_MISMATCH');
    expect(errorCode(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 2 }).sample(2))).toBe('INVALID_ARGUMENT');
  });

  it('names the numbers in the window-too-long message', () => {
    expect(() => timeseriesWindows([1, 2, 3], null, { sequenceLength: 4 })).toThrow(/spans 4 rows.*hold only 3/);
  });
});
