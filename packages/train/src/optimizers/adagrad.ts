// Adagrad (Duchi et al. 2011), exactly torch.optim.Adagrad's documented algorithm:
//   S_0 = τ                                    (initial accumulator value)
//   γ̃ = γ / (1 + (t − 1)·η)                    (learning-rate decay η)
//   g ← ∇θ + λθ
//   S_t = S_{t−1} + g²
//   θ ← θ − γ̃·g / (√S_t + ε)

import { add, div, fill, mul, sqrt, square, sub } from '@tensorflow/tfjs-core';
import { checkHyper, defineOptimizer } from './optimizer.js';
import type { Optimizer } from './optimizer.js';

/** Options of {@link adagrad}. */
export interface AdagradOptions {
  /**
   * Learning rate γ.
   * @default 0.01
   */
  learningRate?: number;
  /**
   * Learning-rate decay η: step t uses γ / (1 + (t − 1)·η).
   * @default 0
   */
  learningRateDecay?: number;
  /**
   * L2 penalty λ added to the gradient.
   * @default 0
   */
  weightDecay?: number;
  /**
   * Starting value τ of the squared-gradient sum.
   * @default 0
   */
  initialAccumulatorValue?: number;
  /**
   * ε added to √S in the denominator.
   * @default 1e-10
   */
  epsilon?: number;
}

/**
 * Adagrad as torch.optim.Adagrad computes it.
 *
 * @example
 * ```ts
 * const opt = adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.1 });
 * ```
 */
export function adagrad(options: AdagradOptions = {}): Optimizer {
  const { learningRate = 0.01, learningRateDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, epsilon = 1e-10 } = options;
  checkHyper('adagrad', 'learningRateDecay', learningRateDecay);
  checkHyper('adagrad', 'weightDecay', weightDecay);
  checkHyper('adagrad', 'initialAccumulatorValue', initialAccumulatorValue);
  checkHyper('adagrad', 'epsilon', epsilon);
  const hyper = { learningRateDecay, weightDecay, initialAccumulatorValue, epsilon };
  return defineOptimizer('adagrad', learningRate, hyper, ({ param, grad, slots, step, learningRate: lr }) => {
    const decayedLr = lr / (1 + (step - 1) * learningRateDecay);
    const g = weightDecay !== 0 ? add(grad, mul(param, weightDecay)) : grad;
    const previous = slots['sum'] ?? fill(param.shape, initialAccumulatorValue);
    const total = add(previous, square(g));
    return { param: sub(param, mul(div(g, add(sqrt(total), epsilon)), decayedLr)), slots: { sum: total } };
  });
}
