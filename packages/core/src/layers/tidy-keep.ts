// `tf.tidy` for results that are plain objects of tensors (caches): tidy keeps every tensor
// it finds in the returned object, whatever its static type.

import { tidy } from '@tensorflow/tfjs-core';
import type { TensorContainer } from '@tensorflow/tfjs-core';

/** Runs `fn` in a tidy scope, keeping every tensor reachable from its result. */
export function tidyKeep<T>(fn: () => T): T {
  return tidy(fn as () => TensorContainer) as T;
}
