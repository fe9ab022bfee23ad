import { describe, expect, it } from 'vitest';
import { earlyStopper } from './early-stopping.js';

describe('earlyStopper', () => {
  it('stops after `patience` epochs without an improvement larger than minDelta (worked by hand)', () => {
    // best: 1 → 0.8 → (0.79 is within minDelta 0.05: wait 1) → (0.85: wait 2 = patience: stop)
    const s = earlyStopper({ patience: 2, minDelta: 0.05 });
    expect([1, 0.8, 0.79, 0.85].map((v, e) => s.update(e, v))).toEqual([
      { improved: true, stop: false },
      { improved: true, stop: false },
      { improved: false, stop: false },
      { improved: false, stop: true },
    ]);
    expect(s.state).toEqual({ best: 0.8, bestEpoch: 1, wait: 2 });
  });

  it('a NaN never counts as an improvement', () => {
    const s = earlyStopper({ patience: 1 });
    s.update(0, 1);
    expect(s.update(1, Number.NaN)).toEqual({ improved: false, stop: true });
  });
});
