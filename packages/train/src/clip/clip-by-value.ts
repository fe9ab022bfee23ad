// Gradient clipping by value: every entry clamped to [−c, c] (Keras `clipvalue`).

import { clipByValue as tfClip, tidy } from '@tensorflow/tfjs-core';
import { RnnkitError } from '@rnnkit/core';
import type { NamedTensors } from '../optimizers/optimizer.js';

/** Throws unless `value` is a positive finite number. */
export function checkClipThreshold(where: string, name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be a positive finite number, got ${String(value)}`, { [name]: value });
  }
}

/**
 * Clamps every gradient entry to [−clipValue, clipValue]. Returns new tensors.
 *
 * @example
 * ```ts
 * const clipped = clipByValue(grads, 5); // char-rnn's grad_clip
 * ```
 */
export function clipByValue(grads: NamedTensors, clipValue: number): NamedTensors {
  checkClipThreshold('clipByValue', 'clipValue', clipValue);
  return tidy(() => Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tfClip(g, -clipValue, clipValue)])));
}
