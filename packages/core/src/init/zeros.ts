// Constant initializers: zeros, and the LSTM "unit forget bias" (Jozefowicz et al. 2015):
// bias of the forget gate block set to 1, the rest 0, gate order i, f, c, o.

import { tensor, zeros as tfZeros } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { RnnkitError } from '../errors.js';
import { assertValidShape } from './glorot-uniform.js';

/**
 * A zero tensor.
 *
 * @example
 * ```ts
 * const bias = zeros([256]);
 * ```
 */
export function zeros(shape: readonly number[]): Tensor {
  assertValidShape('zeros', shape);
  return tfZeros([...shape], 'float32');
}

/**
 * LSTM bias `[4·units]` with the forget block (the second of i, f, c, o) set to 1.
 *
 * @example
 * ```ts
 * unitForgetBias(2).dataSync(); // [0, 0, 1, 1, 0, 0, 0, 0]
 * ```
 */
export function unitForgetBias(units: number): Tensor1D {
  if (!Number.isInteger(units) || units <= 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `unitForgetBias: units must be a positive integer, got ${units}`);
  }
  const values = new Float32Array(4 * units);
  values.fill(1, units, 2 * units);
  return tensor(values, [4 * units], 'float32') as Tensor1D;
}
