import { createRng } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { sampleToken, samplingDistribution } from './sample-token.js';

const logits = [2, 1, 0.5, -1, 0];

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function frequencies(draws: number, options: Parameters<typeof sampleToken>[1], seed: number): number[] {
  const rng = createRng(seed);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < draws; i++) counts[sampleToken(logits, options, rng)]! += 1;
  return counts.map((c) => c / draws);
}

describe('sampleToken', () => {
  it('greedy picks the argmax', () => {
    expect(sampleToken(logits, { method: 'greedy' }, createRng(1))).toBe(0);
    expect(sampleToken([0, 3, 3], { method: 'greedy' }, createRng(1))).toBe(1);
  });

  it('temperature draws follow softmax(z/τ) (20 000 draws, 4σ bound)', () => {
    for (const temperature of [0.5, 1, 2]) {
      const expected = softmax(logits.map((z) => z / temperature));
      expect(samplingDistribution(logits, { temperature })).toEqual(expected.map((p) => expect.closeTo(p, 12)));
      const freq = frequencies(20_000, { temperature }, 7);
      freq.forEach((f, i) => {
        const p = expected[i]!;
        expect(Math.abs(f - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 20_000) + 1e-9);
      });
    }
  });

  it('top-k never draws outside the k largest logits and renormalises among them', () => {
    const freq = frequencies(10_000, { method: 'topK', topK: 2 }, 3);
    expect(freq[2]! + freq[3]! + freq[4]!).toBe(0);
    const p = softmax([2, 1]);
    expect(Math.abs(freq[0]! - p[0]!)).toBeLessThan(4 * Math.sqrt((p[0]! * p[1]!) / 10_000));
  });

  it('the same seed gives the same tokens', () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => sampleToken(logits, { temperature: 1.5 }, rng));
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });

  it('a tiny temperature is greedy in effect and huge logits do not overflow', () => {
    expect(frequencies(200, { temperature: 1e-3 }, 5)[0]).toBe(1);
    expect(samplingDistribution([1000, 999], {})[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it('rejects bad options and non-finite logits', () => {
    expect(() => sampleToken(logits, { temperature: 0 }, createRng(1))).toThrow(/temperature must be a positive/);
    expect(() => sampleToken(logits, { method: 'topK', topK: 0 }, createRng(1))).toThrow(/topK must be a positive integer/);
    expect(() => sampleToken([1, Number.NaN], {}, createRng(1))).toThrow(/logit 1 is NaN/);
  });
});
