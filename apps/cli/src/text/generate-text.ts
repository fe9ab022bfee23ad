// Text from a language model, one token at a time (the lecture: the RNN keeps its hidden state
// between steps), through @rnnkit/train's generateTokens; the CLI encodes the prime and turns a
// prime the tokenizer cannot encode into a usage error.

import type { SequentialModel } from '@rnnkit/core';
import type { Tokenizer } from '@rnnkit/data';
import { generateTokens } from '@rnnkit/train';
import { CliError } from '../cli-error.js';

/** Options of {@link generateText}. */
export interface GenerateTextOptions {
  /** Text to start from; it must encode to at least one token. */
  readonly prime: string;
  /** Tokens to generate. */
  readonly length: number;
  /** Softmax temperature. */
  readonly temperature: number;
  /** Sample among the k likeliest tokens, or `undefined` for all. */
  readonly topK: number | undefined;
  readonly seed: number;
}

/**
 * Generates `length` tokens after `prime`; returns the generated part (without the prime).
 *
 * @example
 * ```ts
 * generateText(model, tokenizer, { prime: 'ROMEO:', length: 200, temperature: 0.8, topK: undefined, seed: 0 });
 * ```
 */
export function generateText(model: SequentialModel, tokenizer: Tokenizer, options: GenerateTextOptions): { text: string; ids: number[] } {
  let primeIds: Int32Array;
  try {
    primeIds = tokenizer.encode(options.prime);
  } catch (cause) {
    throw new CliError('usage', `--prime ${JSON.stringify(options.prime)} cannot be encoded: ${(cause as Error).message.replace(/^[\w.]+: /, '')}`, 'use characters the model was trained on', { cause });
  }
  if (primeIds.length === 0) {
    throw new CliError('usage', `--prime ${JSON.stringify(options.prime)} has no token the model knows`, 'give a prime with words from the training text');
  }
  const sampling = options.topK === undefined ? { method: 'temperature' as const, temperature: options.temperature } : { method: 'topK' as const, temperature: options.temperature, topK: options.topK };
  const ids = generateTokens(model, { prime: Array.from(primeIds), length: options.length, sampling, seed: options.seed });
  return { text: tokenizer.decode(ids), ids };
}
