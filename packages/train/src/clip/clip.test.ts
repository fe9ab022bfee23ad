import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { clipByGlobalNorm, globalNorm } from './clip-by-global-norm.js';
import { clipByNorm } from './clip-by-norm.js';
import { clipByValue } from './clip-by-value.js';

const values = (t: tf.Tensor | undefined): number[] => Array.from((t as tf.Tensor).dataSync());

describe('gradient clipping', () => {
  // ‖a‖ = 5, ‖b‖ = 12, global norm sqrt(25 + 144) = 13.
  const grads = () => ({ a: tf.tensor1d([3, -4]), b: tf.tensor2d([[0, 12]]) });

  it('clipByValue clamps entries', () => {
    expect(values(clipByValue(grads(), 3.5).a)).toEqual([3, -3.5]);
    expect(() => clipByValue(grads(), 0)).toThrow(/clipValue must be a positive finite number/);
  });

  it('clipByNorm rescales each tensor on its own', () => {
    const out = clipByNorm(grads(), 6);
    expect(values(out.a)).toEqual([3, -4]); // ‖a‖ = 5 ≤ 6: untouched
    expect(values(out.b)[1]).toBeCloseTo(6, 5); // 12 → 6
  });

  it('clipByGlobalNorm returns the total norm and scales all tensors by c / N', () => {
    const g = grads();
    expect(globalNorm(g)).toBeCloseTo(13, 5);
    const before = tf.memory().numTensors;
    const { grads: out, totalNorm } = clipByGlobalNorm(g, 6.5);
    expect(totalNorm).toBeCloseTo(13, 5);
    expect(values(out.a)).toEqual([1.5, -2]);
    expect(values(out.b)[1]).toBeCloseTo(6, 5);
    expect(globalNorm(out)).toBeCloseTo(6.5, 5);
    tf.dispose(Object.values(out));
    expect(tf.memory().numTensors).toBe(before);
    const loose = clipByGlobalNorm(g, 100);
    expect(values(loose.grads.a)).toEqual([3, -4]);
  });

  it('reports a non-finite total norm instead of hiding it', () => {
    const { totalNorm } = clipByGlobalNorm({ a: tf.tensor1d([Number.NaN, 1]) }, 1);
    expect(totalNorm).toBeNaN();
  });
});
