// The adding problem (Hochreiter & Schmidhuber 1997, experiment 4; the form of Le, Jaitly &
// Hinton 2015): each step carries a value u ~ U(0, 1) and a marker; exactly two steps are
// marked, one in each half of the sequence; the target is the sum of the two marked values.
// Predicting the mean, 1, scores MSE = Var(u₁ + u₂) = 2/12 ≈ 0.167; solving it needs memory
// over up to T steps.

import { tensor2d, tensor3d } from '@tensorflow/tfjs-core';
import type { Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { checkPositiveInt, createRng } from '@rnnkit/core';
import { RnnkitError } from '@rnnkit/core';

/** Options of {@link addingProblem}. */
export interface AddingProblemOptions {
  /** Sequence length T (≥ 2). */
  length: number;
  /** Number of sequences. */
  samples: number;
  /**
   * Seed of the values and marker positions.
   * @default 0
   */
  seed?: number;
}

/** MSE of always answering 1 (the mean of the target): Var(u₁ + u₂) = 1/6. */
export const ADDING_PROBLEM_TRIVIAL_MSE = 1 / 6;

/**
 * Sequences `x [samples, T, 2]` (value, marker) and targets `y [samples, 1]`.
 *
 * @example
 * ```ts
 * const { x, y } = addingProblem({ length: 50, samples: 1000, seed: 1 });
 * ```
 */
export function addingProblem(options: AddingProblemOptions): { x: Tensor3D; y: Tensor2D } {
  const { length, samples, seed = 0 } = options;
  checkPositiveInt('addingProblem', 'samples', samples);
  if (!Number.isInteger(length) || length < 2) {
    throw new RnnkitError('INVALID_ARGUMENT', `addingProblem: length must be an integer ≥ 2, got ${String(length)}`);
  }
  const rng = createRng(seed);
  const half = Math.floor(length / 2);
  const xs: number[][][] = [];
  const ys: number[][] = [];
  for (let s = 0; s < samples; s++) {
    const first = rng.int(half);
    const second = half + rng.int(length - half);
    const steps = Array.from({ length }, (_, t) => [rng.next(), t === first || t === second ? 1 : 0]);
    xs.push(steps);
    ys.push([(steps[first]?.[0] as number) + (steps[second]?.[0] as number)]);
  }
  return { x: tensor3d(xs), y: tensor2d(ys) };
}
