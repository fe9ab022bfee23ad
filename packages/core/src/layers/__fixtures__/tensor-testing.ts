// Test helpers: numeric comparison and leak checks shared by the layer and model tests.

import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** max |a − b| over all entries (shapes must match). */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor | number[] | number[][] | number[][][]): number {
  return tf.tidy(() => {
    const other = b instanceof tf.Tensor ? b : tf.tensor(b as number[]);
    expect(a.shape).toEqual(other.shape);
    return tf.max(tf.abs(tf.sub(a, other))).dataSync()[0] as number;
  });
}

/** Runs `fn`, then asserts the live tensor count is back to where it started. */
export function expectNoLeak(fn: () => void): void {
  const before = tf.memory().numTensors;
  fn();
  expect(tf.memory().numTensors).toBe(before);
}

/** A seeded normal tensor. */
export function normal(shape: number[], seed: number, std = 1): tf.Tensor {
  return tf.randomNormal(shape, 0, std, 'float32', seed);
}

/** ‖a − b‖ / ‖b‖. */
export function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(a, b)), tf.add(tf.norm(b), 1e-8)).dataSync()[0] as number);
}
