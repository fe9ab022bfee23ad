// Glorot/Xavier uniform (Glorot & Bengio 2010): U(−l, l), l = sqrt(6 / (fanIn + fanOut)),
// fans as Keras computes them for a 2-D kernel [fanIn, fanOut].

import { tensor } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from '../errors.js';
import type { Rng } from '../rng.js';

/** Keras's fan computation: 2-D `[in, out]`; higher ranks multiply the receptive field in. */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  if (shape.length === 2) return { fanIn: shape[0] as number, fanOut: shape[1] as number };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: (shape[shape.length - 2] as number) * receptive, fanOut: (shape[shape.length - 1] as number) * receptive };
}

export function assertValidShape(name: string, shape: readonly number[]): void {
  if (shape.some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new RnnkitError('INVALID_ARGUMENT', `${name}: every dimension must be a positive integer, got ${formatShape(shape)}`);
  }
}

/**
 * Glorot-uniform values as a Float32Array (row-major).
 *
 * @example
 * ```ts
 * const w = glorotUniformValues([3, 8], createRng(1));
 * ```
 */
export function glorotUniformValues(shape: readonly number[], rng: Rng): Float32Array {
  assertValidShape('glorotUniform', shape);
  const { fanIn, fanOut } = computeFans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.uniform(-limit, limit);
  return out;
}

/**
 * A Glorot-uniform tensor.
 *
 * @example
 * ```ts
 * const kernel = glorotUniform([1, 256], createRng(42)); // Tensor [1, 256]
 * ```
 */
export function glorotUniform(shape: readonly number[], rng: Rng): Tensor {
  return tensor(glorotUniformValues(shape, rng), [...shape], 'float32');
}
