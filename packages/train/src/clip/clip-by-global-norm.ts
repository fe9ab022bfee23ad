// Global norm clipping (Pascanu, Mikolov & Bengio 2013; TF `clip_by_global_norm`):
//   N = sqrt(Σ_i ‖g_i‖²),   g_i ← g_i · c / max(N, c)
// The direction of the whole update is kept; the total norm N is returned for logging.

import { add, mul, scalar, sqrt, square, sum, tidy } from '@tensorflow/tfjs-core';
import type { Scalar } from '@tensorflow/tfjs-core';
import type { NamedTensors } from '../optimizers/optimizer.js';
import { checkClipThreshold } from './clip-by-value.js';

/** Gradients after global-norm clipping, with the norm before clipping. */
export type GlobalNormClipResult = {
  grads: NamedTensors;
  /** sqrt(Σ‖g_i‖²) before clipping (NaN/Infinity if a gradient is not finite). */
  totalNorm: number;
};

/**
 * sqrt(Σ_i ‖g_i‖²) over all tensors, as a number.
 *
 * @example
 * ```ts
 * globalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }); // 5
 * ```
 */
export function globalNorm(grads: NamedTensors): number {
  const n = tidy(() => sqrt(Object.values(grads).reduce<Scalar>((acc, g) => add(acc, sum(square(g))), scalar(0))));
  const value = n.dataSync()[0] as number;
  n.dispose();
  return value;
}

/**
 * Scales all gradients together so their global norm is at most `maxNorm`; returns the total
 * norm before clipping.
 *
 * @example
 * ```ts
 * const { grads: clipped, totalNorm } = clipByGlobalNorm(grads, 5);
 * ```
 */
export function clipByGlobalNorm(grads: NamedTensors, maxNorm: number): GlobalNormClipResult {
  checkClipThreshold('clipByGlobalNorm', 'maxNorm', maxNorm);
  const totalNorm = globalNorm(grads);
  const scale = Number.isFinite(totalNorm) ? maxNorm / Math.max(totalNorm, maxNorm) : Number.NaN;
  const clipped = tidy(() => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, mul(g, scale)])));
  return { grads: clipped, totalNorm };
}
