import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ADDING_PROBLEM_TRIVIAL_MSE, addingProblem } from './adding-problem.js';
import { noisySine } from './noisy-sine.js';

describe('addingProblem', () => {
  it('marks exactly two steps, one in each half, and the target is the sum of their values', () => {
    const { x, y } = addingProblem({ length: 9, samples: 200, seed: 1 });
    const xs = x.arraySync();
    const ys = y.arraySync();
    xs.forEach((steps, s) => {
      const marked = steps.flatMap(([, m], t) => (m === 1 ? [t] : []));
      expect(marked).toHaveLength(2);
      expect(marked[0]).toBeLessThan(4);
      expect(marked[1]).toBeGreaterThanOrEqual(4);
      expect(ys[s]![0]).toBeCloseTo(steps[marked[0]!]![0]! + steps[marked[1]!]![0]!, 5);
      expect(steps.every(([u]) => u! >= 0 && u! < 1)).toBe(true);
    });
  });

  it('always answering 1 scores Var(u₁ + u₂) = 1/6 (20 000 samples, 4σ)', () => {
    const { y } = addingProblem({ length: 4, samples: 20_000, seed: 2 });
    const mse = tf.mean(tf.square(tf.sub(y, 1))).dataSync()[0] as number;
    // Var of (s − 1)² for s = u₁ + u₂: E[(s−1)⁴] − (1/6)² = 1/15 − 1/36.
    expect(Math.abs(mse - ADDING_PROBLEM_TRIVIAL_MSE)).toBeLessThan(4 * Math.sqrt((1 / 15 - 1 / 36) / 20_000));
  });

  it('is reproducible with a seed', () => {
    const a = addingProblem({ length: 5, samples: 3, seed: 7 }).x.arraySync();
    expect(addingProblem({ length: 5, samples: 3, seed: 7 }).x.arraySync()).toEqual(a);
    expect(() => addingProblem({ length: 1, samples: 3 })).toThrow(/length must be an integer ≥ 2/);
  });
});

describe('noisySine', () => {
  it('is a sine of the given period plus noise of the given σ', () => {
    const clean = noisySine({ length: 50, period: 25, noise: 0 });
    expect(clean[0]).toBe(0);
    expect(clean[25]).toBeCloseTo(0, 12);
    expect(clean[Math.round(25 / 4)]).toBeCloseTo(Math.sin((2 * Math.PI * 6) / 25), 12);
    const noisy = noisySine({ length: 20_000, period: 25, noise: 0.1, seed: 3 });
    const residual = noisy.map((v, t) => v - Math.sin((2 * Math.PI * t) / 25));
    const sd = Math.sqrt(residual.reduce((s, r) => s + r * r, 0) / residual.length);
    expect(sd).toBeCloseTo(0.1, 2);
  });
});
