import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { activate, activationGradFromOutput, checkActivation } from './activations.js';
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

  // Keras 2 / tf.layers: clip(0.2·x + 0.5, 0, 1); kinks at ±2.5, so the points stay away from them.
  const hardSigmoid = (v: number): number => Math.min(1, Math.max(0, 0.2 * v + 0.5));
  const hardXs = [-7, -2.6, -2.4, -1.3, 0, 0.7, 2.45, 2.55, 4];

  it('hard_sigmoid is clip(0.2·x + 0.5, 0, 1), with derivative 0.2 on the slope and 0 where clipped, matching tf.grad and central differences', () => {
    const x = tf.tensor1d(hardXs);
    const before = tf.memory().numTensors;
    const y = activate('hard_sigmoid', x);
    expect(Array.from(y.dataSync())).toEqual(hardXs.map((v) => expect.closeTo(hardSigmoid(v), 6)));
    const grad = activationGradFromOutput('hard_sigmoid', y);
    const fromOutput = Array.from(grad.dataSync());
    expect(fromOutput).toEqual(hardXs.map((v) => (Math.abs(v) < 2.5 ? expect.closeTo(0.2, 7) : 0)));
    const auto = tf.grad((t: tf.Tensor) => activate('hard_sigmoid', t))(x);
    expect(fromOutput).toEqual(Array.from(auto.dataSync()).map((v) => expect.closeTo(v, 6)));
    const eps = 1e-4;
    expect(fromOutput).toEqual(hardXs.map((v) => expect.closeTo((hardSigmoid(v + eps) - hardSigmoid(v - eps)) / (2 * eps), 6)));
    tf.dispose([y, grad, auto]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('hard_sigmoid agrees with tf.layers\' hardSigmoid bit for bit (same ops)', () => {
    const x = tf.tensor1d([-3.3, -2.5, -0.123, 0.001, 1.7, 2.5, 9]);
    const tfLayers = tf.tidy(() => tf.clipByValue(tf.add(0.5, tf.mul(0.2, x)), 0, 1)); // tfjs-layers K.hardSigmoid
    const ours = activate('hard_sigmoid', x);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(tfLayers.dataSync()));
    tf.dispose([x, tfLayers, ours]);
  });

  it('linear returns a copy the caller may dispose without touching the input', () => {
    const x = tf.tensor1d([1, 2]);
    const y = activate('linear', x);
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual([1, 2]);
    x.dispose();
  });

  it('rejects an unknown activation name, listing the accepted ones', () => {
    const x = tf.tensor1d([1]);
    expect(() => activate('selu' as 'tanh', x)).toThrow(RnnkitError);
    expect(() => checkActivation('lstmCell', 'hardSigmoid')).toThrow(/lstmCell: unknown activation 'hardSigmoid' \(expected tanh, relu, sigmoid, hard_sigmoid, linear\)/);
    expect(checkActivation('lstmCell', 'hard_sigmoid')).toBe('hard_sigmoid');
    x.dispose();
  });
});
