// Per-tensor norm clipping (TF `clip_by_norm`): each gradient g with ‖g‖₂ > c is rescaled to
// g·c/‖g‖₂, independently of the others.

import { div, maximum, mul, norm, tidy } from '@tensorflow/tfjs-core';
import type { NamedTensors } from '../optimizers/optimizer.js';
import { checkClipThreshold } from './clip-by-value.js';

/**
 * Rescales each gradient tensor whose L2 norm exceeds `maxNorm` down to that norm.
 *
 * @example
 * ```ts
 * const clipped = clipByNorm(grads, 1);
 * ```
 */
export function clipByNorm(grads: NamedTensors, maxNorm: number): NamedTensors {
  checkClipThreshold('clipByNorm', 'maxNorm', maxNorm);
  // scale = c / max(‖g‖, c): 1 when already short enough.
  return tidy(() => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, mul(g, div(maxNorm, maximum(norm(g), maxNorm)))])));
}
