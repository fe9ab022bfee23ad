import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWtf8, encodeWtf8 } from './wtf8.js';

describe('WTF-8', () => {
  it('equals UTF-8 (TextEncoder / TextDecoder) on well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        fc.pre(!/\p{Cs}/u.test(s)); // well-formed: no lone surrogate
        const bytes = encodeWtf8(s);
        expect(Array.from(bytes)).toEqual(Array.from(new TextEncoder().encode(s)));
        expect(decodeWtf8(bytes)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a lone surrogate as the three bytes of its code point (TextEncoder would write U+FFFD)', () => {
    expect(Array.from(encodeWtf8('\uD800'))).toEqual([0xed, 0xa0, 0x80]);
    expect(Array.from(encodeWtf8('\uDFFF'))).toEqual([0xed, 0xbf, 0xbf]);
    expect(decodeWtf8(encodeWtf8('a\uDC00b\uD83D'))).toBe('a\uDC00b\uD83D');
  });

  it('round-trips every string of UTF-16 code units', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 50 }), (units) => {
        const s = String.fromCharCode(...units);
        expect(decodeWtf8(encodeWtf8(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes bytes that cannot form a character to U+FFFD', () => {
    expect(decodeWtf8([0x61, 0xe2, 0x82])).toBe('a\uFFFD\uFFFD'); // a truncated '€'
    expect(decodeWtf8([0xff, 0x62])).toBe('\uFFFDb');
    expect(decodeWtf8([0xc0, 0x80])).toBe('\uFFFD\uFFFD'); // overlong
  });
});
