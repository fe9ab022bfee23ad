import { describe, expect, it } from 'vitest';
import { constantRate } from './constant.js';
import { cosineWithWarmup } from './cosine-with-warmup.js';
import { exponentialDecay } from './exponential-decay.js';
import { reduceOnPlateau } from './reduce-on-plateau.js';
import { stepDecay } from './step-decay.js';

const at = (step: number, epoch = 0) => ({ step, epoch });

describe('learning-rate schedules', () => {
  it('constant', () => {
    expect(constantRate({ learningRate: 0.002 }).rate(at(12345, 40))).toBe(0.002);
  });

  it('step decay: γ₀·factor^⌊n/stepSize⌋ by epoch or by update', () => {
    const s = stepDecay({ initialRate: 0.1, stepSize: 10, factor: 0.5 });
    expect([0, 9, 10, 25].map((e) => s.rate(at(0, e)))).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(stepDecay({ initialRate: 1, stepSize: 3, unit: 'step' }).rate(at(7, 0))).toBeCloseTo(0.01, 12);
  });

  it('exponential decay: γ₀·factor^n', () => {
    expect(exponentialDecay({ initialRate: 0.002, factor: 0.97 }).rate(at(500, 2))).toBeCloseTo(0.002 * 0.97 * 0.97, 15);
  });

  it('cosine with warmup: linear ramp, peak at W, half-way value at the middle, floor after S', () => {
    const s = cosineWithWarmup({ peakRate: 1e-3, warmupSteps: 100, totalSteps: 1100, minRate: 1e-4 });
    expect(s.rate(at(0))).toBe(0);
    expect(s.rate(at(50))).toBeCloseTo(5e-4, 12);
    expect(s.rate(at(100))).toBeCloseTo(1e-3, 12);
    expect(s.rate(at(600))).toBeCloseTo(1e-4 + 0.5 * 9e-4, 12); // cos(π/2) = 0
    expect(s.rate(at(1100))).toBeCloseTo(1e-4, 12);
    expect(s.rate(at(5000))).toBeCloseTo(1e-4, 12);
    expect(() => cosineWithWarmup({ peakRate: 1, warmupSteps: 10, totalSteps: 10 })).toThrow(/0 ≤ warmupSteps < totalSteps/);
  });

  it('reduce on plateau: reduces after more than `patience` bad epochs, honours cooldown and the floor', () => {
    // Worked by hand with patience 1, cooldown 1, factor 0.5, floor 0.3:
    // v:    1    0.9   0.95  0.95  0.95  0.95  0.95  0.95
    // bad:  0    0     1     2→0   (cd)0 1     2→0   …
    // rate: 1    1     1     0.5   0.5   0.5   0.3   0.3
    const s = reduceOnPlateau({ initialRate: 1, patience: 1, cooldown: 1, factor: 0.5, minRate: 0.3 });
    const rates = [1, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95].map((v) => {
      s.observe?.(v);
      return s.rate(at(0));
    });
    expect(rates).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.3, 0.3]);
  });

  it('reduce on plateau: a relative improvement below the threshold does not count', () => {
    const s = reduceOnPlateau({ initialRate: 1, patience: 0, threshold: 0.1 });
    s.observe?.(1);
    s.observe?.(0.95); // not < 1·(1 − 0.1)
    expect(s.rate(at(0))).toBeCloseTo(0.1, 12);
  });

  it('reduce on plateau: state survives JSON, including an unset best', () => {
    const a = reduceOnPlateau({ initialRate: 1, patience: 1 });
    const fresh = JSON.parse(JSON.stringify(a.getState()));
    a.observe?.(2);
    a.observe?.(3);
    const b = reduceOnPlateau({ initialRate: 1, patience: 1 });
    b.setState(JSON.parse(JSON.stringify(a.getState())));
    a.observe?.(3);
    b.observe?.(3);
    expect(b.rate(at(0))).toBe(a.rate(at(0)));
    expect(a.rate(at(0))).toBeCloseTo(0.1, 12);
    const c = reduceOnPlateau({ initialRate: 1, patience: 0 });
    c.setState(fresh);
    c.observe?.(5);
    expect(c.rate(at(0))).toBe(1); // 5 < ∞: an improvement
  });
});
