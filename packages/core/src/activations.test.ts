import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate, activationGradFromOutput } from './activations.js';
import { RnnkitError } from './errors.js';
import { useCpuBackend } from './testing/tf-setup.js';

beforeAll(useCpuBackend);

const xs = [-2.5, -0.3, 0, 0.7, 3];
const formulas = {
  tanh: Math.tanh,
  sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
  relu: (v: number) => Math.max(0, v),
  linear: (v: number) => v,
} as const;

describe('activations', () => {
  for (const name of Object.keys(formulas) as (keyof typeof formulas)[]) {
    it(`${name} matches its formula and its derivative from the output matches tf.grad`, () => {
      const x = tf.tensor1d(xs);
      const before = tf.memory().numTensors;
      const y = activate(name, x);
      expect(Array.from(y.dataSync())).toEqual(xs.map((v) => expect.closeTo(formulas[name](v), 6)));
      const fromOutput = activationGradFromOutput(name, y);
      const auto = tf.grad((t: tf.Tensor) => activate(name, t))(x);
      // relu's derivative at 0 is taken as 0 on both sides.
      expect(Array.from(fromOutput.dataSync())).toEqual(Array.from(auto.dataSync()).map((v) => expect.closeTo(v, 6)));
      tf.dispose([y, fromOutput, auto]);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    });
  }

  it('linear returns a copy the caller may dispose without touching the input', () => {
    const x = tf.tensor1d([1, 2]);
    const y = activate('linear', x);
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual([1, 2]);
    x.dispose();
  });

  it('rejects an unknown activation name', () => {
    const x = tf.tensor1d([1]);
    expect(() => activate('selu' as 'tanh', x)).toThrow(RnnkitError);
    x.dispose();
  });
});
