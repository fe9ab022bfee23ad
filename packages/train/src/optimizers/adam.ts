// Adam (Kingma & Ba 2015), exactly torch.optim.Adam's documented algorithm:
//   g ← ∇θ + λθ                                 (L2 weight decay, coupled)
//   m_t = β₁·m_{t−1} + (1 − β₁)·g
//   v_t = β₂·v_{t−1} + (1 − β₂)·g²
//   m̂ = m_t / (1 − β₁ᵗ),   v̂ = v_t / (1 − β₂ᵗ)   (bias correction)
//   θ ← θ − γ·m̂ / (√v̂ + ε)
// AdamW (adamw.ts) shares this with the decay decoupled: θ ← θ − γλθ first, no λθ in g.

import { add, div, mul, sqrt, square, sub } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkHyper, defineOptimizer, movingAverage } from './optimizer.js';
import type { Optimizer, OptimizerKind } from './optimizer.js';

/** Options of {@link adam}. */
export interface AdamOptions {
  /**
   * Learning rate γ.
   * @default 0.001
   */
  learningRate?: number;
  /**
   * Decay β₁ of the first-moment average.
   * @default 0.9
   */
  beta1?: number;
  /**
   * Decay β₂ of the second-moment average.
   * @default 0.999
   */
  beta2?: number;
  /**
   * ε added to √v̂ in the denominator.
   * @default 1e-8
   */
  epsilon?: number;
  /**
   * Weight decay λ: added to the gradient as an L2 penalty (Adam), or decoupled (AdamW).
   * @default 0 (Adam), 0.01 (AdamW)
   */
  weightDecay?: number;
}

/**
 * Adam as torch.optim.Adam computes it.
 *
 * @example
 * ```ts
 * const opt = adam({ learningRate: 1e-3 });
 * ```
 */
export function adam(options: AdamOptions = {}): Optimizer {
  return adamFamily('adam', options);
}

/** Adam with coupled (`'adam'`) or decoupled (`'adamw'`) weight decay. */
export function adamFamily(kind: Extract<OptimizerKind, 'adam' | 'adamw'>, options: AdamOptions): Optimizer {
  const decoupled = kind === 'adamw';
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, weightDecay = decoupled ? 1e-2 : 0 } = options;
  checkHyper(kind, 'beta1', beta1, { below: 1 });
  checkHyper(kind, 'beta2', beta2, { below: 1 });
  checkHyper(kind, 'epsilon', epsilon);
  checkHyper(kind, 'weightDecay', weightDecay);
  const hyper = { beta1, beta2, epsilon, weightDecay };
  return defineOptimizer(kind, learningRate, hyper, ({ param, grad, slots, step, learningRate: lr }) => {
    let theta: Tensor = param;
    let g: Tensor = grad;
    if (weightDecay !== 0 && decoupled) theta = mul(param, 1 - lr * weightDecay);
    if (weightDecay !== 0 && !decoupled) g = add(grad, mul(param, weightDecay));
    const m = movingAverage(slots['m'], g, beta1);
    const v = movingAverage(slots['v'], square(g), beta2);
    const mHat = div(m, 1 - beta1 ** step);
    const vHat = div(v, 1 - beta2 ** step);
    return { param: sub(theta, mul(div(mHat, add(sqrt(vHat), epsilon)), lr)), slots: { m, v } };
  });
}
