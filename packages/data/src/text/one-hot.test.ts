import { describe, expect, it } from 'vitest';
import { oneHot } from './one-hot.js';

describe('oneHot', () => {
  it('writes a 1 at each id in rows of length depth', () => {
    expect(Array.from(oneHot([2, 0, 1], 3))).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(oneHot(Int32Array.of(), 4)).toHaveLength(0);
  });

  it('refuses ids outside [0, depth) and a bad depth', () => {
    expect(() => oneHot([3], 3)).toThrow(/id 3 at position 0 is outside \[0, 3\)/);
    expect(() => oneHot([1.5], 3)).toThrow(/outside/);
    expect(() => oneHot([0], 0)).toThrow(/depth/);
  });
});
