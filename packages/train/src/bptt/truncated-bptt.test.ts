import { describe, expect, it } from 'vitest';
import { truncationWindows } from './truncated-bptt.js';

describe('truncationWindows', () => {
  it("k1 = k2 gives char-rnn's disjoint chunks (the last one short)", () => {
    expect(truncationWindows(10, { k1: 4 })).toEqual([
      { start: 0, lossStart: 0, end: 4 },
      { start: 4, lossStart: 4, end: 8 },
      { start: 8, lossStart: 8, end: 10 },
    ]);
  });

  it('k2 = 2·k1 backpropagates each chunk’s loss through the previous chunk too', () => {
    expect(truncationWindows(9, { k1: 3, k2: 6 })).toEqual([
      { start: 0, lossStart: 0, end: 3 },
      { start: 0, lossStart: 3, end: 6 },
      { start: 3, lossStart: 6, end: 9 },
    ]);
  });

  it('k2 ≥ T is full BPTT with an update every k1 steps', () => {
    expect(truncationWindows(4, { k1: 2, k2: 4 }).map((w) => w.start)).toEqual([0, 0]);
  });

  it('rejects a k2 that is not a multiple of k1', () => {
    expect(() => truncationWindows(10, { k1: 3, k2: 5 })).toThrow(/k2 must be a multiple of k1/);
  });
});
