// Restores any tokenizer from the JSON its `toJSON()` produced.

import { RnnkitError } from '@rnnkit/core';
import { bpeTokenizerFromJSON } from './bpe-tokenizer.js';
import { charTokenizerFromJSON } from './char-tokenizer.js';
import type { Tokenizer, TokenizerJSON } from './tokenizer.js';
import { wordTokenizerFromJSON } from './word-tokenizer.js';

/**
 * Rebuilds a char, word or BPE tokenizer from `tokenizer.toJSON()` (also after a JSON round trip).
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(tok.toJSON());
 * const again = tokenizerFromJSON(JSON.parse(saved));
 * again.encode('to be'); // same ids as tok.encode('to be')
 * ```
 */
export function tokenizerFromJSON(json: TokenizerJSON): Tokenizer {
  if (typeof json !== 'object' || json === null || json.version !== 1) {
    throw new RnnkitError('CORRUPT_FILE', `tokenizerFromJSON: expected a tokenizer JSON with version 1`);
  }
  switch (json.kind) {
    case 'char':
      return charTokenizerFromJSON(json);
    case 'word':
      return wordTokenizerFromJSON(json);
    case 'bpe':
      return bpeTokenizerFromJSON(json);
    default:
      throw new RnnkitError('CORRUPT_FILE', `tokenizerFromJSON: unknown tokenizer kind ${JSON.stringify((json as { kind: unknown }).kind)}`);
  }
}
