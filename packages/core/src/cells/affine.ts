// The affine map every fused gate block starts from, and its backward step:
//
//   forward:   y = x·W (+ b)                       x [batch, n], W [n, m], b [m]
//   backward:  dx = dy·Wᵀ    dW = xᵀ·dy    db = Σ_batch dy
//
// Cells write z = x·W + h·U + b as two of these, so each gradient is formed in one place.

import { add, matMul, sum } from '@tensorflow/tfjs-core';
import type { Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';

/** y = x·W, plus `b` when given. */
export function affine(x: Tensor2D, weight: Tensor2D, bias?: Tensor1D | null): Tensor2D {
  const y: Tensor2D = matMul(x, weight);
  return bias ? add<Tensor2D>(y, bias) : y;
}

/** Gradients of {@link affine} given ∂L/∂y; `dBias` is null when the map has no bias. */
export function affineBackward(
  x: Tensor2D,
  weight: Tensor2D,
  dy: Tensor2D,
  withBias: boolean,
): { dx: Tensor2D; dWeight: Tensor2D; dBias: Tensor1D | null } {
  return {
    dx: matMul(dy, weight, false, true),
    dWeight: matMul(x, dy, true, false),
    dBias: withBias ? sum<Tensor1D>(dy, 0) : null,
  };
}
