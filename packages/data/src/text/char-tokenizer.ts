// Character-level tokenizer (char-rnn's vocabulary): one id per Unicode code point seen in the
// corpus, ids in code point order. A lone surrogate is a character of its own, so any JS string
// the tokenizer was fitted on round-trips exactly.

import { RnnkitError } from '@rnnkit/core';
import { checkFitted, checkId, documentsOf } from './tokenizer.js';
import type { CharTokenizerJSON, Corpus, Tokenizer } from './tokenizer.js';

/** Options of {@link charTokenizer}. */
export interface CharTokenizerOptions {
  /**
   * A token (id 0) that stands for characters not seen in `fit`; without it they throw.
   * @default undefined
   */
  readonly oovToken?: string;
}

/** A character tokenizer; `chars[id]` is the character of `id`. */
export interface CharTokenizer extends Tokenizer {
  readonly kind: 'char';
  readonly chars: readonly string[];
  toJSON(): CharTokenizerJSON;
}

const WHERE = 'charTokenizer';

class CharTokenizerImpl implements CharTokenizer {
  readonly kind = 'char' as const;
  chars: string[] = [];
  private ids = new Map<string, number>();
  private seen = new Set<string>();
  private fitted = false;

  constructor(private readonly oovToken: string | undefined) {}

  get vocabSize(): number {
    return this.chars.length;
  }

  fit(corpus: Corpus): this {
    for (const doc of documentsOf(`${WHERE}.fit`, corpus)) for (const ch of doc) this.seen.add(ch);
    if (this.seen.size === 0) throw new RnnkitError('EMPTY_INPUT', `${WHERE}.fit: the corpus has no characters`);
    const sorted = [...this.seen].sort((x, y) => (x.codePointAt(0) as number) - (y.codePointAt(0) as number));
    this.setChars(this.oovToken === undefined ? sorted : [this.oovToken, ...sorted]);
    return this;
  }

  setChars(chars: string[]): void {
    this.chars = chars;
    this.ids = new Map(chars.map((c, i) => [c, i]));
    for (const c of this.oovToken === undefined ? chars : chars.slice(1)) this.seen.add(c);
    if (this.oovToken !== undefined) this.ids.set(this.oovToken, 0);
    this.fitted = true;
  }

  encode(text: string): Int32Array {
    checkFitted(`${WHERE}.encode`, this.fitted);
    const out = new Int32Array(text.length);
    let n = 0;
    for (const ch of text) {
      const id = this.ids.get(ch);
      if (id === undefined) {
        if (this.oovToken !== undefined) {
          out[n++] = 0;
          continue;
        }
        const cp = (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
        throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}.encode: character ${JSON.stringify(ch)} (U+${cp}) at code point ${n} was not in the fitted corpus`, {
          char: ch,
          index: n,
        });
      }
      out[n++] = id;
    }
    return out.slice(0, n);
  }

  decode(ids: ArrayLike<number>): string {
    checkFitted(`${WHERE}.decode`, this.fitted);
    const parts: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      checkId(`${WHERE}.decode`, ids[i] as number, i, this.chars.length);
      parts.push(this.chars[ids[i] as number] as string);
    }
    return parts.join('');
  }

  toJSON(): CharTokenizerJSON {
    checkFitted(`${WHERE}.toJSON`, this.fitted);
    const chars = this.oovToken === undefined ? this.chars : this.chars.slice(1);
    return { kind: 'char', version: 1, chars: [...chars], ...(this.oovToken === undefined ? {} : { oovToken: this.oovToken }) };
  }
}

/**
 * A character-level tokenizer: the vocabulary is every code point of the corpus, sorted by code
 * point. `fit` may be called again to add characters (ids are then reassigned).
 *
 * Lone surrogates (half of a UTF-16 pair, possible in JS strings) are characters of their own:
 * `decode(encode(s)) === s` for every string `s` whose characters were seen in `fit`.
 *
 * @example
 * ```ts
 * const tok = charTokenizer().fit('hello world');
 * tok.chars;              // [' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']
 * tok.encode('hello');    // Int32Array [3, 2, 4, 4, 5]
 * tok.decode([7, 5, 6]);  // 'wor'
 * ```
 */
export function charTokenizer(options: CharTokenizerOptions = {}): CharTokenizer {
  return new CharTokenizerImpl(options.oovToken);
}

/** Restores a char tokenizer from its JSON. */
export function charTokenizerFromJSON(json: CharTokenizerJSON): CharTokenizer {
  if (!Array.isArray(json.chars) || json.chars.some((c) => typeof c !== 'string' || [...c].length !== 1)) {
    throw new RnnkitError('CORRUPT_FILE', `charTokenizer: JSON chars must be a list of single characters`);
  }
  const tok = new CharTokenizerImpl(json.oovToken);
  tok.setChars(json.oovToken === undefined ? [...json.chars] : [json.oovToken, ...json.chars]);
  return tok;
}
