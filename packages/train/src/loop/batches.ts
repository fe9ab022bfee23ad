// Batches as the loop consumes them. A source is an array of batches (reused every epoch, its
// order optionally shuffled with the run's seeded stream), an iterable that yields one epoch per
// iteration (@rnnkit/data's datasets), or a function of the epoch number. A batch may be tensors
// `{ x, y, mask? }` / `{ xs, ys }`, or @rnnkit/data's arrays (`{ xs, xsShape, ys, ysShape }`,
// `{ xs: Int32Array, ys, shape }`).

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import type { Rng } from '@rnnkit/core';

/** A batch of tensors. `mask` (`[batch]` or `[batch, T]`, 1 = counts) weighs the loss. */
export type Batch = { x: Tensor; y: Tensor; mask?: Tensor | null };

/** Every batch form the loop accepts. */
export type BatchInput =
  | Batch
  | { xs: Tensor; ys: Tensor | undefined }
  | { xs: Float32Array | Int32Array; xsShape: readonly number[]; ys: Float32Array | Int32Array | undefined; ysShape: readonly number[] | undefined }
  | { xs: Int32Array; ys: Int32Array; shape: readonly [number, number] };

/** Where batches come from; see the file header. */
export type BatchSource = readonly BatchInput[] | Iterable<BatchInput> | ((epoch: number) => Iterable<BatchInput>);

/** A batch as tensors, and whether the loop made them (and so disposes them). */
export type OwnedBatch = Batch & { owned: boolean };

const isTensor = (v: unknown): v is Tensor => typeof v === 'object' && v !== null && 'dataId' in v && 'shape' in v;

/** Converts any {@link BatchInput} to tensors; `where` names the batch in errors. */
export function toBatch(input: BatchInput, where: string): OwnedBatch {
  if ('x' in input && isTensor(input.x)) {
    if (!isTensor(input.y)) throw new RnnkitError('MISSING_VALUE', `${where}: batch has x but no y tensor`);
    return { x: input.x, y: input.y, mask: input.mask ?? null, owned: false };
  }
  if ('xs' in input && isTensor(input.xs)) {
    if (!isTensor(input.ys)) throw new RnnkitError('MISSING_VALUE', `${where}: batch has xs but no ys (a dataset without targets cannot train)`);
    return { x: input.xs, y: input.ys, mask: null, owned: false };
  }
  if ('xs' in input && 'shape' in input) {
    return { x: tensor(input.xs, [...input.shape], 'int32'), y: tensor(input.ys, [...input.shape], 'int32'), mask: null, owned: true };
  }
  if ('xs' in input && 'xsShape' in input) {
    if (!input.ys || !input.ysShape) throw new RnnkitError('MISSING_VALUE', `${where}: batch has no targets (ys)`);
    const dtype = (a: Float32Array | Int32Array): 'int32' | 'float32' => (a instanceof Int32Array ? 'int32' : 'float32');
    return { x: tensor(input.xs, [...input.xsShape], dtype(input.xs)), y: tensor(input.ys, [...input.ysShape], dtype(input.ys)), mask: null, owned: true };
  }
  throw new RnnkitError('INVALID_ARGUMENT', `${where}: not a batch (expected { x, y }, { xs, ys } tensors, or @rnnkit/data arrays)`);
}

/** Whether a source hands out new tensors each epoch (then the loop disposes them by default). */
export function sourceYieldsFreshTensors(source: BatchSource): boolean {
  return !Array.isArray(source);
}

/**
 * The batches of one epoch. An array source is shuffled with `rng` when `shuffle` is set
 * (batch order only; the batches themselves are kept).
 */
export function epochBatches(source: BatchSource, epoch: number, shuffle: boolean, rng: Rng): Iterable<BatchInput> {
  if (Array.isArray(source)) {
    const order = source.map((_, i) => i);
    if (shuffle) rng.shuffle(order);
    return order.map((i) => source[i] as BatchInput);
  }
  if (typeof source === 'function') return (source as (epoch: number) => Iterable<BatchInput>)(epoch);
  if (typeof (source as Iterable<BatchInput>)[Symbol.iterator] === 'function') return source as Iterable<BatchInput>;
  throw new RnnkitError('INVALID_ARGUMENT', 'train: data must be an array of batches, an iterable of batches, or a function (epoch) => batches');
}

/**
 * The batches of an epoch after its first `count`, for a run resumed inside that epoch. Skipped
 * batches are read and dropped (their tensors disposed when `dispose`, i.e. the source makes
 * fresh ones), so a generator or dataset is left exactly where the aborted run left it.
 */
export function* skipBatches(batches: Iterable<BatchInput>, count: number, dispose: boolean): Generator<BatchInput> {
  let index = 0;
  for (const input of batches) {
    if (index++ >= count) {
      yield input;
      continue;
    }
    if (!dispose) continue;
    for (const value of Object.values(input) as unknown[]) if (isTensor(value)) value.dispose();
  }
}

/**
 * Brings an iterable source to where it would be after `epochs` epochs, for a resumed run:
 * datasets that draw a new shuffle per iteration (@rnnkit/data's) advance their stream when an
 * epoch starts, so each skipped epoch is started (its first batch read) and abandoned.
 */
export function fastForward(source: BatchSource, epochs: number): void {
  if (Array.isArray(source) || typeof source === 'function') return;
  for (let e = 0; e < epochs; e++) {
    const it = (source as Iterable<BatchInput>)[Symbol.iterator]();
    const first = it.next();
    if (!first.done) {
      const b = first.value;
      if ('xs' in b && isTensor(b.xs)) b.xs.dispose();
      if ('ys' in b && isTensor(b.ys)) b.ys.dispose();
    }
    it.return?.();
  }
}
