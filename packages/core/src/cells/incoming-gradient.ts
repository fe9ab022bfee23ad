// The gradient that reaches h_t in a backward step: ∂L/∂y_t from the layer above plus
// ∂L/∂h_t carried back from step t+1. Either may be absent (null) — no loss on this output,
// or the last step of the sequence.

import { add, zeros } from '@tensorflow/tfjs-core';
import type { Tensor2D } from '@tensorflow/tfjs-core';

/** dOutput + dNext, treating null as zero; zeros of `shape` when both are null. */
export function incomingGradient(dOutput: Tensor2D | null | undefined, dNext: Tensor2D | null | undefined, shape: [number, number]): Tensor2D {
  if (dOutput && dNext) return add(dOutput, dNext);
  return dOutput ?? dNext ?? zeros(shape);
}
