import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizerFromJSON } from './tokenizer-from-json.js';
import { KERAS_FILTERS, wordTokenizer } from './word-tokenizer.js';
import { errorCode } from '../__fixtures__/error-code.js';

describe('wordTokenizer — Keras legacy Tokenizer conventions', () => {
  it('ranks words by count, ties in first-seen order, from index 1 (worked from fit_on_texts)', () => {
    const tok = wordTokenizer().fit(['The cat sat on the mat.', 'The dog ate my homework!']);
    // counts: the 3, then cat, sat, on, mat, dog, ate, my, homework once each in first-seen order
    expect([...tok.wordIndex]).toEqual([
      ['the', 1],
      ['cat', 2],
      ['sat', 3],
      ['on', 4],
      ['mat', 5],
      ['dog', 6],
      ['ate', 7],
      ['my', 8],
      ['homework', 9],
    ]);
    expect(tok.documentCount).toBe(2);
    expect(tok.vocabSize).toBe(10); // + padding index 0
    expect(Array.from(tok.encode('The dog sat on a mat'))).toEqual([1, 6, 3, 4, 5]); // 'a' unknown: dropped
  });

  it('breaks ties by first occurrence, not alphabetically', () => {
    const tok = wordTokenizer().fit(['b a', 'a b c']);
    expect([...tok.wordIndex]).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });

  it('puts the OOV token at 1 and applies numWords as ids < numWords (texts_to_sequences)', () => {
    const tok = wordTokenizer({ oovToken: '<OOV>', numWords: 5 }).fit(['The cat sat on the mat.', 'The dog ate my homework!']);
    expect(tok.wordIndex.get('<OOV>')).toBe(1);
    expect(tok.wordIndex.get('the')).toBe(2);
    // dog = 7 ≥ 5 → OOV; bird unknown → OOV; sat = 4 kept
    expect(Array.from(tok.encode('the dog sat bird'))).toEqual([2, 1, 4, 1]);
    expect(tok.vocabSize).toBe(5);
    // sequences_to_texts: ids ≥ numWords and unknown ids become the OOV token
    expect(tok.decode([2, 7, 4, 99])).toBe('the <OOV> sat <OOV>');
  });

  it("uses Keras's default filters and lower-casing; '\\r' and apostrophes are not filtered", () => {
    expect(KERAS_FILTERS).toBe('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n');
    const tok = wordTokenizer();
    expect(tok.words("Hello, World! It's\ta-test\r\n")).toEqual(['hello', 'world', "it's", 'a', 'test\r']);
    expect(wordTokenizer({ lower: false, filters: '' }).words('A,b  C')).toEqual(['A,b', 'C']);
    expect(wordTokenizer({ split: '|' }).words('a|b.c')).toEqual(['a', 'b', 'c']);
  });

  it('decode(encode(s)) === s on in-vocabulary text, and JSON restores the same index', () => {
    const word = fc.stringMatching(/^[a-z0-9']{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (words, seed) => {
        const corpus = words.join(' ');
        const tok = wordTokenizer().fit([corpus, words.slice(seed % words.length).join(' ')]);
        const text = words.slice(0, 1 + (seed % words.length)).join(' ');
        expect(tok.decode(tok.encode(text))).toBe(text);
        const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
        expect(Array.from(again.encode(text))).toEqual(Array.from(tok.encode(text)));
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it('refuses an empty corpus, bad numWords and use before fit', () => {
    expect(errorCode(() => wordTokenizer().fit(['', '...!']))).toBe('EMPTY_INPUT');
    expect(errorCode(() => wordTokenizer({ numWords: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => wordTokenizer().encode('x'))).toBe('NOT_BUILT');
  });
});
