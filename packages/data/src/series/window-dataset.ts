// A lazy dataset of windows over one packed series. It stores the series (never copied),
// window k's start row is firstRow + k·stride, and a batch's floats are written only when the
// iterator reaches it: B × L × F floats per batch, never (number of windows) × L × F.

import { RnnkitError, createRng } from '@rnnkit/core';
import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOneOf } from '../validate.js';

/** One batch as flat row-major arrays with their shapes. */
export interface ArrayBatch {
  /** Inputs, row-major with shape `xsShape`. */
  readonly xs: Float32Array;
  /** `[batch, sequenceLength]` for 1-D data in {@link timeseriesWindows}, else `[batch, sequenceLength, features]`. */
  readonly xsShape: readonly number[];
  /** Targets, row-major with shape `ysShape`; `undefined` when the dataset has no targets. */
  readonly ys: Float32Array | undefined;
  /** `[batch, ...targetShape]`; `undefined` when the dataset has no targets. */
  readonly ysShape: readonly number[] | undefined;
  /** Number of windows in this batch (the last batch may be short). */
  readonly size: number;
}

/**
 * One batch as float32 tensors, created when the iterator reaches the batch. The consumer owns
 * them and must dispose them (`tf.dispose([batch.xs, batch.ys])`), as with any tensor it creates.
 */
export interface TensorBatch {
  readonly xs: Tensor;
  readonly ys: Tensor | undefined;
}

/** Options of {@link WindowDataset.batches}. */
export interface BatchesOptions {
  /**
   * `'arrays'` yields {@link ArrayBatch}es; `'tensors'` yields {@link TensorBatch}es (needs a tfjs backend).
   * @default 'arrays'
   */
  readonly as?: 'arrays' | 'tensors';
}

/** One window and its target, in unshuffled order. */
export interface WindowSample {
  /** The window's values (shape `sampleShape`). A view into the series when its rows are contiguous: do not write to it. */
  readonly x: Float32Array;
  /** The target (shape `targetShape`), or `undefined`. */
  readonly y: Float32Array | undefined;
}

/**
 * Windows over a series, produced on demand. Iterating it (or `batches()`) runs one epoch; with
 * `shuffle`, each epoch draws a new order from the dataset's seeded stream, so the n-th epoch
 * of two datasets built with the same seed is the same.
 *
 * @example
 * ```ts
 * const ds = slidingWindows([35, 32, 45, 48, 41, 39, 36], { window: 3, batchSize: 2 });
 * for (const { xs, ys } of ds) console.log(xs, ys); // two batches of two windows each
 * ```
 */
export interface WindowDataset extends Iterable<ArrayBatch> {
  /** Number of windows (samples). */
  readonly size: number;
  /** Windows per batch. */
  readonly batchSize: number;
  /** `ceil(size / batchSize)`. */
  readonly numBatches: number;
  /** Shape of one window: `[sequenceLength]` or `[sequenceLength, features]`. */
  readonly sampleShape: readonly number[];
  /** Shape of one target (`[]` for a scalar target), or `undefined` without targets. */
  readonly targetShape: readonly number[] | undefined;
  /** The series row where window `index` (unshuffled) starts. */
  windowStart(index: number): number;
  /** Window `index` (unshuffled) and its target. */
  sample(index: number): WindowSample;
  /** One epoch of batches, as arrays (default) or as tensors the consumer disposes. */
  batches(options?: { readonly as?: 'arrays' }): Iterable<ArrayBatch>;
  batches(options: { readonly as: 'tensors' }): Iterable<TensorBatch>;
  batches(options?: BatchesOptions): Iterable<ArrayBatch> | Iterable<TensorBatch>;
}

/** Where a window's target comes from: `horizon` rows from row `start + rowOffset`, some columns. */
export interface TargetPlan {
  readonly values: Float32Array;
  readonly columns: number;
  readonly selected: readonly number[] | undefined;
  readonly rowOffset: number;
  readonly horizon: number;
  readonly shape: readonly number[];
}

/** Everything {@link createWindowDataset} needs; validated by the public functions. */
export interface WindowPlan {
  readonly values: Float32Array;
  readonly columns: number;
  readonly selected: readonly number[] | undefined;
  readonly flat: boolean;
  readonly sequenceLength: number;
  readonly samplingRate: number;
  readonly firstRow: number;
  readonly stride: number;
  readonly count: number;
  readonly target: TargetPlan | undefined;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly seed: number;
}

/** Builds the lazy dataset for a validated plan. */
export function createWindowDataset(where: string, plan: WindowPlan): WindowDataset {
  const { values, columns, selected, sequenceLength: length, samplingRate: rate, target } = plan;
  const width = selected ? selected.length : columns;
  const windowSize = length * width;
  const targetSize = target ? target.horizon * (target.selected ? target.selected.length : target.columns) : 0;
  const contiguous = selected === undefined && rate === 1;
  const epochs = createRng(plan.seed);

  const start = (k: number): number => plan.firstRow + k * plan.stride;

  const writeWindow = (out: Float32Array, offset: number, row: number): void => {
    if (contiguous) {
      out.set(values.subarray(row * columns, (row + length) * columns), offset);
      return;
    }
    let o = offset;
    for (let j = 0; j < length; j++) {
      const base = (row + j * rate) * columns;
      if (selected) for (const c of selected) out[o++] = values[base + c] as number;
      else for (let c = 0; c < columns; c++) out[o++] = values[base + c] as number;
    }
  };

  const writeTarget = (t: TargetPlan, out: Float32Array, offset: number, row: number): void => {
    let o = offset;
    for (let h = 0; h < t.horizon; h++) {
      const base = (row + t.rowOffset + h) * t.columns;
      if (t.selected) for (const c of t.selected) out[o++] = t.values[base + c] as number;
      else for (let c = 0; c < t.columns; c++) out[o++] = t.values[base + c] as number;
    }
  };

  const sampleShape = plan.flat ? [length] : [length, width];

  function* arrayEpoch(): Generator<ArrayBatch> {
    const order = plan.shuffle ? permutation(plan.count, epochs.fork()) : undefined;
    for (let first = 0; first < plan.count; first += plan.batchSize) {
      const size = Math.min(plan.batchSize, plan.count - first);
      const xs = new Float32Array(size * windowSize);
      const ys = target ? new Float32Array(size * targetSize) : undefined;
      for (let i = 0; i < size; i++) {
        const row = start(order ? (order[first + i] as number) : first + i);
        writeWindow(xs, i * windowSize, row);
        if (target && ys) writeTarget(target, ys, i * targetSize, row);
      }
      yield {
        xs,
        xsShape: [size, ...sampleShape],
        ys,
        ysShape: target ? [size, ...target.shape] : undefined,
        size,
      };
    }
  }

  function* tensorEpoch(): Generator<TensorBatch> {
    for (const batch of arrayEpoch()) {
      const xs = tensor(batch.xs, [...batch.xsShape], 'float32');
      const ys = batch.ys && batch.ysShape ? tensor(batch.ys, [...batch.ysShape], 'float32') : undefined;
      yield { xs, ys };
    }
  }

  const checkIndex = (index: number): void => {
    if (!Number.isInteger(index) || index < 0 || index >= plan.count) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: window index ${index} is out of range [0, ${plan.count})`);
    }
  };

  function batches(options?: { readonly as?: 'arrays' }): Iterable<ArrayBatch>;
  function batches(options: { readonly as: 'tensors' }): Iterable<TensorBatch>;
  function batches(options?: BatchesOptions): Iterable<ArrayBatch> | Iterable<TensorBatch>;
  function batches(options: BatchesOptions = {}): Iterable<ArrayBatch> | Iterable<TensorBatch> {
    const as = options.as ?? 'arrays';
    checkOneOf(`${where}.batches`, 'as', as, ['arrays', 'tensors']);
    return as === 'tensors' ? { [Symbol.iterator]: tensorEpoch } : { [Symbol.iterator]: arrayEpoch };
  }

  return {
    size: plan.count,
    batchSize: plan.batchSize,
    numBatches: Math.ceil(plan.count / plan.batchSize),
    sampleShape,
    targetShape: target?.shape,
    windowStart: (index) => {
      checkIndex(index);
      return start(index);
    },
    sample: (index) => {
      checkIndex(index);
      const row = start(index);
      let x: Float32Array;
      if (contiguous) x = values.subarray(row * columns, (row + length) * columns);
      else {
        x = new Float32Array(windowSize);
        writeWindow(x, 0, row);
      }
      let y: Float32Array | undefined;
      if (target) {
        y = new Float32Array(targetSize);
        writeTarget(target, y, 0, row);
      }
      return { x, y };
    },
    batches,
    [Symbol.iterator]: arrayEpoch,
  };
}

/** A Fisher–Yates permutation of 0..n-1 drawn from `rng`. */
function permutation(n: number, rng: { int(n: number): number }): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
  return order;
}
