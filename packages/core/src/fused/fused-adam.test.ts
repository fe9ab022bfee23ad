// fusedAdam against tf.train.adam (tfjs's Adam, the same published rule) and against the rule
// written out in float64 in the test, over several steps, for each engine (float64 JS, f32x4
// WASM); leaks, state and bad input.

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRnnkitError } from '../errors.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { fusedAdam } from './fused-adam.js';
import { wasmKernels } from './fused-backend.js';

beforeAll(useCpuBackend);

const settings = { learningRate: 0.01, beta1: 0.8, beta2: 0.95, epsilon: 1e-6 };
const engines = wasmKernels() ? (['js', 'wasm'] as const) : (['js'] as const);

function variables(prefix: string): tf.Variable[] {
  return [tf.variable(tf.randomNormal([3, 4], 0, 1, 'float32', 1), true, `${prefix}/kernel`), tf.variable(tf.randomNormal([4], 0, 1, 'float32', 2), true, `${prefix}/bias`)];
}

/** Gradient of step s for variable i, renamed to the variable's name. */
const gradsFor = (vars: tf.Variable[], s: number): Record<string, tf.Tensor> =>
  Object.fromEntries(vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1 + s, 'float32', 10 * s + i)]));

describe('fusedAdam', () => {
  it.each(engines)('matches tf.train.adam with the same hyper-parameters over 5 steps, within float32 rounding (%s)', (backend) => {
    const ours = variables('ours');
    const theirs = variables('theirs');
    const before = tf.memory().numTensors;
    const optimizer = fusedAdam(ours, { ...settings, backend });
    const reference = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, settings.epsilon);
    for (let s = 0; s < 5; s++) {
      const g = gradsFor(ours, s);
      optimizer.applyGradients(g);
      reference.applyGradients(Object.fromEntries(theirs.map((v, i) => [v.name, g[ours[i]!.name]!])) as unknown as tf.NamedTensorMap as Parameters<typeof reference.applyGradients>[0]);
      tf.dispose(Object.values(g));
    }
    expect(optimizer.iterations).toBe(5);
    optimizer.dispose();
    reference.dispose();
    expect(tf.memory().numTensors).toBe(before);
    ours.forEach((v, i) => {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(v, theirs[i]!))).dataSync()[0] as number);
      expect(diff).toBeLessThan(2e-6);
    });
    tf.dispose([...ours, ...theirs]);
  });

  it.each(engines)('follows the published rule written out in float64 (bias-corrected moments, ε outside the root; %s)', (backend) => {
    // Seven elements: the WASM engine's four-lane loop and its scalar tail.
    const start = [0.5, -1.25, 2, 0.1, -3, 0.75, 1.5];
    const [theta] = [tf.variable(tf.tensor1d(start), true, `rule/theta/${backend}`)];
    const grads = [[0.1, -0.2, 3, 0.5, -1, 0, 2], [-0.4, 0.05, 2, 1, 1, -0.3, 0.2], [1, 1, -1, -2, 0.25, 0.5, -0.5]];
    const optimizer = fusedAdam([theta!], { ...settings, backend });
    const p = [...start];
    const m = start.map(() => 0);
    const v = start.map(() => 0);
    grads.forEach((g, s) => {
      const t = s + 1;
      for (let i = 0; i < start.length; i++) {
        m[i] = settings.beta1 * m[i]! + (1 - settings.beta1) * g[i]!;
        v[i] = settings.beta2 * v[i]! + (1 - settings.beta2) * g[i]! ** 2;
        p[i] = p[i]! - (settings.learningRate * (m[i]! / (1 - settings.beta1 ** t))) / (Math.sqrt(v[i]! / (1 - settings.beta2 ** t)) + settings.epsilon);
      }
      const gt = tf.tensor1d(g);
      optimizer.applyGradients({ [`rule/theta/${backend}`]: gt });
      gt.dispose();
    });
    const got = Array.from(theta!.dataSync());
    got.forEach((x, i) => expect(x).toBeCloseTo(p[i]!, 6));
    theta!.dispose();
  });

  it('leaves no tensors behind, skips variables without a gradient, and refuses bad input', () => {
    const vars = variables('leak');
    const optimizer = fusedAdam(vars);
    const before = tf.memory().numTensors;
    const biasBefore = Array.from(vars[1]!.dataSync());
    const g = { [vars[0]!.name]: tf.ones([3, 4]) };
    optimizer.applyGradients(g);
    tf.dispose(Object.values(g));
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(vars[1]!.dataSync())).toEqual(biasBefore);
    const wrong = { [vars[0]!.name]: tf.ones([4, 3]) };
    let error: unknown = null;
    try {
      optimizer.applyGradients(wrong);
    } catch (e) {
      error = e;
    }
    expect(isRnnkitError(error, 'SHAPE_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain("gradient of 'leak/kernel' has shape [4, 3], the variable [3, 4]");
    tf.dispose(Object.values(wrong));
    expect(() => fusedAdam(vars, { beta1: 1 })).toThrow(/beta1 must be in \[0, 1\), got 1/);
    expect(() => fusedAdam(vars, { learningRate: 0 })).toThrow(/learningRate must be in \(0, Infinity\)/);
    optimizer.dispose();
    expect(() => optimizer.applyGradients({})).toThrow(/disposed/);
    tf.dispose(vars);
  });
});
