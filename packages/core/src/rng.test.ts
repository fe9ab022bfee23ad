import { describe, expect, it } from 'vitest';
import { RnnkitError } from './errors.js';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
  });

  it('saves and restores its state at any point of the stream (state words are unsigned)', () => {
    const rng = createRng(7);
    for (let i = 0; i < 300; i++) {
      const state = rng.getState();
      expect(state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)).toBe(true);
      const expected = rng.next();
      const restored = createRng(0);
      restored.setState(JSON.parse(JSON.stringify(state)) as typeof state);
      expect(restored.next()).toBe(expected);
    }
  });

  it('draws uniform values in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside += 1;
      sum += u;
      sumSq += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 6.5e-4: allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('draws normal values with the requested mean and standard deviation', () => {
    const rng = createRng(2);
    const n = 200_000;
    const xs = Array.from({ length: n }, () => rng.normal(3, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 3)).toBeLessThan(5 * (2 / Math.sqrt(n)));
    expect(Math.abs(std - 2)).toBeLessThan(0.02);
  });

  it('draws every integer of [0, n) and shuffles into a permutation', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(10));
    expect([...seen].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });

  it('forks independent, reproducible child streams', () => {
    const child1 = createRng(5).fork();
    const child2 = createRng(5).fork();
    const parent = createRng(5);
    parent.fork();
    const a = Array.from({ length: 20 }, () => child1.next());
    expect(Array.from({ length: 20 }, () => child2.next())).toEqual(a);
    expect(Array.from({ length: 20 }, () => parent.next())).not.toEqual(a);
  });

  it('refuses a non-finite seed, a bad n and a malformed state', () => {
    expect(() => createRng(Number.NaN)).toThrow(RnnkitError);
    expect(() => createRng(1).int(0)).toThrow(/positive integer/);
    expect(() => createRng(1).setState([1, 2, 3] as unknown as [number, number, number, number])).toThrow(RnnkitError);
  });
});
