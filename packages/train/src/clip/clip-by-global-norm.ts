// Global norm clipping (Pascanu, Mikolov & Bengio 2013; TF `clip_by_global_norm`):
//   N = sqrt(Σ_i ‖g_i‖²),   g_i ← g_i · c / max(N, c)
// The direction of the whole update is kept; the total norm N is returned for logging.

import { mul, sqrt, square, stack, sum, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
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
  return Math.hypot(...Object.values(tensorNorms(grads)));
}

/**
 * The L2 norm of each tensor, by name, read off the device in one transfer.
 *
 * @example
 * ```ts
 * tensorNorms({ a: tf.tensor1d([3, 4]) }); // { a: 5 }
 * ```
 */
export function tensorNorms(tensors: NamedTensors): Record<string, number> {
  const names = Object.keys(tensors);
  if (names.length === 0) return {};
  const stacked = tidy(() => stack(names.map((name) => sqrt(sum(square(tensors[name] as Tensor))))));
  const values = stacked.dataSync();
  stacked.dispose();
  return Object.fromEntries(names.map((name, i) => [name, values[i] as number]));
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
