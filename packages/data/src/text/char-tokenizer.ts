// Character-level tokenizer (char-rnn's vocabulary): one id per Unicode code point seen in the
// corpus, ids in code point order. A lone surrogate is a character of its own, so any JS string
// the tokenizer was fitted on round-trips exactly.

import { RnnkitError } from '@rnnkit/core';
import { checkFitted, checkId, documentsOf } from './tokenizer.js';
import type { CharTokenizerJSON, Corpus, Tokenizer } from './tokenizer.js';

/** Options of {@link charTokenizer}. */
export interface CharTokenizerOptions {
  /**
   * A character (id 0) that stands for characters not seen in `fit`; without it they throw.
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
const utf16Decoder = new TextDecoder('utf-16le');

class CharTokenizerImpl implements CharTokenizer {
  readonly kind = 'char' as const;
  chars: string[] = [];
  private ids = new Map<string, number>();
  /** Id by UTF-16 code unit for one-unit characters; −1 when unknown. */
  private table = new Int32Array(65536).fill(-1);
  /** UTF-16 code units of each id's character (second = −1 for a one-unit character). */
  private firstUnit = new Uint16Array(0);
  private secondUnit = new Int32Array(0);
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
    this.setChars(this.oovToken === undefined ? sorted : [this.oovToken, ...sorted.filter((c) => c !== this.oovToken)]);
    return this;
  }

  setChars(chars: string[]): void {
    this.chars = chars;
    this.ids = new Map(chars.map((c, i) => [c, i]));
    for (const c of this.oovToken === undefined ? chars : chars.slice(1)) this.seen.add(c);
    this.table.fill(-1);
    for (const [c, i] of this.ids) if (c.length === 1) this.table[c.charCodeAt(0)] = i;
    this.firstUnit = Uint16Array.from(chars, (c) => c.charCodeAt(0));
    this.secondUnit = Int32Array.from(chars, (c) => (c.length > 1 ? c.charCodeAt(1) : -1));
    if (this.oovToken !== undefined) this.ids.set(this.oovToken, 0);
    this.fitted = true;
  }

  encode(text: string): Int32Array {
    checkFitted(`${WHERE}.encode`, this.fitted);
    const table = this.table;
    const out = new Int32Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let id: number | undefined;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        id = this.ids.get(text.slice(i, i + 2)); // a surrogate pair: one astral character
        i++;
      } else {
        id = table[unit] as number; // one code unit: a BMP character or a lone surrogate
        if (id < 0) id = undefined;
      }
      if (id === undefined) {
        if (this.oovToken === undefined) throw this.unknown(text, i, n);
        id = 0;
      }
      out[n++] = id;
    }
    return out.slice(0, n);
  }

  private unknown(text: string, end: number, index: number): RnnkitError {
    const ch = String.fromCodePoint(text.codePointAt(text.charCodeAt(end) >= 0xdc00 && text.charCodeAt(end) <= 0xdfff && end > 0 && text.charCodeAt(end - 1) >= 0xd800 && text.charCodeAt(end - 1) <= 0xdbff ? end - 1 : end) as number);
    const cp = (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    return new RnnkitError('INVALID_ARGUMENT', `${WHERE}.encode: character ${JSON.stringify(ch)} (U+${cp}) at code point ${index} was not in the fitted corpus`, {
      char: ch,
      index,
    });
  }

  decode(ids: ArrayLike<number>): string {
    checkFitted(`${WHERE}.decode`, this.fitted);
    const size = this.chars.length;
    const units = new Uint16Array(ids.length * 2);
    let n = 0;
    let lone = false;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!(id >= 0 && id < size && Number.isInteger(id))) checkId(`${WHERE}.decode`, id, i, size);
      units[n++] = this.firstUnit[id] as number;
      const second = this.secondUnit[id] as number;
      if (second >= 0) units[n++] = second;
      else lone ||= ((this.firstUnit[id] as number) & 0xf800) === 0xd800;
    }
    // TextDecoder is the fast path but turns lone surrogates into U+FFFD: keep them exact.
    if (!lone) return utf16Decoder.decode(units.subarray(0, n));
    let text = '';
    for (let k = 0; k < n; k += 8192) text += String.fromCharCode(...units.subarray(k, Math.min(n, k + 8192)));
    return text;
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
  if (options.oovToken !== undefined && (typeof options.oovToken !== 'string' || [...options.oovToken].length !== 1)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: oovToken must be a single character, got ${JSON.stringify(options.oovToken)}`);
  }
  return new CharTokenizerImpl(options.oovToken);
}

/** Restores a char tokenizer from its JSON. */
export function charTokenizerFromJSON(json: CharTokenizerJSON): CharTokenizer {
  if (!Array.isArray(json.chars) || json.chars.some((c) => typeof c !== 'string' || [...c].length !== 1)) {
    throw new RnnkitError('CORRUPT_FILE', `charTokenizer: JSON chars must be a list of single characters`);
  }
  const tok = charTokenizer(json.oovToken === undefined ? {} : { oovToken: json.oovToken }) as CharTokenizerImpl;
  tok.setChars(json.oovToken === undefined ? [...json.chars] : [json.oovToken, ...json.chars]);
  return tok;
}
