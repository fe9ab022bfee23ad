// AdamW (Loshchilov & Hutter 2019), exactly torch.optim.AdamW's documented algorithm:
//   θ ← θ − γ·λ·θ                               (decoupled weight decay)
//   m_t, v_t, m̂, v̂ as in Adam (no λθ in the gradient)
//   θ ← θ − γ·m̂ / (√v̂ + ε)

import { adamFamily } from './adam.js';
import type { AdamOptions } from './adam.js';
import type { Optimizer } from './optimizer.js';

/**
 * AdamW as torch.optim.AdamW computes it (`weightDecay` defaults to 0.01).
 *
 * @example
 * ```ts
 * const opt = adamw({ learningRate: 1e-3, weightDecay: 0.01 });
 * ```
 */
export function adamw(options: AdamOptions = {}): Optimizer {
  return adamFamily('adamw', options);
}
