// The contract every tokenizer follows: fit on a corpus, encode text to ids, decode ids to
// text, report the vocabulary size (the embedding's input dimension), save to JSON.

import { RnnkitError } from '@rnnkit/core';

/** A corpus: one text, or several documents (each counted separately by the word tokenizer). */
export type Corpus = string | Iterable<string>;

/** The JSON form of any tokenizer; {@link tokenizerFromJSON} restores it. */
export type TokenizerJSON = CharTokenizerJSON | WordTokenizerJSON | BpeTokenizerJSON;

/** JSON of a {@link charTokenizer}. */
export interface CharTokenizerJSON {
  readonly kind: 'char';
  readonly version: 1;
  readonly chars: readonly string[];
  readonly oovToken?: string;
}

/** JSON of a {@link wordTokenizer}: options plus the counts in first-seen order (which fixes the index). */
export interface WordTokenizerJSON {
  readonly kind: 'word';
  readonly version: 1;
  readonly numWords: number | null;
  readonly filters: string;
  readonly lower: boolean;
  readonly split: string;
  readonly oovToken: string | null;
  readonly documentCount: number;
  readonly wordCounts: readonly (readonly [string, number])[];
}

/** JSON of a {@link bpeTokenizer}: the merges in order, flattened `[left0, right0, …]`. */
export interface BpeTokenizerJSON {
  readonly kind: 'bpe';
  readonly version: 1;
  readonly vocabSize: number;
  readonly specialTokens: readonly string[];
  readonly merges: readonly number[];
}

/**
 * The common tokenizer interface.
 *
 * @example
 * ```ts
 * const tok = charTokenizer().fit('hello');
 * const ids = tok.encode('hell'); // Int32Array
 * tok.decode(ids);                // 'hell'
 * tok.vocabSize;                  // 4
 * const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
 * ```
 */
export interface Tokenizer {
  readonly kind: 'char' | 'word' | 'bpe';
  /** Ids are in `[0, vocabSize)`. */
  readonly vocabSize: number;
  /** Learns the vocabulary from `corpus`; returns the tokenizer. */
  fit(corpus: Corpus): this;
  encode(text: string): Int32Array;
  decode(ids: ArrayLike<number>): string;
  toJSON(): TokenizerJSON;
}

/** The documents of a corpus, checked to be strings. */
export function documentsOf(where: string, corpus: Corpus): string[] {
  const docs = typeof corpus === 'string' ? [corpus] : corpus !== null && typeof corpus === 'object' && Symbol.iterator in corpus ? [...corpus] : undefined;
  if (!docs) throw new RnnkitError('INVALID_ARGUMENT', `${where}: corpus must be a string or an iterable of strings, got ${typeof corpus}`);
  docs.forEach((d, i) => {
    if (typeof d !== 'string') throw new RnnkitError('INVALID_ARGUMENT', `${where}: corpus document ${i} is a ${typeof d}, not a string`);
  });
  return docs;
}

/** Throws `NOT_BUILT` when a tokenizer is used before `fit`. */
export function checkFitted(where: string, fitted: boolean): void {
  if (!fitted) throw new RnnkitError('NOT_BUILT', `${where}: call fit(corpus) (or tokenizerFromJSON) before encoding or decoding`);
}

/** Throws `INVALID_ARGUMENT` for an id outside `[0, vocabSize)`. */
export function checkId(where: string, id: number, index: number, vocabSize: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: id ${id} at position ${index} is outside the vocabulary [0, ${vocabSize})`, { id, index });
  }
}
