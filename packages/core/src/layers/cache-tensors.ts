// Caches are plain objects of tensors (and numbers, booleans, nulls). tfjs walks such objects
// at run time, but its types only admit `TensorContainer`: these two helpers bridge that.

import { dispose, tidy } from '@tensorflow/tfjs-core';
import type { TensorContainer } from '@tensorflow/tfjs-core';

/** Runs `fn` in a tidy scope, keeping every tensor reachable from its result. */
export function tidyKeep<T>(fn: () => T): T {
  return tidy(fn as () => TensorContainer) as T;
}

/**
 * Disposes every tensor in a forward cache (or forward result). Caches own their tensors, so
 * this never touches a layer's weights or the inputs you passed.
 *
 * @example
 * ```ts
 * const { output, cache } = layer.forward(x, { training: true });
 * // … backward …
 * disposeCache({ output, cache });
 * ```
 */
export function disposeCache(cache: unknown): void {
  dispose(cache as TensorContainer);
}
