// Layers that do not change the time axis hand their input mask on (Keras `supports_masking`).
// A returned mask is always a tensor the caller owns.

import { clone } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** A copy of `mask` (or `null`), for the next layer. */
export function passMask(mask: Tensor | null): Tensor | null {
  return mask ? clone(mask) : null;
}
