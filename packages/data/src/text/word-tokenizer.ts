// Word tokenizer with the conventions of Keras's legacy `Tokenizer`
// (keras_preprocessing/text.py): lower-case, replace every `filters` character by `split`,
// split on `split`, drop empty words; index 0 is never a word (padding), the OOV token (when
// given) is index 1, then words by descending count, ties in first-seen order (Python's stable
// sort over an insertion-ordered dict); `numWords` keeps ids < numWords when encoding.

import { RnnkitError } from '@rnnkit/core';
import { checkFitted, documentsOf } from './tokenizer.js';
import type { Corpus, Tokenizer, WordTokenizerJSON } from './tokenizer.js';

/** Keras's default `filters`: punctuation, tab and newline (not `'`). */
export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

/** Options of {@link wordTokenizer}; names and defaults follow Keras. */
export interface WordTokenizerOptions {
  /**
   * Keep only ids below this when encoding (the `numWords − 1` most frequent words; Keras `num_words`).
   * @default undefined (all words)
   */
  readonly numWords?: number;
  /**
   * Characters replaced by `split` before splitting.
   * @default KERAS_FILTERS ('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n')
   */
  readonly filters?: string;
  /**
   * Lower-case the text first.
   * @default true
   */
  readonly lower?: boolean;
  /**
   * The word separator.
   * @default ' '
   */
  readonly split?: string;
  /**
   * Token (index 1) for words not in the vocabulary (or beyond `numWords`); without it they are dropped.
   * @default undefined
   */
  readonly oovToken?: string;
}

/** A word tokenizer; `wordIndex` and `wordCounts` are Keras's `word_index` and `word_counts`. */
export interface WordTokenizer extends Tokenizer {
  readonly kind: 'word';
  readonly wordIndex: ReadonlyMap<string, number>;
  readonly wordCounts: ReadonlyMap<string, number>;
  readonly documentCount: number;
  /** Keras `text_to_word_sequence` with this tokenizer's options. */
  words(text: string): string[];
  toJSON(): WordTokenizerJSON;
}

const WHERE = 'wordTokenizer';

class WordTokenizerImpl implements WordTokenizer {
  readonly kind = 'word' as const;
  wordCounts = new Map<string, number>();
  wordIndex = new Map<string, number>();
  documentCount = 0;
  private indexWord = new Map<number, string>();
  private fitted = false;
  private readonly filterSet: Set<string>;

  constructor(
    readonly numWords: number | undefined,
    readonly filters: string,
    readonly lower: boolean,
    readonly split: string,
    readonly oovToken: string | undefined,
  ) {
    this.filterSet = new Set(filters);
  }

  get vocabSize(): number {
    const size = this.wordIndex.size + 1;
    return this.numWords === undefined ? size : Math.min(this.numWords, size);
  }

  words(text: string): string[] {
    const lowered = this.lower ? text.toLowerCase() : text;
    let replaced = '';
    for (const ch of lowered) replaced += this.filterSet.has(ch) ? this.split : ch;
    return replaced.split(this.split).filter((w) => w !== '');
  }

  fit(corpus: Corpus): this {
    for (const doc of documentsOf(`${WHERE}.fit`, corpus)) {
      this.documentCount++;
      for (const w of this.words(doc)) this.wordCounts.set(w, (this.wordCounts.get(w) ?? 0) + 1);
    }
    if (this.wordCounts.size === 0) throw new RnnkitError('EMPTY_INPUT', `${WHERE}.fit: the corpus has no words`);
    this.buildIndex();
    return this;
  }

  buildIndex(): void {
    // Array.prototype.sort is stable, as Python's: equal counts keep first-seen order.
    const ranked = [...this.wordCounts].sort((x, y) => y[1] - x[1]).map(([w]) => w);
    const vocabulary = this.oovToken === undefined ? ranked : [this.oovToken, ...ranked];
    this.wordIndex = new Map();
    vocabulary.forEach((w, i) => this.wordIndex.set(w, i + 1)); // a repeated key keeps its last index, as dict(zip(...))
    this.indexWord = new Map([...this.wordIndex].map(([w, i]) => [i, w]));
    this.fitted = true;
  }

  encode(text: string): Int32Array {
    checkFitted(`${WHERE}.encode`, this.fitted);
    const oov = this.oovToken === undefined ? undefined : this.wordIndex.get(this.oovToken);
    const ids: number[] = [];
    for (const w of this.words(text)) {
      const i = this.wordIndex.get(w);
      if (i !== undefined && !(this.numWords && i >= this.numWords)) ids.push(i);
      else if (oov !== undefined) ids.push(oov);
    }
    return Int32Array.from(ids);
  }

  decode(ids: ArrayLike<number>): string {
    checkFitted(`${WHERE}.decode`, this.fitted);
    const oov = this.oovToken === undefined ? undefined : this.wordIndex.get(this.oovToken);
    const oovWord = oov === undefined ? undefined : this.indexWord.get(oov);
    const out: string[] = [];
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      const word = this.indexWord.get(id);
      if (word !== undefined && !(this.numWords && id >= this.numWords)) out.push(word);
      else if (oovWord !== undefined) out.push(oovWord);
    }
    return out.join(' ');
  }

  toJSON(): WordTokenizerJSON {
    checkFitted(`${WHERE}.toJSON`, this.fitted);
    return {
      kind: 'word',
      version: 1,
      numWords: this.numWords ?? null,
      filters: this.filters,
      lower: this.lower,
      split: this.split,
      oovToken: this.oovToken ?? null,
      documentCount: this.documentCount,
      wordCounts: [...this.wordCounts],
    };
  }
}

/**
 * A word tokenizer with Keras's legacy `Tokenizer` behaviour (`fit_on_texts`,
 * `texts_to_sequences`, `sequences_to_texts`). Each string of the corpus is one document;
 * calling `fit` again adds to the counts. `decode` joins words with a space, so
 * `decode(encode(s))` gives back `s` for text already in that form (lower case, no filtered
 * characters, single spaces) whose words are in the vocabulary.
 *
 * @example
 * ```ts
 * const tok = wordTokenizer({ oovToken: '<OOV>' }).fit(['The cat sat.', 'The dog sat!']);
 * tok.wordIndex;               // Map { '<OOV>' → 1, 'the' → 2, 'sat' → 3, 'cat' → 4, 'dog' → 5 }
 * tok.encode('the bird sat');  // Int32Array [2, 1, 3]
 * tok.vocabSize;               // 6 (index 0 is padding)
 * ```
 */
export function wordTokenizer(options: WordTokenizerOptions = {}): WordTokenizer {
  const { numWords, filters = KERAS_FILTERS, lower = true, split = ' ', oovToken } = options;
  if (numWords !== undefined && (!Number.isInteger(numWords) || numWords <= 0)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: numWords must be a positive integer, got ${String(numWords)}`);
  }
  if (typeof split !== 'string' || split.length === 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: split must be a non-empty string, got ${JSON.stringify(split)}`);
  }
  return new WordTokenizerImpl(numWords, filters, lower, split, oovToken);
}

/** Restores a word tokenizer from its JSON. */
export function wordTokenizerFromJSON(json: WordTokenizerJSON): WordTokenizer {
  if (!Array.isArray(json.wordCounts) || json.wordCounts.some((e) => !Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number')) {
    throw new RnnkitError('CORRUPT_FILE', `wordTokenizer: JSON wordCounts must be a list of [word, count] pairs`);
  }
  const tok = new WordTokenizerImpl(json.numWords ?? undefined, json.filters, json.lower, json.split, json.oovToken ?? undefined);
  tok.wordCounts = new Map(json.wordCounts.map(([w, c]) => [w, c]));
  tok.documentCount = json.documentCount;
  tok.buildIndex();
  return tok;
}
