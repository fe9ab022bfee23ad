// Byte-level BPE (GPT-2 style): ids 0–255 are the bytes of the WTF-8 encoding, then the
// special tokens, then one id per learned merge. Any string encodes (no unknown characters),
// and decode(encode(s)) === s for every JS string, lone surrogates included (see wtf8.ts).

import { RnnkitError, checkPositiveInt } from '@rnnkit/core';
import { forEachPretoken } from './pretokenize.js';
import { checkFitted, checkId, documentsOf } from './tokenizer.js';
import type { BpeTokenizerJSON, Corpus, Tokenizer } from './tokenizer.js';
import { trainBpeMerges } from './train-bpe-merges.js';
import type { WordCount } from './train-bpe-merges.js';
import { decodeWtf8, encodeWtf8 } from './wtf8.js';

/** Options of {@link bpeTokenizer}. */
export interface BpeTokenizerOptions {
  /** Target vocabulary size: 256 bytes + special tokens + merges. Required. */
  readonly vocabSize: number;
  /**
   * Strings that always encode to one id each (ids 256, 257, …), e.g. `'<|endoftext|>'`;
   * training never merges across them.
   * @default []
   */
  readonly specialTokens?: readonly string[];
}

/** A byte-level BPE tokenizer. */
export interface BpeTokenizer extends Tokenizer {
  readonly kind: 'bpe';
  /** The learned merges in order: merge r joins `merges[r]` into id `256 + specials + r`. */
  readonly merges: readonly (readonly [number, number])[];
  /** The bytes an id stands for (a special token's UTF-8 bytes). */
  tokenBytes(id: number): Uint8Array;
  toJSON(): BpeTokenizerJSON;
}

const WHERE = 'bpeTokenizer';
const KEY = 2 ** 21;
const CACHE_LIMIT = 100_000;

class BpeTokenizerImpl implements BpeTokenizer {
  readonly kind = 'bpe' as const;
  private flatMerges: number[] = [];
  private ranks = new Map<number, number>();
  private bytesOf: Uint8Array[] = [];
  private cache = new Map<string, Int32Array>();
  private specialIds = new Map<string, number>();
  private specialPattern: RegExp | undefined;
  private fitted = false;

  constructor(
    readonly targetSize: number,
    readonly specialTokens: readonly string[],
  ) {
    this.specialTokens.forEach((s, i) => this.specialIds.set(s, 256 + i));
    if (specialTokens.length > 0) {
      const escaped = [...specialTokens].sort((x, y) => y.length - x.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.specialPattern = new RegExp(`(${escaped.join('|')})`, 'u');
    }
  }

  get vocabSize(): number {
    return 256 + this.specialTokens.length + this.flatMerges.length / 2;
  }

  get merges(): (readonly [number, number])[] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.flatMerges.length; i += 2) out.push([this.flatMerges[i] as number, this.flatMerges[i + 1] as number]);
    return out;
  }

  fit(corpus: Corpus): this {
    const counts = new Map<string, number>();
    for (const doc of documentsOf(`${WHERE}.fit`, corpus)) {
      for (const part of this.splitSpecials(doc)) {
        if (typeof part === 'number') continue;
        forEachPretoken(part, (piece) => counts.set(piece, (counts.get(piece) ?? 0) + 1));
      }
    }
    if (counts.size === 0) throw new RnnkitError('EMPTY_INPUT', `${WHERE}.fit: the corpus has no text to learn merges from`);
    // Words in first-seen order: the trainer's result does not depend on it (ties break by id).
    const words: WordCount[] = [...counts].map(([piece, count]) => ({ symbols: encodeWtf8(piece), count }));
    const numMerges = this.targetSize - 256 - this.specialTokens.length;
    this.setMerges(trainBpeMerges(words, numMerges, 256 + this.specialTokens.length));
    return this;
  }

  setMerges(flat: number[]): void {
    const first = 256 + this.specialTokens.length;
    this.flatMerges = flat;
    this.ranks = new Map();
    const encoder = new TextEncoder();
    this.bytesOf = [];
    for (let b = 0; b < 256; b++) this.bytesOf.push(Uint8Array.of(b));
    for (const s of this.specialTokens) this.bytesOf.push(encoder.encode(s));
    for (let r = 0; r < flat.length / 2; r++) {
      const a = flat[2 * r] as number;
      const b = flat[2 * r + 1] as number;
      if (!(a >= 0 && b >= 0 && a < first + r && b < first + r) || (a >= 256 && a < first) || (b >= 256 && b < first)) {
        throw new RnnkitError('CORRUPT_FILE', `${WHERE}: merge ${r} joins ids ${a} and ${b}, which are not bytes or earlier merges`);
      }
      this.ranks.set(a * KEY + b, r);
      const left = this.bytesOf[a] as Uint8Array;
      const right = this.bytesOf[b] as Uint8Array;
      const joined = new Uint8Array(left.length + right.length);
      joined.set(left);
      joined.set(right, left.length);
      this.bytesOf.push(joined);
    }
    this.cache.clear();
    this.fitted = true;
  }

  /** Text pieces and special-token ids, in order. */
  private splitSpecials(text: string): (string | number)[] {
    if (!this.specialPattern) return [text];
    return text
      .split(this.specialPattern)
      .map((part, i) => (i % 2 === 1 ? (this.specialIds.get(part) as number) : part))
      .filter((part) => part !== '');
  }

  encode(text: string): Int32Array {
    checkFitted(`${WHERE}.encode`, this.fitted);
    if (typeof text !== 'string') throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}.encode: text must be a string, got ${typeof text}`);
    let out = new Int32Array(Math.max(16, text.length)); // grows: a character may take up to 4 byte ids
    let n = 0;
    const append = (ids: Int32Array): void => {
      if (n + ids.length > out.length) {
        const bigger = new Int32Array(Math.max(out.length * 2, n + ids.length));
        bigger.set(out.subarray(0, n));
        out = bigger;
      }
      for (let k = 0; k < ids.length; k++) out[n++] = ids[k] as number; // pieces are short: a loop beats set()
    };
    for (const part of this.splitSpecials(text)) {
      if (typeof part === 'number') append(Int32Array.of(part));
      else forEachPretoken(part, (piece) => append(this.encodePiece(piece)));
    }
    return out.slice(0, n);
  }

  /** Applies the merges to one pre-token, lowest rank first (GPT-2's `bpe()`), with a cache. */
  private encodePiece(piece: string): Int32Array {
    const cached = this.cache.get(piece);
    if (cached) return cached;
    const symbols = Array.from(encodeWtf8(piece));
    const first = 256 + this.specialTokens.length;
    while (symbols.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const rank = this.ranks.get((symbols[i] as number) * KEY + (symbols[i + 1] as number));
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      const a = symbols[best] as number;
      const b = symbols[best + 1] as number;
      // Merge every occurrence of (a, b), left to right.
      let w = 0;
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
          symbols[w++] = first + bestRank;
          i++;
        } else symbols[w++] = symbols[i] as number;
      }
      symbols.length = w;
    }
    const ids = Int32Array.from(symbols);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }

  decode(ids: ArrayLike<number>): string {
    checkFitted(`${WHERE}.decode`, this.fitted);
    const size = this.vocabSize;
    const specialsEnd = 256 + this.specialTokens.length;
    let length = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (!(id >= 0 && id < size && Number.isInteger(id))) checkId(`${WHERE}.decode`, id, i, size);
      length += (this.bytesOf[id] as Uint8Array).length;
    }
    const bytes = new Uint8Array(length);
    let text = '';
    let n = 0;
    let flushed = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id >= 256 && id < specialsEnd) {
        text += decodeWtf8(bytes.subarray(flushed, n)) + (this.specialTokens[id - 256] as string);
        flushed = n;
        continue;
      }
      const token = this.bytesOf[id] as Uint8Array;
      if (token.length === 1) bytes[n++] = token[0] as number;
      else {
        bytes.set(token, n);
        n += token.length;
      }
    }
    return text + decodeWtf8(bytes.subarray(flushed, n));
  }

  tokenBytes(id: number): Uint8Array {
    checkFitted(`${WHERE}.tokenBytes`, this.fitted);
    checkId(`${WHERE}.tokenBytes`, id, 0, this.vocabSize);
    return (this.bytesOf[id] as Uint8Array).slice();
  }

  toJSON(): BpeTokenizerJSON {
    checkFitted(`${WHERE}.toJSON`, this.fitted);
    return { kind: 'bpe', version: 1, vocabSize: this.targetSize, specialTokens: [...this.specialTokens], merges: [...this.flatMerges] };
  }
}

/**
 * A byte-level BPE tokenizer trained with `fit` to at most `vocabSize` ids (fewer when the
 * corpus runs out of pairs). The text is pre-tokenized as GPT-2 does (words keep their leading
 * space; merges stay inside a word), turned into WTF-8 bytes, and merges are learned
 * incrementally; equal pair counts break towards the smallest (left id, right id), so training
 * is deterministic. `fit` retrains from scratch.
 *
 * Lone surrogates encode as the 3 WTF-8 bytes of their code point, so `decode(encode(s)) === s`
 * for every JS string. Decoding ids that cut a character in half gives U+FFFD for the bad bytes.
 *
 * @example
 * ```ts
 * const tok = bpeTokenizer({ vocabSize: 259 }).fit('aaabdaaabac');
 * tok.merges;                // [[97, 97], [97, 98], [256, 257]]  ('aa', 'ab', 'aaab')
 * tok.encode('aaabdaaabac'); // Int32Array [258, 100, 258, 97, 99]
 * tok.decode(tok.encode('héllo 🙂')); // 'héllo 🙂' (bytes it never saw still encode)
 * ```
 */
export function bpeTokenizer(options: BpeTokenizerOptions): BpeTokenizer {
  const { vocabSize, specialTokens = [] } = options;
  checkPositiveInt(WHERE, 'vocabSize', vocabSize);
  if (vocabSize > KEY) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: vocabSize must be at most ${KEY} (2^21), got ${vocabSize}`);
  }
  if (vocabSize < 256 + specialTokens.length) {
    throw new RnnkitError(
      'INVALID_ARGUMENT',
      `${WHERE}: vocabSize must be at least 256 (the byte alphabet) + ${specialTokens.length} special token(s) = ${256 + specialTokens.length}, got ${vocabSize}`,
      { vocabSize, minimum: 256 + specialTokens.length },
    );
  }
  if (specialTokens.some((s) => typeof s !== 'string' || s === '') || new Set(specialTokens).size !== specialTokens.length) {
    throw new RnnkitError('INVALID_ARGUMENT', `${WHERE}: specialTokens must be distinct non-empty strings`);
  }
  return new BpeTokenizerImpl(vocabSize, [...specialTokens]);
}

/** Restores a BPE tokenizer from its JSON. */
export function bpeTokenizerFromJSON(json: BpeTokenizerJSON): BpeTokenizer {
  if (!Array.isArray(json.merges) || json.merges.length % 2 !== 0 || !Array.isArray(json.specialTokens)) {
    throw new RnnkitError('CORRUPT_FILE', `${WHERE}: JSON needs specialTokens and an even-length merges list`);
  }
  const tok = bpeTokenizer({ vocabSize: json.vocabSize, specialTokens: json.specialTokens }) as BpeTokenizerImpl;
  tok.setMerges([...json.merges]);
  return tok;
}
