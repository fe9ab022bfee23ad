// Inverted-dropout masks drawn from a seeded Rng (Keras semantics): an entry is kept when
// u ≥ rate (u ~ U[0, 1)) and then scaled by 1 / (1 − rate), so E[mask] = 1 and inference
// needs no rescaling.

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import type { Rng } from '../rng.js';

/** Throws unless 0 ≤ rate < 1. */
export function checkRate(where: string, name: string, rate: number): void {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be in [0, 1), got ${String(rate)}`, { [name]: rate });
  }
}

/**
 * A dropout mask of `shape`: each entry is 0 with probability `rate`, else 1 / (1 − rate).
 *
 * @example
 * ```ts
 * const mask = dropoutMask([32, 8], 0.2, createRng(1)); // values 0 or 1.25
 * ```
 */
export function dropoutMask(shape: readonly number[], rate: number, rng: Rng): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const scale = 1 / (1 - rate);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.next() >= rate ? scale : 0;
  return tensor(values, [...shape], 'float32');
}
