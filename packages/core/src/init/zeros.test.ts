import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/tf-setup.js';
import { unitForgetBias, zeros } from './zeros.js';

beforeAll(useCpuBackend);

describe('zeros and unitForgetBias', () => {
  it('zeros gives a float32 tensor of zeros', () => {
    const t = zeros([2, 3]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    t.dispose();
    expect(() => zeros([2, 0])).toThrow(/zeros: every dimension must be a positive integer, got \[2, 0\]/);
  });

  it('unitForgetBias sets the second of the four gate blocks (i, f, c, o) to 1', () => {
    const bias = unitForgetBias(2);
    expect(bias.shape).toEqual([8]);
    expect(Array.from(bias.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    bias.dispose();
    expect(() => unitForgetBias(1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
  });

  it('leaks nothing', () => {
    const before = tf.memory().numTensors;
    tf.dispose([zeros([3]), unitForgetBias(3)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
