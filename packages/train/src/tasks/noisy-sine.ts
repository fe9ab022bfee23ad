// A noisy sine for next-step forecasting checks: s_t = sin(2πt / period) + ε_t, ε ~ N(0, σ²).
// The best any forecaster can do is RMSE ≈ σ; persistence scores about
// sqrt(2σ² + (2π/period)²·½) for unit amplitude.

import { checkPositiveInt, createRng } from '@rnnkit/core';

/** Options of {@link noisySine}. */
export interface NoisySineOptions {
  /** Number of values. */
  length: number;
  /**
   * Steps per period.
   * @default 25
   */
  period?: number;
  /**
   * Noise standard deviation σ.
   * @default 0.1
   */
  noise?: number;
  /**
   * Seed of the noise.
   * @default 0
   */
  seed?: number;
}

/**
 * The series as plain numbers.
 *
 * @example
 * ```ts
 * const series = noisySine({ length: 600, seed: 1 });
 * ```
 */
export function noisySine(options: NoisySineOptions): number[] {
  const { length, period = 25, noise = 0.1, seed = 0 } = options;
  checkPositiveInt('noisySine', 'length', length);
  const rng = createRng(seed);
  return Array.from({ length }, (_, t) => Math.sin((2 * Math.PI * t) / period) + rng.normal(0, noise));
}
