// Language-model batches in char-rnn's layout (karpathy/char-rnn, util/CharSplitLMMinibatchLoader.lua):
// the token stream is cut into `batchSize` contiguous tracks of T = numBatches · seqLength
// tokens; batch k holds columns [k·seqLength, (k+1)·seqLength) of every track, and the targets
// are the same positions shifted by one token. Row i of batch k+1 therefore continues row i
// of batch k, which is what truncated BPTT with a carried hidden state needs.

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOneOf } from '../validate.js';

/** Options of {@link languageModelBatches}. */
export interface LanguageModelBatchesOptions {
  /** Rows per batch = number of parallel tracks. Required. */
  readonly batchSize: number;
  /** Time steps per batch (the BPTT length). Required. */
  readonly seqLength: number;
}

/** One batch: `xs[i·seqLength + t]` is token t of row i, `ys` the token after it. */
export interface TokenBatch {
  readonly xs: Int32Array;
  readonly ys: Int32Array;
  /** `[batchSize, seqLength]`. */
  readonly shape: readonly [number, number];
}

/** One batch as int32 tensors of shape `[batchSize, seqLength]`, owned (and disposed) by the consumer. */
export interface TokenTensorBatch {
  readonly xs: Tensor;
  readonly ys: Tensor;
}

/** The batches of a token stream, produced on demand, always in order (carried state needs it). */
export interface LanguageModelBatches extends Iterable<TokenBatch> {
  readonly numBatches: number;
  readonly batchSize: number;
  readonly seqLength: number;
  /** Tokens per track: numBatches · seqLength. */
  readonly trackLength: number;
  /** Batch `k` as arrays. */
  batch(k: number): TokenBatch;
  /** One pass over the batches as arrays (default) or as tensors the consumer disposes. */
  batches(options?: { readonly as?: 'arrays' }): Iterable<TokenBatch>;
  batches(options: { readonly as: 'tensors' }): Iterable<TokenTensorBatch>;
}

/**
 * Cuts a token stream into char-rnn batches. With `n` tokens, `numBatches =
 * floor((n − 1) / (batchSize · seqLength))`: the stream is trimmed so that every input has a
 * following target (char-rnn instead wraps the very last target around to the first token).
 * For a train/validation split, split the stream first — `splitSeries(ids, { train: 0.9, validation: 0.1 })`
 * — and build batches for each part, so no token is in both.
 *
 * @example
 * ```ts
 * const ids = Int32Array.from({ length: 13 }, (_, i) => i);
 * const lm = languageModelBatches(ids, { batchSize: 2, seqLength: 3 });
 * lm.numBatches;   // 2 (tracks 0–5 and 6–11)
 * lm.batch(0).xs;  // [0, 1, 2,  6, 7, 8]
 * lm.batch(0).ys;  // [1, 2, 3,  7, 8, 9]
 * lm.batch(1).xs;  // [3, 4, 5,  9, 10, 11]  (row i continues row i)
 * ```
 */
export function languageModelBatches(tokens: ArrayLike<number>, options: LanguageModelBatchesOptions): LanguageModelBatches {
  const where = 'languageModelBatches';
  const { batchSize, seqLength } = options;
  checkPositiveInt(where, 'batchSize', batchSize);
  checkPositiveInt(where, 'seqLength', seqLength);
  if (tokens.length === 0) throw new RnnkitError('EMPTY_INPUT', `${where}: the token stream is empty`);
  const numBatches = Math.floor((tokens.length - 1) / (batchSize * seqLength));
  if (numBatches === 0) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `${where}: ${tokens.length} tokens are too few for one batch of ${batchSize} × ${seqLength} (needs ${batchSize * seqLength + 1})`,
      { tokens: tokens.length, needed: batchSize * seqLength + 1 },
    );
  }
  const trackLength = numBatches * seqLength;

  const batch = (k: number): TokenBatch => {
    if (!Number.isInteger(k) || k < 0 || k >= numBatches) {
      throw new RnnkitError('INVALID_ARGUMENT', `${where}: batch index ${k} is out of range [0, ${numBatches})`);
    }
    const xs = new Int32Array(batchSize * seqLength);
    const ys = new Int32Array(batchSize * seqLength);
    for (let i = 0; i < batchSize; i++) {
      const base = i * trackLength + k * seqLength;
      for (let t = 0; t < seqLength; t++) {
        xs[i * seqLength + t] = tokens[base + t] as number;
        ys[i * seqLength + t] = tokens[base + t + 1] as number;
      }
    }
    return { xs, ys, shape: [batchSize, seqLength] };
  };

  function* arrays(): Generator<TokenBatch> {
    for (let k = 0; k < numBatches; k++) yield batch(k);
  }
  function* tensors(): Generator<TokenTensorBatch> {
    for (let k = 0; k < numBatches; k++) {
      const b = batch(k);
      yield { xs: tensor(b.xs, [batchSize, seqLength], 'int32'), ys: tensor(b.ys, [batchSize, seqLength], 'int32') };
    }
  }
  function batches(options?: { readonly as?: 'arrays' }): Iterable<TokenBatch>;
  function batches(options: { readonly as: 'tensors' }): Iterable<TokenTensorBatch>;
  function batches(options: { readonly as?: 'arrays' | 'tensors' } = {}): Iterable<TokenBatch> | Iterable<TokenTensorBatch> {
    const as = options.as ?? 'arrays';
    checkOneOf(`${where}.batches`, 'as', as, ['arrays', 'tensors']);
    return as === 'tensors' ? { [Symbol.iterator]: tensors } : { [Symbol.iterator]: arrays };
  }

  return { numBatches, batchSize, seqLength, trackLength, batch, batches, [Symbol.iterator]: arrays };
}
