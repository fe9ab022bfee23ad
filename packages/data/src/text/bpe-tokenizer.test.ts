import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyJsString } from '../__fixtures__/arbitraries.js';
import { bpeTokenizer } from './bpe-tokenizer.js';
import type { BpeTokenizer } from './bpe-tokenizer.js';
import { forEachPretoken } from './pretokenize.js';
import { tokenizerFromJSON } from './tokenizer-from-json.js';
import { trainBpeMerges } from './train-bpe-merges.js';
import { encodeWtf8 } from './wtf8.js';
import { errorCode } from '../__fixtures__/error-code.js';

const shakespeare = readFileSync(new URL('../../datasets/tinyshakespeare.txt', import.meta.url), 'utf8');

/**
 * Reference BPE trainer, written the slow obvious way (Sennrich et al. 2016, Algorithm 1):
 * recount every adjacent pair of every word before each merge, take the largest count (ties →
 * smallest (left, right)), replace its occurrences left to right.
 */
function naiveMerges(words: { symbols: number[]; count: number }[], numMerges: number, firstId: number): number[] {
  const segs = words.map((w) => ({ symbols: [...w.symbols], count: w.count }));
  const merges: number[] = [];
  for (let r = 0; r < numMerges; r++) {
    const counts = new Map<string, number>();
    for (const w of segs) for (let i = 0; i + 1 < w.symbols.length; i++) {
      const k = `${w.symbols[i]},${w.symbols[i + 1]}`;
      counts.set(k, (counts.get(k) ?? 0) + w.count);
    }
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [k, c] of counts) {
      const [a, b] = k.split(',').map(Number) as [number, number];
      if (c > bestCount || (c === bestCount && best && (a < best[0] || (a === best[0] && b < best[1])))) {
        best = [a, b];
        bestCount = c;
      }
    }
    if (!best) break;
    merges.push(...best);
    const z = firstId + r;
    for (const w of segs) {
      const out: number[] = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i + 1 < w.symbols.length && w.symbols[i] === best[0] && w.symbols[i + 1] === best[1]) {
          out.push(z);
          i++;
        } else out.push(w.symbols[i] as number);
      }
      w.symbols = out;
    }
  }
  return merges;
}


describe('bpeTokenizer training', () => {
  it("reproduces Wikipedia's worked example: aaabdaaabac → Z=aa, Y=ab, X=ZY", () => {
    const tok = bpeTokenizer({ vocabSize: 259 }).fit('aaabdaaabac');
    expect(tok.merges).toEqual([
      [97, 97],
      [97, 98],
      [256, 257],
    ]);
    expect(Array.from(tok.encode('aaabdaaabac'))).toEqual([258, 100, 258, 97, 99]); // X d X a c
    expect(tok.vocabSize).toBe(259);
  });

  it('the incremental trainer learns exactly the merges of a full recount per merge (random corpora)', () => {
    const word = fc.array(fc.constantFrom(97, 98, 99, 100), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.record({ symbols: word, count: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 30 }), (words, numMerges) => {
        expect(trainBpeMerges(words, numMerges, 256)).toEqual(naiveMerges(words, numMerges, 256));
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('matches the reference on real text (the first 20 000 characters of tinyshakespeare, 300 merges)', () => {
    const counts = new Map<string, number>();
    forEachPretoken(shakespeare.slice(0, 20_000), (p) => counts.set(p, (counts.get(p) ?? 0) + 1));
    const words = [...counts].map(([p, count]) => ({ symbols: Array.from(encodeWtf8(p)), count }));
    expect(trainBpeMerges(words, 300, 256)).toEqual(naiveMerges(words, 300, 256));
  });

  it('is deterministic and stops early when the corpus runs out of pairs', () => {
    const a = bpeTokenizer({ vocabSize: 300 }).fit(['to be or not to be', 'that is the question']);
    const b = bpeTokenizer({ vocabSize: 300 }).fit(['to be or not to be', 'that is the question']);
    expect(a.merges).toEqual(b.merges);
    expect(a.vocabSize).toBeLessThan(300);
    expect(bpeTokenizer({ vocabSize: 300 }).fit('x').vocabSize).toBe(256);
  });

  it('refuses vocabSize below the byte alphabet (+ specials), an empty corpus and use before fit', () => {
    expect(errorCode(() => bpeTokenizer({ vocabSize: 255 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => bpeTokenizer({ vocabSize: 256, specialTokens: ['<eos>'] }))).toBe('INVALID_ARGUMENT');
    expect(() => bpeTokenizer({ vocabSize: 200 })).toThrow(/at least 256 \(the byte alphabet\)/);
    expect(errorCode(() => bpeTokenizer({ vocabSize: 300 }).fit(''))).toBe('EMPTY_INPUT');
    expect(errorCode(() => bpeTokenizer({ vocabSize: 300 }).encode('a'))).toBe('NOT_BUILT');
    expect(errorCode(() => bpeTokenizer({ vocabSize: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => bpeTokenizer({ vocabSize: 2 ** 22 }))).toBe('INVALID_ARGUMENT');
  });
});

describe('bpeTokenizer on tinyshakespeare (vocab 512)', () => {
  let tok: BpeTokenizer;
  beforeAll(() => {
    tok = bpeTokenizer({ vocabSize: 512, specialTokens: ['<|endoftext|>'] }).fit(shakespeare);
  });

  it('reaches the target vocabulary and compresses the corpus it was trained on', () => {
    expect(tok.vocabSize).toBe(512);
    const ids = tok.encode(shakespeare);
    expect(tok.decode(ids)).toBe(shakespeare);
    expect(ids.length / shakespeare.length).toBeLessThan(0.6); // ~2 bytes per token or better
    // each merged token's bytes are its two parts' bytes
    for (const [r, [a, b]] of tok.merges.entries()) {
      const id = 257 + r;
      expect(Array.from(tok.tokenBytes(id))).toEqual([...tok.tokenBytes(a), ...tok.tokenBytes(b)]);
    }
  });

  it('decode(encode(s)) === s for arbitrary strings: unseen bytes, astral characters, lone surrogates', () => {
    fc.assert(
      fc.property(anyJsString, (s) => {
        expect(tok.decode(tok.encode(s))).toBe(s);
      }),
      { numRuns: 500, seed: 7 },
    );
    expect(tok.decode(tok.encode('\uD800 lone \uDFFF and 😀'))).toBe('\uD800 lone \uDFFF and 😀');
  });

  it('encodes special tokens as one id and never splits them', () => {
    const ids = tok.encode('ROMEO:<|endoftext|>JULIET:');
    expect(Array.from(ids)).toContain(256);
    expect(tok.decode(ids)).toBe('ROMEO:<|endoftext|>JULIET:');
  });

  it('survives a JSON round trip with identical ids', () => {
    const again = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    const text = shakespeare.slice(5000, 8000);
    expect(Array.from(again.encode(text))).toEqual(Array.from(tok.encode(text)));
    expect(again.vocabSize).toBe(512);
  });

  it('rejects corrupt merges in JSON', () => {
    expect(errorCode(() => tokenizerFromJSON({ kind: 'bpe', version: 1, vocabSize: 300, specialTokens: [], merges: [97, 999] }))).toBe('CORRUPT_FILE');
  });
});
