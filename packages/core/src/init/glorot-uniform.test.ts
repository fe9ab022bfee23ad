import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { computeFans, glorotUniform, glorotUniformValues } from './glorot-uniform.js';

beforeAll(useCpuBackend);

describe('glorotUniform', () => {
  it('computes fans as Keras does (receptive field multiplied in above rank 2)', () => {
    expect(computeFans([3, 4])).toEqual({ fanIn: 3, fanOut: 4 });
    expect(computeFans([5])).toEqual({ fanIn: 5, fanOut: 5 });
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
    expect(computeFans([2, 3, 4, 5])).toEqual({ fanIn: 24, fanOut: 30 });
  });

  it('draws from U(−l, l) with l = √(6 / (fanIn + fanOut)): bounds, mean 0 and variance l²/3', () => {
    const [fanIn, fanOut] = [200, 300];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = glorotUniformValues([fanIn, fanOut], createRng(1));
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.max(...Array.from(values, Math.abs))).toBeLessThan(limit);
    expect(Math.max(...Array.from(values, Math.abs))).toBeGreaterThan(0.99 * limit);
    // Standard errors at n = 60 000: 0.0024·l for the mean, 0.37 % for the variance; the bounds
    // sit at 4–5 standard errors (and the seed is fixed).
    expect(Math.abs(mean)).toBeLessThan(0.01 * limit);
    expect(Math.abs(variance / (limit ** 2 / 3) - 1)).toBeLessThan(0.02);
  });

  it('is a function of the seed only', () => {
    expect(Array.from(glorotUniformValues([4, 6], createRng(9)))).toEqual(Array.from(glorotUniformValues([4, 6], createRng(9))));
    expect(Array.from(glorotUniformValues([4, 6], createRng(9)))).not.toEqual(Array.from(glorotUniformValues([4, 6], createRng(10))));
  });

  it('returns a float32 tensor holding the same values', () => {
    const before = tf.memory().numTensors;
    const t = glorotUniform([3, 8], createRng(2));
    expect(t.shape).toEqual([3, 8]);
    expect(Array.from(t.dataSync())).toEqual(Array.from(glorotUniformValues([3, 8], createRng(2))));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a non-positive dimension', () => {
    expect(() => glorotUniformValues([3, -1], createRng(1))).toThrow(RnnkitError);
    expect(() => glorotUniformValues([3, -1], createRng(1))).toThrow(/glorotUniform: every dimension must be a positive integer, got \[3, -1\]/);
  });
});
