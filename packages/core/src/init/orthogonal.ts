// Orthogonal initializer (Saxe et al. 2014), Keras semantics: draw A ~ N(0, 1) of shape
// [max(r, c), min(r, c)] with r = prod(shape[:-1]), c = shape[-1]; take Q of A = QR with
// R's diagonal made positive; transpose when r < c; multiply by `gain`.
// Q comes from modified Gram–Schmidt in float64 over contiguous column vectors: O(r·c·min)
// flops with no tensor ops, so 512×2048 takes a fraction of a second (tfjs's runs its QR
// as thousands of small tensor ops).

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';
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
  // vectors[k] is the k-th column of A (length `long`), stored contiguously.
  const vectors: Float64Array[] = [];
  for (let k = 0; k < short; k++) {
    const v = new Float64Array(long);
    for (let i = 0; i < long; i++) v[i] = rng.normal();
    vectors.push(v);
  }
  for (let k = 0; k < short; k++) {
    const v = vectors[k] as Float64Array;
    // Two passes of MGS ("twice is enough") keep Q orthogonal to float64 precision.
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < k; j++) {
        const q = vectors[j] as Float64Array;
        let dot = 0;
        for (let i = 0; i < long; i++) dot += (q[i] as number) * (v[i] as number);
        for (let i = 0; i < long; i++) v[i] = (v[i] as number) - dot * (q[i] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < long; i++) norm += (v[i] as number) * (v[i] as number);
    norm = Math.sqrt(norm);
    for (let i = 0; i < long; i++) v[i] = (v[i] as number) / norm;
  }
  const out = new Float32Array(rows * cols);
  if (rows >= cols) {
    // Q is [rows, cols]: out[i, k] = vectors[k][i].
    for (let k = 0; k < cols; k++) {
      const q = vectors[k] as Float64Array;
      for (let i = 0; i < rows; i++) out[i * cols + k] = gain * (q[i] as number);
    }
  } else {
    // Q is [cols, rows]; out = Qᵀ: out[k, j] = vectors[k][j].
    for (let k = 0; k < rows; k++) {
      const q = vectors[k] as Float64Array;
      for (let j = 0; j < cols; j++) out[k * cols + j] = gain * (q[j] as number);
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
