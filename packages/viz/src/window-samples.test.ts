import { describe, expect, it } from 'vitest';
import { windowSamples } from './window-samples.js';

// The lecture's series (slides 24–29).
const series = [35, 32, 45, 48, 41, 39, 36];

describe('windowSamples', () => {
  it('cuts the lecture series with window 3 into 4 samples: [35, 32, 45] → 48 …', () => {
    expect(windowSamples(series, { window: 3 })).toEqual({
      starts: [0, 1, 2, 3],
      inputs: [
        [35, 32, 45],
        [32, 45, 48],
        [45, 48, 41],
        [48, 41, 39],
      ],
      targets: [[48], [41], [39], [36]],
    });
  });

  it('keeps only complete samples with a longer horizon and a stride', () => {
    const out = windowSamples(series, { window: 2, horizon: 2, stride: 2 });
    expect(out.starts).toEqual([0, 2]);
    expect(out.targets).toEqual([
      [45, 48],
      [41, 39],
    ]);
  });

  it('has (n − window − horizon) / stride + 1 samples', () => {
    for (const [window, horizon, stride] of [[1, 1, 1], [3, 1, 1], [2, 3, 2], [5, 2, 3]] as const) {
      const n = series.length;
      expect(windowSamples(series, { window, horizon, stride }).starts).toHaveLength(Math.floor((n - window - horizon) / stride) + 1);
    }
  });

  it('refuses windows longer than the series and non-integer sizes', () => {
    expect(() => windowSamples(series, { window: 7 })).toThrow('windowSamples: a series of length 7 has no complete sample of window 7 + horizon 1');
    expect(() => windowSamples(series, { window: 2.5 })).toThrow('windowSamples: window must be an integer >= 1, got 2.5');
  });
});
