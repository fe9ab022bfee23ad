// Input checks shared by cells and layers: they fail with an RnnkitError that names the
// expected and the actual shape before any tfjs op sees the tensor.

import type { Tensor } from '@tensorflow/tfjs-core';
import { RnnkitError, formatShape } from './errors.js';

/**
 * Throws unless `t` has `expected`'s rank and, where `expected` has a number, that size.
 * `null` in `expected` accepts any size.
 */
export function checkShape(where: string, what: string, t: Tensor, expected: readonly (number | null)[]): void {
  if (t.rank !== expected.length) {
    throw new RnnkitError(
      'RANK_MISMATCH',
      `${where}: ${what} must have rank ${expected.length} ${formatShape(expected)}, got rank ${t.rank} ${formatShape(t.shape)}`,
      { expected, actual: t.shape },
    );
  }
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i];
    if (want !== null && want !== undefined && t.shape[i] !== want) {
      throw new RnnkitError(
        'SHAPE_MISMATCH',
        `${where}: ${what} must have shape ${formatShape(expected)}, got ${formatShape(t.shape)} (dimension ${i} is ${t.shape[i]}, expected ${want})`,
        { expected, actual: t.shape, axis: i },
      );
    }
  }
}

/** Throws `NON_FINITE` if any value of `t` is NaN or ±Infinity (reads the data: opt-in). */
export function checkFinite(where: string, what: string, t: Tensor): void {
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      const index: number[] = [];
      let rest = i;
      for (let axis = t.rank - 1; axis >= 0; axis--) {
        const size = t.shape[axis] as number;
        index.unshift(rest % size);
        rest = Math.floor(rest / size);
      }
      throw new RnnkitError('NON_FINITE', `${where}: ${what} has a non-finite value ${v} at index ${formatShape(index)}`, {
        index,
        value: v,
      });
    }
  }
}

/** Throws `INVALID_ARGUMENT` unless `value` is a positive integer. */
export function checkPositiveInt(where: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RnnkitError('INVALID_ARGUMENT', `${where}: ${name} must be a positive integer, got ${String(value)}`, { [name]: value });
  }
}
