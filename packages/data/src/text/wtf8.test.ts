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
      { numRuns: 300, seed: 9 },
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
      { numRuns: 300, seed: 10 },
    );
  });

  it('decodes invalid bytes to U+FFFD exactly as TextDecoder does, with or without surrogates around', () => {
    expect(decodeWtf8(Uint8Array.of(0x61, 0xe2, 0x82))).toBe('a\uFFFD'); // a truncated '€'
    expect(decodeWtf8(Uint8Array.of(0xff, 0x62))).toBe('\uFFFDb');
    expect(decodeWtf8(Uint8Array.of(0xc0, 0x80))).toBe('\uFFFD\uFFFD'); // overlong
    const surrogate = [0xed, 0xa0, 0x80];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), (bytes) => {
        fc.pre(!bytes.some((b, i) => b === 0xed && (bytes[i + 1] ?? 0) >= 0xa0 && (bytes[i + 1] ?? 0) <= 0xbf)); // no surrogate inside
        const reference = new TextDecoder().decode(bytes);
        expect(decodeWtf8(bytes)).toBe(reference);
        // the slow path (forced by a surrogate in front) agrees with TextDecoder on the rest
        expect(decodeWtf8(Uint8Array.from([...surrogate, ...bytes]))).toBe('\uD800' + reference);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
