// Nesterov momentum in PyTorch's form (Sutskever et al. 2013, as torch.optim.SGD writes it):
//   b_1 = g_1,   b_t = μ·b_{t−1} + g_t,   θ ← θ − γ·(g_t + μ·b_t)

import { sgdFamily } from './sgd.js';
import type { Optimizer } from './optimizer.js';

/** Options of {@link nesterov}. */
export interface NesterovOptions {
  /**
   * Learning rate γ.
   * @default 0.001
   */
  learningRate?: number;
  /**
   * Momentum factor μ (> 0).
   * @default 0.9
   */
  momentum?: number;
  /**
   * L2 penalty λ added to the gradient.
   * @default 0
   */
  weightDecay?: number;
}

/**
 * SGD with Nesterov momentum, as torch.optim.SGD(nesterov=True) computes it.
 *
 * @example
 * ```ts
 * const opt = nesterov({ learningRate: 0.01, momentum: 0.9 });
 * ```
 */
export function nesterov(options: NesterovOptions = {}): Optimizer {
  const { momentum: mu = 0.9, ...rest } = options;
  return sgdFamily('nesterov', { ...rest, momentum: mu, dampening: 0, nesterov: true });
}
