// RMSprop (Hinton, Lecture 6e), exactly torch.optim.RMSprop's documented algorithm:
//   g ← ∇θ + λθ
//   v_t = α·v_{t−1} + (1 − α)·g²              (v_0 = 0)
//   centered:  ḡ_t = α·ḡ_{t−1} + (1 − α)·g,   ṽ = v_t − ḡ_t²     else ṽ = v_t
//   μ > 0:  b_t = μ·b_{t−1} + g / (√ṽ + ε),   θ ← θ − γ·b_t
//   else:   θ ← θ − γ·g / (√ṽ + ε)
// ε sits OUTSIDE the square root (Keras/TF put it inside).

import { add, div, mul, sqrt, square, sub } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkHyper, defineOptimizer, movingAverage } from './optimizer.js';
import type { Optimizer } from './optimizer.js';

/** Options of {@link rmsprop}. */
export interface RmspropOptions {
  /**
   * Learning rate γ.
   * @default 0.01
   */
  learningRate?: number;
  /**
   * Smoothing constant α of the squared-gradient average.
   * @default 0.99
   */
  alpha?: number;
  /**
   * ε added to √ṽ in the denominator.
   * @default 1e-8
   */
  epsilon?: number;
  /**
   * L2 penalty λ added to the gradient.
   * @default 0
   */
  weightDecay?: number;
  /**
   * Momentum factor μ.
   * @default 0
   */
  momentum?: number;
  /**
   * Normalize by the estimated variance (subtract the squared mean gradient).
   * @default false
   */
  centered?: boolean;
}

/**
 * RMSprop as torch.optim.RMSprop computes it.
 *
 * @example
 * ```ts
 * const opt = rmsprop({ learningRate: 0.002 }); // char-rnn's choice
 * ```
 */
export function rmsprop(options: RmspropOptions = {}): Optimizer {
  const { learningRate = 0.01, alpha = 0.99, epsilon = 1e-8, weightDecay = 0, momentum = 0, centered = false } = options;
  checkHyper('rmsprop', 'alpha', alpha, { below: 1 });
  checkHyper('rmsprop', 'epsilon', epsilon);
  checkHyper('rmsprop', 'weightDecay', weightDecay);
  checkHyper('rmsprop', 'momentum', momentum);
  const hyper = { alpha, epsilon, weightDecay, momentum, centered };
  return defineOptimizer('rmsprop', learningRate, hyper, ({ param, grad, slots, learningRate: lr }) => {
    const g = weightDecay !== 0 ? add(grad, mul(param, weightDecay)) : grad;
    const squareAverage = movingAverage(slots['squareAverage'], square(g), alpha);
    const newSlots: Record<string, Tensor> = { squareAverage };
    let variance = squareAverage;
    if (centered) {
      const gradAverage = movingAverage(slots['gradAverage'], g, alpha);
      newSlots['gradAverage'] = gradAverage;
      variance = sub(squareAverage, square(gradAverage));
    }
    let direction = div(g, add(sqrt(variance), epsilon));
    if (momentum > 0) {
      const previous = slots['momentumBuffer'];
      direction = previous ? add(mul(previous, momentum), direction) : direction;
      newSlots['momentumBuffer'] = direction;
    }
    return { param: sub(param, mul(direction, lr)), slots: newSlots };
  });
}
