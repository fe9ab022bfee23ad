// Orthogonal initializer (Saxe et al. 2014), Keras semantics: draw A ~ N(0, 1) of shape
// [max(r, c), min(r, c)] with r = prod(shape[:-1]), c = shape[-1]; take Q of A = QR with
// R's diagonal made positive; transpose when r < c; multiply by `gain`.
// Q comes from CholeskyQR2 in float64 (see cholesky-qr.ts): a 512×2048 init takes ~0.6 s on
// one core, where tfjs's `orthogonal` runs its QR as thousands of small tensor ops.

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';
import { orthonormalizeColumns } from './cholesky-qr.js';
import { assertValidShape } from './glorot-uniform.js';

/**
 * Orthogonal values as a Float32Array (row-major, `shape`), rows or columns orthonormal.
 *
 * @param gain - multiplies the orthogonal matrix. @default 1
 */
export function orthogonalValues(shape: readonly number[], rng: Rng, gain = 1): Float32Array {
  assertValidShape('orthogonal', shape);
  const cols = shape[shape.length - 1] as number;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const long = Math.max(rows, cols);
  const short = Math.min(rows, cols);
  // Column k of A, contiguous at k·long, drawn column by column.
  const a = new Float64Array(long * short);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  const q = orthonormalizeColumns(a, long, short);
  const out = new Float32Array(rows * cols);
  if (rows >= cols) {
    // Q is [rows, cols]: out[i, k] = q_k[i].
    for (let k = 0; k < cols; k++) {
      for (let i = 0; i < rows; i++) out[i * cols + k] = gain * q[k * long + i]!;
    }
  } else {
    // Q is [cols, rows]; out = Qᵀ: out[k, j] = q_k[j].
    for (let k = 0; k < rows; k++) {
      for (let j = 0; j < cols; j++) out[k * cols + j] = gain * q[k * long + j]!;
    }
  }
  return out;
}

/**
 * An orthogonal tensor (Keras `Orthogonal`).
 *
 * @example
 * ```ts
 * const recurrentKernel = orthogonal([64, 256], createRng(7)); // rows orthonormal
 * ```
 */
export function orthogonal(shape: readonly number[], rng: Rng, gain = 1): Tensor {
  return tensor(orthogonalValues(shape, rng, gain), [...shape], 'float32');
}
