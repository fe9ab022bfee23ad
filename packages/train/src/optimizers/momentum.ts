// Heavy-ball momentum, torch.optim.SGD with nesterov = false:
//   b_1 = g_1,   b_t = μ·b_{t−1} + (1 − τ)·g_t,   θ ← θ − γ·b_t

import { sgdFamily } from './sgd.js';
import type { Optimizer } from './optimizer.js';

/** Options of {@link momentum}. */
export interface MomentumOptions {
  /**
   * Learning rate γ.
   * @default 0.001
   */
  learningRate?: number;
  /**
   * Momentum factor μ.
   * @default 0.9
   */
  momentum?: number;
  /**
   * Dampening τ.
   * @default 0
   */
  dampening?: number;
  /**
   * L2 penalty λ added to the gradient.
   * @default 0
   */
  weightDecay?: number;
}

/**
 * SGD with (heavy-ball) momentum, as torch.optim.SGD computes it.
 *
 * @example
 * ```ts
 * const opt = momentum({ learningRate: 0.01, momentum: 0.9 });
 * ```
 */
export function momentum(options: MomentumOptions = {}): Optimizer {
  const { momentum: mu = 0.9, ...rest } = options;
  return sgdFamily('momentum', { ...rest, momentum: mu, nesterov: false });
}
