import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { RnnkitError } from '../errors.js';
import { createRng } from '../rng.js';
import { useCpuBackend } from '../testing/tf-setup.js';
import { simpleRnnCell } from './simple-rnn-cell.js';

beforeAll(useCpuBackend);

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

describe('simpleRnnCell', () => {
  it('matches tf.layers SimpleRNN with the same weights over a sequence', () => {
    const [batch, steps, inputSize, units] = [3, 7, 4, 5];
    const cell = simpleRnnCell({ units, inputSize });
    const params = cell.initParams(createRng(1));
    const xs = tf.randomNormal([batch, steps, inputSize], 0, 1, 'float32', 3);

    const ours = tf.tidy(() => {
      let state = cell.zeroState(batch);
      const outs: tf.Tensor2D[] = [];
      for (let t = 0; t < steps; t++) {
        const x = tf.squeeze(tf.slice(xs, [0, t, 0], [batch, 1, inputSize]), [1]) as tf.Tensor2D;
        const r = cell.step(params, x, state);
        outs.push(r.output);
        state = r.state;
      }
      return tf.stack(outs, 1);
    });

    const layer = tfl.layers.simpleRNN({ units, returnSequences: true, inputShape: [steps, inputSize] });
    const model = tfl.sequential({ layers: [layer] });
    layer.setWeights([params.kernel, params.recurrentKernel, params.bias]);
    const theirs = model.predict(xs) as tf.Tensor;

    expect(maxAbsDiff(ours, theirs)).toBeLessThanOrEqual(1e-5);
    tf.dispose([ours, theirs, xs, params.kernel, params.recurrentKernel, params.bias]);
    model.dispose();
  });

  it('backward step equals tf.grad of the forward step and central differences', () => {
    const [batch, inputSize, units] = [2, 3, 4];
    for (const activation of ['tanh', 'relu'] as const) {
      const cell = simpleRnnCell({ units, inputSize, activation });
      const p = cell.initParams(createRng(5));
      const x = tf.randomNormal([batch, inputSize], 0, 1, 'float32', 11) as tf.Tensor2D;
      const h0 = tf.randomNormal([batch, units], 0, 1, 'float32', 12) as tf.Tensor2D;
      const dy = tf.randomNormal([batch, units], 0, 1, 'float32', 13) as tf.Tensor2D;
      const before = tf.memory().numTensors;

      const loss = (k: tf.Tensor, u: tf.Tensor, b: tf.Tensor, xx: tf.Tensor, hh: tf.Tensor): tf.Scalar =>
        tf.sum(tf.mul(cell.step({ kernel: k as tf.Tensor2D, recurrentKernel: u as tf.Tensor2D, bias: b as tf.Tensor1D }, xx as tf.Tensor2D, [hh as tf.Tensor2D]).output, dy));
      const auto = tf.grads(loss)([p.kernel, p.recurrentKernel, p.bias, x, h0]);
      const analytic = tf.tidy(() => {
        const { cache } = cell.step(p, x, [h0]);
        return cell.backward(p, cache, dy, [null]);
      });
      const pairs: [tf.Tensor, tf.Tensor][] = [
        [analytic.dParams.kernel, auto[0]!],
        [analytic.dParams.recurrentKernel, auto[1]!],
        [analytic.dParams.bias, auto[2]!],
        [analytic.dx, auto[3]!],
        [analytic.dState[0]!, auto[4]!],
      ];
      for (const [a, b] of pairs) {
        const rel = tf.tidy(() => tf.div(tf.norm(tf.sub(a, b)), tf.add(tf.norm(b), 1e-12)).dataSync()[0] as number);
        expect(rel).toBeLessThanOrEqual(1e-4);
      }

      // Central differences on one kernel entry, in float32 with a step of 1e-2.
      const eps = 1e-2;
      const kernelValues = p.kernel.arraySync();
      const bump = (delta: number): number => {
        const k = kernelValues.map((row) => row.slice());
        k[1]![2] = k[1]![2]! + delta;
        return tf.tidy(() => loss(tf.tensor2d(k), p.recurrentKernel, p.bias, x, h0).dataSync()[0] as number);
      };
      const numeric = (bump(eps) - bump(-eps)) / (2 * eps);
      const analyticEntry = (analytic.dParams.kernel.arraySync() as number[][])[1]![2]!;
      expect(Math.abs(numeric - analyticEntry)).toBeLessThanOrEqual(1e-2 * Math.max(1, Math.abs(numeric)));

      tf.dispose(auto);
      tf.dispose([analytic.dx, ...analytic.dState, analytic.dParams.kernel, analytic.dParams.recurrentKernel, analytic.dParams.bias]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, h0, dy, p.kernel, p.recurrentKernel, p.bias]);
    }
  });

  it('leaves no tensors behind when stepped inside tidy', () => {
    const cell = simpleRnnCell({ units: 4, inputSize: 2 });
    const p = cell.initParams(createRng(2));
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => cell.step(p, tf.ones([1, 2]), cell.zeroState(1)).output);
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([p.kernel, p.recurrentKernel, p.bias]);
  });

  it('rejects an input with the wrong feature size with a shape message', () => {
    const cell = simpleRnnCell({ units: 4, inputSize: 2 });
    const p = cell.initParams(createRng(2));
    const x = tf.ones([1, 3]) as tf.Tensor2D;
    expect(() => tf.tidy(() => cell.step(p, x, cell.zeroState(1)).output)).toThrow(RnnkitError);
    expect(() => tf.tidy(() => cell.step(p, x, cell.zeroState(1)).output)).toThrow(/shape \[\?, 2\], got \[1, 3\]/);
    tf.dispose([x, p.kernel, p.recurrentKernel, p.bias]);
  });
});
