import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyJsString } from '../__fixtures__/arbitraries.js';
import { charTokenizer } from './char-tokenizer.js';
import { tokenizerFromJSON } from './tokenizer-from-json.js';
import { errorCode } from '../__fixtures__/error-code.js';

describe('charTokenizer', () => {
  it('builds the vocabulary in code point order, like a sorted char-rnn vocab', () => {
    const tok = charTokenizer().fit('hello world');
    expect(tok.chars).toEqual([' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    expect(tok.vocabSize).toBe(8);
    expect(Array.from(tok.encode('hello'))).toEqual([3, 2, 4, 4, 5]);
    expect(tok.decode([7, 5, 6])).toBe('wor');
  });

  it('treats an astral character as one token and a lone surrogate as its own token', () => {
    const tok = charTokenizer().fit('a😀\uD800');
    expect(tok.chars).toEqual(['a', '\uD800', '😀']); // U+0061 < U+D800 < U+1F600
    expect(Array.from(tok.encode('😀\uD800a'))).toEqual([2, 1, 0]);
  });

  it('decode(encode(s)) === s for arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(anyJsString, (s) => {
        if (s === '') return;
        const tok = charTokenizer().fit(s);
        expect(tok.decode(tok.encode(s))).toBe(s);
        const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
        expect(Array.from(again.encode(s))).toEqual(Array.from(tok.encode(s)));
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('throws on a character it never saw, or maps it to the OOV token when one is set', () => {
    const strict = charTokenizer().fit('abc');
    expect(() => strict.encode('abz')).toThrow(/"z" \(U\+007A\) at code point 2/);
    const lenient = charTokenizer({ oovToken: '?' }).fit('abc');
    expect(Array.from(lenient.encode('abz'))).toEqual([1, 2, 0]);
    expect(lenient.decode([1, 2, 0])).toBe('ab?');
    expect(tokenizerFromJSON(lenient.toJSON()).vocabSize).toBe(4);
  });

  it('refuses an empty corpus, use before fit, and ids outside the vocabulary', () => {
    expect(errorCode(() => charTokenizer().fit(''))).toBe('EMPTY_INPUT');
    expect(errorCode(() => charTokenizer().fit([]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => charTokenizer().encode('a'))).toBe('NOT_BUILT');
    expect(errorCode(() => charTokenizer().fit('ab').decode([2]))).toBe('INVALID_ARGUMENT');
  });
});
