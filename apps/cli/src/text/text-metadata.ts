// What a language model's directory carries besides the weights: the fitted tokenizer under
// @rnnkit/core's `tokenizer` key, and under `text` the training settings and scores.

import type { LoadedMetadata, ModelMetadata } from '@rnnkit/core';
import { tokenizerFromJSON } from '@rnnkit/data';
import type { Tokenizer, TokenizerJSON } from '@rnnkit/data';
import { CliError } from '../cli-error.js';

/** The `text` key of a language model's metadata. */
export interface TextInfo {
  readonly kind: 'rnnkit-text';
  readonly version: 1;
  /** Where the text came from, its size in characters and tokens. */
  readonly data: { readonly source: string; readonly characters: number; readonly tokens: number };
  readonly settings: Readonly<Record<string, string | number | boolean | null>>;
  /** Validation scores (null without a validation part). */
  readonly metrics: Readonly<Record<string, number | null>>;
}

/**
 * The metadata to save with a language model.
 *
 * @example
 * ```ts
 * await saveModel(model, dir, { metadata: textMetadata(info, tokenizer, history) });
 * ```
 */
export function textMetadata(info: TextInfo, tokenizer: Tokenizer, history: Record<string, readonly number[]>): ModelMetadata {
  return { tokenizer, history, text: info as unknown as ModelMetadata[string] };
}

/**
 * The tokenizer and settings of a language model directory; anything else is a model error.
 *
 * @example
 * ```ts
 * const { tokenizer } = readTextMetadata('char-model', loaded.metadata);
 * ```
 */
export function readTextMetadata(dir: string, metadata: LoadedMetadata): { info: TextInfo; tokenizer: Tokenizer } {
  const info = metadata.all['text'] as Partial<TextInfo> | undefined;
  if (!info || info.kind !== 'rnnkit-text' || !metadata.tokenizer) {
    const what = metadata.all['forecast'] ? 'a forecaster (use rnnkit predict)' : 'a model without an rnnkit tokenizer';
    throw new CliError('model', `${dir} holds ${what}, not a language model written by rnnkit text train`, 'give a directory written by rnnkit text train');
  }
  try {
    return { info: info as TextInfo, tokenizer: tokenizerFromJSON(metadata.tokenizer as unknown as TokenizerJSON) };
  } catch (cause) {
    throw new CliError('model', `${dir}: the tokenizer in model.json is damaged (${(cause as Error).message})`, 'train the model again with rnnkit text train', { cause });
  }
}
