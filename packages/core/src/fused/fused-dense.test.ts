// fusedMatMul and fusedDense against tfjs: the product and both gradients against tf.matMul under
// tf.grads, a dense layer's output and gradients against layer.apply under tf.variableGrads
// (every activation kind), on both fused backends; no leaks; shape errors name the operands.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { dense } from '../layers/dense.js';
import type { DenseActivation } from '../layers/dense.js';
import { lstm } from '../layers/lstm.js';
import { maxAbsDiff, normal } from '../layers/__fixtures__/tensor-testing.js';
import type { FusedBackendName } from './fused-backend.js';
import { availableFusedBackends } from './fused-backend.js';
import { fusedDense, fusedMatMul } from './fused-dense.js';

beforeAll(useCpuBackend);

const backends: FusedBackendName[] = availableFusedBackends();

describe.each(backends)('fusedMatMul on the %s gemm', (backend) => {
  it.each([
    [1, 1, 1],
    [7, 5, 3],
    [64, 65, 256],
  ])('gives tf.matMul and its gradients (dA = dC·Bᵀ, dB = Aᵀ·dC) for [%i, %i]·[%i, …], within float32 rounding', (m, k, n) => {
    const a = normal([m, k], 1) as tf.Tensor2D;
    const b = normal([k, n], 2) as tf.Tensor2D;
    const dc = normal([m, n], 3);
    const before = tf.memory().numTensors;
    const loss = (f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D, y as tf.Tensor2D), dc));
    const ours = tf.grads(loss((x, y) => fusedMatMul(x, y, { backend })))([a, b]);
    const theirs = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
    const value = fusedMatMul(a, b, { backend });
    const expected = tf.matMul(a, b);
    const tol = 2e-6 * Math.sqrt(Math.max(k, m, n)) * 4;
    expect(maxAbsDiff(value, expected)).toBeLessThan(tol);
    expect(maxAbsDiff(ours[0] as tf.Tensor, theirs[0] as tf.Tensor)).toBeLessThan(tol);
    expect(maxAbsDiff(ours[1] as tf.Tensor, theirs[1] as tf.Tensor)).toBeLessThan(tol);
    tf.dispose([...ours, ...theirs, value, expected]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b, dc]);
  });
});

describe('fusedMatMul input checks', () => {
  it('refuses operands of the wrong rank or mismatched inner dimensions, naming both shapes', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    const b = tf.zeros([4, 5]) as tf.Tensor2D;
    const v = tf.zeros([3]);
    let error: unknown = null;
    try {
      fusedMatMul(a, b);
    } catch (e) {
      error = e;
    }
    expect(isRnnkitError(error, 'SHAPE_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('A is [2, 3], B is [4, 5]');
    expect(() => fusedMatMul(a, v as unknown as tf.Tensor2D)).toThrow(/expected two rank-2 tensors, got shapes \[2, 3\] and \[3\]/);
    tf.dispose([a, b, v]);
  });
});

const activations: DenseActivation[] = ['linear', 'tanh', 'sigmoid', 'relu', 'softmax'];

describe.each(backends)('fusedDense on the %s gemm', (backend) => {
  it.each(activations)('gives layer.apply and its variable gradients for activation %s, rank-3 input', (activation) => {
    const head = dense({ units: 6, activation });
    head.build([null, 4, 5], createRng(1));
    const bias = head.weights[1]!.variable;
    bias.assign(tf.randomNormal([6], 0, 0.5, 'float32', 9));
    const x = normal([3, 4, 5], 2);
    const target = normal([3, 4, 6], 3);
    const variables = head.weights.map((w) => w.variable);
    const before = tf.memory().numTensors;
    const ours = tf.variableGrads(() => tf.sum(tf.mul(fusedDense(head, x, { backend }), target)), variables);
    const theirs = tf.variableGrads(() => tf.sum(tf.mul(head.apply(x), target)), variables);
    expect(maxAbsDiff(ours.value, theirs.value)).toBeLessThan(1e-5);
    for (const v of variables) expect(maxAbsDiff(ours.grads[v.name] as tf.Tensor, theirs.grads[v.name] as tf.Tensor)).toBeLessThan(1e-5);
    const y = fusedDense(head, x, { backend });
    expect(y.shape).toEqual([3, 4, 6]);
    tf.dispose([ours.value, theirs.value, y, ...Object.values(ours.grads), ...Object.values(theirs.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, target]);
    head.dispose();
  });
});

describe('fusedDense input checks', () => {
  it('refuses a layer that is not Dense, an unbuilt layer, and an input with the wrong feature size', () => {
    const rnn = lstm({ units: 2 });
    const x = tf.zeros([2, 3]);
    expect(() => fusedDense(rnn as unknown as Parameters<typeof fusedDense>[0], x)).toThrow(/is a LSTM, not a Dense layer/);
    const head = dense({ units: 2 });
    expect(() => fusedDense(head, x)).toThrow(/is not built/);
    head.build([null, 4], createRng(1));
    let error: unknown = null;
    try {
      fusedDense(head, x);
    } catch (e) {
      error = e;
    }
    expect(isRnnkitError(error, 'SHAPE_MISMATCH')).toBe(true);
    tf.dispose(x);
    head.dispose();
    rnn.dispose();
  });
});
