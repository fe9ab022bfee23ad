// Stochastic gradient descent, exactly torch.optim.SGD's documented algorithm:
//   g ← ∇θ + λθ                                   (weight decay λ, if ≠ 0)
//   if μ ≠ 0:  b_t ← g                  at t = 1
//              b_t ← μ·b_{t−1} + (1 − τ)·g   after  (dampening τ)
//              g ← g + μ·b_t   (nesterov)   or   g ← b_t
//   θ ← θ − γ·g

import { add, mul } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import { checkHyper, defineOptimizer } from './optimizer.js';
import type { Optimizer, OptimizerKind } from './optimizer.js';

/** Options of {@link sgd}. */
export interface SgdOptions {
  /**
   * Learning rate γ.
   * @default 0.001
   */
  learningRate?: number;
  /**
   * Momentum factor μ (0: plain SGD).
   * @default 0
   */
  momentum?: number;
  /**
   * Dampening τ of the momentum buffer.
   * @default 0
   */
  dampening?: number;
  /**
   * Nesterov momentum (PyTorch's form, g + μ·b_t); needs μ > 0 and τ = 0.
   * @default false
   */
  nesterov?: boolean;
  /**
   * L2 penalty λ added to the gradient.
   * @default 0
   */
  weightDecay?: number;
}

/**
 * SGD with optional momentum, dampening, Nesterov momentum and weight decay (torch.optim.SGD).
 *
 * @example
 * ```ts
 * const opt = sgd({ learningRate: 0.1 });
 * const next = opt.step(params, grads); // new tensors; dispose the old ones
 * ```
 */
export function sgd(options: SgdOptions = {}): Optimizer {
  return sgdFamily('sgd', options);
}

/** SGD under another name (momentum and nesterov are SGD with fixed options). */
export function sgdFamily(kind: OptimizerKind, options: SgdOptions): Optimizer {
  const { learningRate = 1e-3, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = options;
  checkHyper(kind, 'momentum', momentum);
  checkHyper(kind, 'dampening', dampening);
  checkHyper(kind, 'weightDecay', weightDecay);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${kind}: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum ${momentum}, dampening ${dampening}`);
  }
  return defineOptimizer(kind, learningRate, { momentum, dampening, nesterov, weightDecay }, ({ param, grad, slots, step, learningRate: lr }) => {
    let g: Tensor = weightDecay !== 0 ? add(grad, mul(param, weightDecay)) : grad;
    const newSlots: Record<string, Tensor> = {};
    if (momentum !== 0) {
      const previous = slots['momentumBuffer'];
      const b = step === 1 || !previous ? g : add(mul(previous, momentum), mul(g, 1 - dampening));
      newSlots['momentumBuffer'] = b;
      g = nesterov ? add(g, mul(b, momentum)) : b;
    }
    return { param: add(param, mul(g, -lr)), slots: newSlots };
  });
}
