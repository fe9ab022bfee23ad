// Text generation, char-rnn's sample.lua: prime the model's hidden state with a prefix, then
// repeatedly pick a token from the last logits and feed it back in, one step at a time.

import { tensor1d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, checkPositiveInt, createRng, formatShape } from '@rnnkit/core';
import { sampleToken } from './sample-token.js';
import type { SamplingOptions } from './sample-token.js';

/** A model that can be run one time step at a time with kept states (core's `sequential`). */
export interface StreamingModel {
  /** One step: token ids `[batch]` → logits `[batch, vocab]`, keeping recurrent states. */
  step(x: Tensor): Tensor;
  /** Forgets the kept states. */
  resetState(): void;
}

/** Options of {@link generateTokens}. */
export interface GenerateOptions {
  /** Token ids fed first (at least one). */
  prime: readonly number[];
  /** How many tokens to generate. */
  length: number;
  /**
   * How each token is picked.
   * @default { method: 'temperature', temperature: 1 }
   */
  sampling?: SamplingOptions;
  /**
   * Seed of the sampling stream.
   * @default 0
   */
  seed?: number;
}

/**
 * Generates `length` token ids after `prime` (the prime is not included).
 *
 * @example
 * ```ts
 * const ids = generateTokens(model, { prime: tokenizer.encode('The '), length: 200, sampling: { method: 'topK', topK: 5 }, seed: 1 });
 * console.log(tokenizer.decode(ids));
 * ```
 */
export function generateTokens(model: StreamingModel, options: GenerateOptions): number[] {
  const { prime, length, sampling = {}, seed = 0 } = options;
  if (prime.length === 0) throw new RnnkitError('EMPTY_INPUT', 'generateTokens: prime needs at least one token id');
  if (length !== 0) checkPositiveInt('generateTokens', 'length', length);
  const rng = createRng(seed);
  const stepOnce = (id: number): ArrayLike<number> => {
    const logits = tidy(() => model.step(tensor1d([id], 'int32')));
    if (logits.rank !== 2 || logits.shape[0] !== 1) {
      logits.dispose();
      throw new RnnkitError('SHAPE_MISMATCH', `generateTokens: the model's step must return logits [1, vocab], got ${formatShape(logits.shape)}`);
    }
    const row = logits.dataSync();
    logits.dispose();
    return row;
  };
  model.resetState();
  let logits: ArrayLike<number> = [];
  for (const id of prime) logits = stepOnce(id);
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const next = sampleToken(logits, sampling, rng);
    out.push(next);
    if (i < length - 1) logits = stepOnce(next);
  }
  model.resetState();
  return out;
}
