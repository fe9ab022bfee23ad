import * as tf from '@tensorflow/tfjs-core';
import { RnnkitError, dense, sequential, simpleRnn } from '@rnnkit/core';
import type { SequentialModel } from '@rnnkit/core';
import { describe, expect, it } from 'vitest';
import { sgd } from '../optimizers/sgd.js';
import type { Batch } from './batches.js';
import { train } from './train.js';

function model(): SequentialModel {
  return sequential({ layers: [simpleRnn({ units: 4, activation: 'relu' }), dense({ units: 1 })], inputShape: [4, 1], seed: 5 });
}

function batches(n: number, scale = 1): Batch[] {
  return Array.from({ length: n }, (_, b) => ({
    x: tf.randomUniform([4, 4, 1], 0, scale, 'float32', b + 1),
    y: tf.randomUniform([4, 1], 0, scale, 'float32', b + 100),
  }));
}

const values = (m: SequentialModel): number[][] => m.weights.map((w) => Array.from(w.variable.dataSync()));

describe('the NaN/Inf guard', () => {
  it('a batch with NaN stops training at that step, blames the input and keeps the (untouched) weights', async () => {
    const m = model();
    const data = batches(4);
    data[2] = { x: tf.tensor3d([[[1], [Number.NaN], [0], [1]], [[0], [0], [0], [0]], [[1], [1], [1], [1]], [[2], [2], [2], [2]]]), y: tf.ones([4, 1]) };
    const after: number[][][] = [];
    const result = await train(m, data, { epochs: 3, optimizer: sgd({ learningRate: 0.01 }), callbacks: { onBatchEnd: () => void after.push(values(m)) } });
    expect(result.stopReason).toBe('diverged');
    expect(result.divergence).toMatchObject({ step: 2, epoch: 0, batch: 2, cause: 'nonFiniteInput', restored: 'currentWeights' });
    expect(result.divergence?.message).toMatch(/non-finite loss at step 2 \(epoch 0, batch 2\); likely cause: the batch contains NaN/);
    expect(values(m)).toEqual(after[1]); // the weights after step 1, untouched by the bad batch
    expect(result.history).toHaveLength(0);
  });

  it('an exploding run stops at the first non-finite step and restores the last weights whose step was finite', async () => {
    const m = model();
    const initial = values(m);
    const after: number[][][] = [];
    const norms: number[] = [];
    const result = await train(m, batches(6, 3), {
      epochs: 20,
      optimizer: sgd({ learningRate: 5 }),
      callbacks: {
        onBatchEnd: (l) => {
          after.push(values(m));
          norms.push(l.gradNorm);
        },
      },
    });
    expect(result.stopReason).toBe('diverged');
    const report = result.divergence!;
    expect(['explodingGradient', 'nonFiniteWeights', 'lossOverflow']).toContain(report.cause);
    expect(report.restored).toBe('lastGoodWeights');
    // Step s failed with weights W_s; W_{s−1} (whose step was finite) is back: the weights after step s − 2.
    expect(values(m)).toEqual(report.step >= 2 ? after[report.step - 2] : initial);
    expect(values(m).flat().every(Number.isFinite)).toBe(true);
    expect(report.recentGradNorms).toEqual(norms.slice(-20));
    expect(report.message).toMatch(new RegExp(`step ${report.step} .*likely cause`));
  });

  it("with onNonFinite: 'throw' it rejects with TRAINING_DIVERGED after restoring", async () => {
    const data = batches(2);
    data[1] = { x: tf.fill([4, 4, 1], Number.POSITIVE_INFINITY), y: tf.ones([4, 1]) };
    const err = await train(model(), data, { onNonFinite: 'throw' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RnnkitError);
    expect((err as RnnkitError).code).toBe('TRAINING_DIVERGED');
    expect((err as RnnkitError).details).toMatchObject({ step: 1, cause: 'nonFiniteInput' });
  });
});
